import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import type { OnboardingEvent, StepLink } from './definition';
import type { ChecklistState, StepState } from './evaluator';
import { summarizeTimeline, type OnboardingTimeline, type TimelineSummary } from './timeline';
import { markdownText } from '../common/plainText';

// Pure pieces of the onboarding view and controller: what the developer did that only
// DX Pulse can remember (persisted per repository), how progress reads in a status bar
// or a view's description, where a link leads, and the timeline as markdown.

/** Observations that cannot be re-checked later and so are kept per repository. */
export const RememberedFacts = z.object({
  events: z.array(z.enum(['buildSucceeded', 'testSucceeded', 'firstCommit'])),
  manualTicks: z.array(z.string()),
  commandsRun: z.array(z.string()),
});
export type RememberedFacts = z.infer<typeof RememberedFacts>;

export function emptyFacts(): RememberedFacts {
  return { events: [], manualTicks: [], commandsRun: [] };
}

/** Reads stored facts; anything unreadable starts empty rather than throwing. */
export function parseFacts(json: unknown): RememberedFacts {
  const r = RememberedFacts.safeParse(json);
  return r.success ? r.data : emptyFacts();
}

/** Adds one item to a list of remembered facts; the same object when it was there already. */
export function remember<K extends keyof RememberedFacts>(facts: RememberedFacts, key: K, value: RememberedFacts[K][number]): RememberedFacts {
  const list = facts[key] as readonly string[];
  if (list.includes(value)) return facts;
  return { ...facts, [key]: [...list, value] };
}

export function forget<K extends keyof RememberedFacts>(facts: RememberedFacts, key: K, value: RememberedFacts[K][number]): RememberedFacts {
  const list = facts[key] as readonly string[];
  if (!list.includes(value)) return facts;
  return { ...facts, [key]: list.filter((x) => x !== value) };
}

/** Which onboarding event an observed build/test outcome means, if any. */
export function eventForOutcome(o: { category: string; success: boolean }): OnboardingEvent | undefined {
  if (!o.success) return undefined;
  if (o.category === 'build') return 'buildSucceeded';
  if (o.category === 'test') return 'testSucceeded';
  return undefined;
}

/** "3 of 7". */
export function progressText(state: Pick<ChecklistState, 'done' | 'total'>): string {
  return l10n.t('{0} of {1}', state.done, state.total);
}

/** The status bar text while incomplete; undefined when there is nothing to nag about. */
export function statusBarText(state: Pick<ChecklistState, 'done' | 'total' | 'complete'> | undefined): string | undefined {
  if (!state || state.complete || state.total === 0) return undefined;
  return l10n.t('$(checklist) Onboarding {0}/{1}', state.done, state.total);
}

/** The short grey text after a step's title. */
/** What a step waits for; blockers by their titles (ids are for files, not people). */
export function stepDescription(s: StepState, titleOf: (id: string) => string = (id) => id, compact = false): string {
  if (s.status !== 'blocked') return s.detail;
  // A tree row has room for one blocker's title; the tooltip names them all.
  if (compact && s.blockedBy.length > 1) return l10n.t('after {0} and {1} more', titleOf(s.blockedBy[0]!), s.blockedBy.length - 1);
  return l10n.t('after {0}', s.blockedBy.map(titleOf).join(', '));
}

/** Why clicking the checkbox of a step that ticks itself does nothing. */
export function selfCheckingReason(s: StepState): string {
  return s.status === 'done'
    ? l10n.t('This step ticks itself ({0}); it cannot be unticked by hand.', s.detail)
    : l10n.t('This step ticks itself when DX Pulse sees it done ({0}); it cannot be ticked by hand.', s.status === 'blocked' ? l10n.t('{0} is done', stepDescription(s)) : s.detail);
}

export type LinkTarget =
  | { kind: 'web'; url: string }
  | { kind: 'file'; path: string }
  | { kind: 'command'; id: string }
  | { kind: 'invalid'; reason: string };

/**
 * Where a checklist link leads. Web pages must be http(s); anything else without a scheme
 * is a workspace-relative file, which may not climb out of the workspace.
 */
export function linkTarget(link: StepLink): LinkTarget {
  if (link.command !== undefined) return { kind: 'command', id: link.command };
  const url = (link.url ?? '').trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { kind: 'web', url };
  if (scheme !== undefined && !/^[a-z]$/i.test(scheme)) {
    return { kind: 'invalid', reason: l10n.t("'{0}' is neither an http(s) address nor a workspace-relative file", url) };
  }
  const rel = url.replace(/\\/g, '/').replace(/^\.\//, '').split('#')[0]!;
  if (rel === '' || rel.startsWith('/') || /^[a-z]:/i.test(rel) || rel.split('/').includes('..')) {
    return { kind: 'invalid', reason: l10n.t("'{0}' must be a path inside the workspace, such as docs/setup.md", url) };
  }
  return { kind: 'file', path: rel };
}

/** 0 s, 42 s, 7 min, 2 h 5 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return l10n.t('{0} s', s);
  const min = Math.round(s / 60);
  if (min < 60) return l10n.t('{0} min', min);
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? l10n.t('{0} h {1} min', h, min % 60) : l10n.t('{0} h', h);
  const d = Math.floor(h / 24);
  return h % 24 ? l10n.t('{0} d {1} h', d, h % 24) : l10n.t('{0} d', d);
}

// Step titles come from the repo's (or the platform's) checklist: text, never markup.
const escapeMd = markdownText;

/** The developer's own setup timeline as a markdown page. */
export function timelineMarkdown(o: {
  timeline: OnboardingTimeline;
  now: number;
  title?: string;
  /** Step ids in checklist order, with their titles. */
  steps: readonly { id: string; title: string }[];
}): string {
  const summary: TimelineSummary = summarizeTimeline(o.timeline, o.now, o.steps.map((s) => s.id));
  const titleOf = new Map(o.steps.map((s) => [s.id, s.title]));
  const name = (id: string): string => escapeMd(titleOf.get(id) ?? id);
  const lines = [`# ${o.title ? l10n.t('Your onboarding timeline: {0}', escapeMd(o.title)) : l10n.t('Your onboarding timeline')}`, ''];
  lines.push(l10n.t('Started {0}. Kept on this machine; while sharing is on (VS Code telemetry and dxPulse.telemetry.level), step completions also go to your platform team as `onboarding.stepCompleted` events.', new Date(o.timeline.startedAt).toLocaleString()), '');
  lines.push(l10n.t('- **Setup time:** {0}', summary.setupMs === undefined ? l10n.t('not finished yet') : formatDuration(summary.setupMs)));
  lines.push(l10n.t('- **Time to first commit:** {0}', summary.timeToFirstCommitMs === undefined ? l10n.t('no commit yet') : formatDuration(summary.timeToFirstCommitMs)));
  if (summary.stuckOn) {
    const s = summary.stuckOn;
    lines.push(s.done ? l10n.t('- **Longest step:** {0} ({1})', name(s.id), formatDuration(s.ms)) : l10n.t('- **Longest step:** {0} ({1}, still open)', name(s.id), formatDuration(s.ms)));
  }
  lines.push('', l10n.t('| Step | Status | Time on it | Done at |'), '|---|---|---|---|');
  for (const d of summary.perStep) {
    const done = o.timeline.steps[d.id]?.completedAt;
    lines.push(`| ${name(d.id)} | ${d.done ? l10n.t('done') : l10n.t('open')} | ${formatDuration(d.ms)} | ${done === undefined ? '' : new Date(done).toLocaleString()} |`);
  }
  if (summary.perStep.length === 0) lines.push(l10n.t('| (no steps seen yet) | | | |'));
  lines.push('', l10n.t('"Time on it" runs from when a step\'s prerequisites were done (or it first appeared) until it was done.'), '');
  return lines.join('\n');
}

/** Steps that became done between two timelines, with how long each took. */
export function newlyCompleted(before: OnboardingTimeline, after: OnboardingTimeline): { stepId: string; durationMs: number; sinceChecklistMs: number }[] {
  const out: { stepId: string; durationMs: number; sinceChecklistMs: number }[] = [];
  for (const [id, s] of Object.entries(after.steps)) {
    if (s.completedAt === undefined || before.steps[id]?.completedAt !== undefined) continue;
    // startedAt: the checklist's first appearance in this repository (the funnel's clock).
    out.push({ stepId: id, durationMs: Math.max(0, s.completedAt - (s.unblockedAt ?? s.firstSeenAt)), sinceChecklistMs: Math.max(0, s.completedAt - after.startedAt) });
  }
  return out;
}
