// Who may send what. VS Code's telemetry switch is the ceiling: DX Pulse's own setting,
// a repo file or a platform can only narrow it, never widen it.

export type SharingLevel = 'off' | 'signals' | 'all';

const RANK: Record<SharingLevel, number> = { off: 0, signals: 1, all: 2 };

/** The most restrictive of VS Code's switch and every narrower level that applies. */
export function effectiveSharing(vscodeTelemetryEnabled: boolean, ...levels: (SharingLevel | undefined)[]): SharingLevel {
  let result: SharingLevel = vscodeTelemetryEnabled ? 'all' : 'off';
  for (const l of levels) if (l && RANK[l] < RANK[result]) result = l;
  return result;
}

/**
 * Event kinds that are automatic signals. Everything else (what a person types or
 * chooses: friction reports, survey answers, and survey.shown/dismissed, kept at the
 * level of the answers so a response rate compares the same people) needs `all`.
 * docs.searched is a signal without its query: the query is dropped below `all`
 * (DocsSession decides, since the gate sees kinds, not fields).
 */
const SIGNAL_KINDS = new Set([
  'task.ended', 'terminal.commandEnded', 'setup.completed', 'newHire.firstCommit', 'stuck.detected', 'onboarding.stepCompleted', 'outbox.dropped',
  'activity.day', 'docs.opened', 'docs.searched', 'deprecation.affected', 'deprecation.resolved', 'goldenPath.evaluated',
]);

export function mayRecord(level: SharingLevel, kind: string): boolean {
  if (level === 'off') return false;
  if (level === 'all') return true;
  return SIGNAL_KINDS.has(kind);
}

/**
 * The `.dx/pulse.yaml` feature that owns an event kind: when a repo or platform turns
 * that feature off, its events are not recorded. What a person sends on purpose
 * (friction reports) and the outbox's own drop counts belong to no feature.
 */
type GatedFeature = 'signals' | 'surveys' | 'onboarding' | 'docs';
// activity.day belongs to no feature: it is the denominator of every other count.
const FEATURE_OF_KIND: Record<string, GatedFeature> = {
  'task.ended': 'signals',
  'terminal.commandEnded': 'signals',
  'setup.completed': 'signals',
  'newHire.firstCommit': 'signals',
  'stuck.detected': 'signals',
  'stuck.helpChosen': 'signals',
  'survey.answered': 'surveys',
  'survey.shown': 'surveys',
  'survey.dismissed': 'surveys',
  'onboarding.stepCompleted': 'onboarding',
  'docs.opened': 'docs',
  'docs.searched': 'docs',
  'deprecation.affected': 'docs',
  'deprecation.resolved': 'docs',
};

export function featureAllows(features: Readonly<Record<GatedFeature, boolean>>, kind: string): boolean {
  const feature = FEATURE_OF_KIND[kind];
  return feature === undefined || features[feature];
}
