import * as l10n from '@vscode/l10n';
import { formatDate } from '../common/dates';
import type { RankedEntry } from './ranking';
import type { ReadState } from './readState';

/** One editor notification for an entry that concerns this repo. */
export interface AffectedNotice {
  entryId: string;
  /** e.g. "Deprecation: Node 16 base images are deprecated. Dockerfile uses node:16-alpine; node < 18 is deprecated. Removed in 12 days." */
  message: string;
  /** The migration guide to offer as the notification's button; the entry URL when there is none. */
  migrationUrl?: string;
  /** True when the entry carries migration steps the host can show in the doc viewer. */
  hasMigrationSteps: boolean;
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * The notices to show now: affected breaking changes and deprecations not notified
 * before. They are recorded in `state` as they are returned, so the host must persist
 * `state.toJSON()` right after; each entry then notifies once, ever.
 */
export function takeAffectedNotices(ranked: readonly RankedEntry[], state: ReadState, locale?: string): AffectedNotice[] {
  const affecting = ranked.filter((r) => r.tier === 0 && r.affected);
  return state.takeNotifications(affecting).map((r) => {
    const e = r.entry;
    const label = e.type === 'breaking' ? l10n.t('Breaking change') : l10n.t('Deprecation');
    // The date as the sidebar shows it: the editor's locale, the UTC day the entry names.
    const when = r.removal ? ` ${r.removal.text[0].toUpperCase()}${r.removal.text.slice(1)} (${formatDate(Date.parse(`${r.removal.date}T00:00:00Z`), locale, 'UTC')}).` : '';
    return {
      entryId: e.id,
      // What this repo uses, not the rule again: the title already says what changes.
      message: `${label}: ${sentence(e.title)} ${sentence(r.affected!.explanation.split('; ')[0]!)}${when}`,
      migrationUrl: e.migrationUrl ?? e.url,
      hasMigrationSteps: !!e.migration,
    };
  });
}
