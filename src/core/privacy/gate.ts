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
 * Event kinds that are automatic friction signals. Everything else (what a person types
 * or chooses: friction reports, survey answers) needs the `all` level.
 */
const SIGNAL_KINDS = new Set(['task.ended', 'terminal.commandEnded', 'setup.completed', 'newHire.firstCommit', 'stuck.detected', 'onboarding.stepCompleted', 'outbox.dropped', 'goldenPath.evaluated']);

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
const FEATURE_OF_KIND: Record<string, 'signals' | 'surveys' | 'onboarding'> = {
  'task.ended': 'signals',
  'terminal.commandEnded': 'signals',
  'setup.completed': 'signals',
  'newHire.firstCommit': 'signals',
  'stuck.detected': 'signals',
  'stuck.helpChosen': 'signals',
  'survey.answered': 'surveys',
  'onboarding.stepCompleted': 'onboarding',
};

export function featureAllows(features: Readonly<Record<'signals' | 'surveys' | 'onboarding', boolean>>, kind: string): boolean {
  const feature = FEATURE_OF_KIND[kind];
  return feature === undefined || features[feature];
}
