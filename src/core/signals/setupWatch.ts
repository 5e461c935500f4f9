import * as l10n from '@vscode/l10n';

// Whether the set-up of a repository can still be timed when DX Pulse first sees it, and
// from when. git's reflog starts with the clone ("clone: from …"), so its first line says
// when (and whether) the repository was cloned. A clone opened the next day is still being
// set up; one cloned weeks ago was set up before DX Pulse could watch. Reflog times can be
// backdated (GIT_COMMITTER_DATE, imported repositories), so the reflog file's own creation
// time counts when it is later.

const DAY_MS = 86_400_000;
/** Longest gap between the clone and DX Pulse first seeing the repository. */
export const SETUP_WATCH_MAX_AGE_DAYS = 7;

export type SetupWatch =
  | { readonly measurable: true; /** When set-up started: the clone. */ readonly since: number }
  | { readonly measurable: false; /** For the developer's own view: why there is no setup time. */ readonly reason: string };

/**
 * `firstReflogLine`: the first line of `.git/logs/HEAD` (undefined when there is none);
 * `reflogCreatedAt`: that file's creation time (ms), when the file system knows it.
 */
export function setupWatch(firstReflogLine: string | undefined, reflogCreatedAt: number | undefined, now: number): SetupWatch {
  if (firstReflogLine === undefined) return { measurable: false, reason: l10n.t('it is not a git repository with history of its own') };
  const m = / (\d{1,12}) [+-]\d{4}\t(.*)$/.exec(firstReflogLine);
  if (!m) return { measurable: false, reason: l10n.t("git's reflog does not say when it was cloned") };
  if (!m[2]!.startsWith('clone:')) return { measurable: false, reason: l10n.t('it was created here (git init), not cloned') };
  const logged = Number(m[1]) * 1000;
  const since = reflogCreatedAt !== undefined && reflogCreatedAt > logged && reflogCreatedAt <= now ? reflogCreatedAt : logged;
  const ageDays = (now - since) / DAY_MS;
  if (ageDays > SETUP_WATCH_MAX_AGE_DAYS) {
    return { measurable: false, reason: l10n.t('it was cloned {0} days before DX Pulse first saw it, so its set-up was not watched', Math.floor(ageDays)) };
  }
  return { measurable: true, since: Math.min(since, now) };
}
