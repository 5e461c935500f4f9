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
const SIGNAL_KINDS = new Set(['task.ended', 'terminal.commandEnded', 'setup.completed', 'newHire.firstCommit', 'stuck.detected', 'onboarding.stepCompleted', 'outbox.dropped']);

export function mayRecord(level: SharingLevel, kind: string): boolean {
  if (level === 'off') return false;
  if (level === 'all') return true;
  return SIGNAL_KINDS.has(kind);
}
