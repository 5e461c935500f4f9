// The shapes the DORA engine reads and writes. Times are UTC epoch milliseconds inside the
// engine; inputs may also be ISO 8601 strings (see parseTime in time.ts).

export type EpochMs = number;
/** Epoch milliseconds, or an ISO 8601 string; a string without an offset is read as UTC. */
export type TimeInput = number | string;

export interface ShippedCommit {
  readonly sha: string;
  /** When the commit was made (committer time). */
  readonly time: TimeInput;
}

/** Did the deploy itself happen? Only 'success' deploys count as deployments. */
export type DeploymentStatus = 'success' | 'failure';

export interface Deployment {
  readonly id: string;
  readonly service: string;
  readonly environment: string;
  /** When the change was running in the environment. */
  readonly time: TimeInput;
  readonly status: DeploymentStatus;
  /** The commits this deploy shipped; a commit already shipped by an earlier deploy may repeat here. */
  readonly commits: readonly ShippedCommit[];
  /** The change caused a failure in production (needed a rollback, revert or hotfix). */
  readonly failed: boolean;
  /** When service was restored after the failure; absent while the failure is open. */
  readonly restoredAt?: TimeInput;
  /** Incidents linked to this deploy; any link makes it a failed deploy, counted once. */
  readonly incidentIds?: readonly string[];
  /** An unplanned deploy made because of a production incident (hotfix, revert, rollback). */
  readonly unplanned?: boolean;
}

export type WindowDays = 7 | 30 | 90;
export const WINDOW_DAYS: readonly WindowDays[] = [7, 30, 90];
export const DEFAULT_WINDOW_DAYS: WindowDays = 30;
export const DEFAULT_ENVIRONMENT = 'production';

export type Band = 'elite' | 'high' | 'medium' | 'low';
/** Four Keys' deployment frequency bucket. */
export type FrequencyBucket = 'daily' | 'weekly' | 'monthly' | 'yearly';
export type MetricKey = 'deploymentFrequency' | 'leadTime' | 'changeFailRate' | 'recoveryTime' | 'reworkRate';

/** 'none' when either window has no value to compare. */
export type TrendDirection = 'better' | 'worse' | 'same' | 'none';

export interface MetricTrend {
  readonly previous: number | null;
  /** current - previous, in the metric's unit. */
  readonly delta: number | null;
  readonly direction: TrendDirection;
}

export interface SeriesPoint {
  /** Start of the bucket (exclusive) and its end (inclusive), epoch ms. */
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly value: number | null;
}

export interface MetricResult {
  readonly key: MetricKey;
  /** The headline number, null when there is nothing to measure in the window. */
  readonly value: number | null;
  readonly unit: 'deploys/day' | 'minutes' | 'ratio';
  readonly band: Band | null;
  readonly trend: MetricTrend;
  /** Oldest first, one point per day (7-day window) or per week (30 and 90 days). */
  readonly series: readonly SeriesPoint[];
  /** The deployments this number was computed from (see docs/metrics.md per metric). */
  readonly deploymentIds: readonly string[];
}

export interface DeploymentFrequencyResult extends MetricResult {
  readonly key: 'deploymentFrequency';
  readonly perDay: number;
  readonly perWeek: number;
  readonly deployments: number;
  /** null when there were no deployments in the window. */
  readonly bucket: FrequencyBucket | null;
}

export interface LeadTimeResult extends MetricResult {
  readonly key: 'leadTime';
  readonly medianMinutes: number | null;
  readonly p90Minutes: number | null;
  /** Commits first shipped in the window. */
  readonly commits: number;
}

export interface ChangeFailRateResult extends MetricResult {
  readonly key: 'changeFailRate';
  readonly failed: number;
  readonly deployments: number;
}

export interface OpenFailure {
  readonly deploymentId: string;
  readonly failedAt: EpochMs;
  /** How long it has been open at `now`. */
  readonly openMinutes: number;
}

export interface RecoveryTimeResult extends MetricResult {
  readonly key: 'recoveryTime';
  readonly medianMinutes: number | null;
  readonly recovered: number;
  /** Failures not yet restored at `now`: shown, never part of the median. */
  readonly open: readonly OpenFailure[];
}

export interface ReworkRateResult extends MetricResult {
  readonly key: 'reworkRate';
  readonly unplanned: number;
  readonly deployments: number;
}

/** Input the engine ignored, counted so the view can say so. */
export interface DataIssues {
  /** Deployment or commit times that could not be read. */
  readonly invalidTimes: number;
  /** The same deployment id seen more than once (the last record wins). */
  readonly duplicateIds: number;
  /** Commits made after the deploy that shipped them (clock skew); left out of lead time. */
  readonly commitsAfterDeploy: number;
  /** restoredAt earlier than the deploy; treated as open. */
  readonly restoredBeforeDeploy: number;
}

export interface DoraReport {
  readonly window: { readonly days: WindowDays; readonly start: EpochMs; readonly end: EpochMs };
  readonly previousWindow: { readonly start: EpochMs; readonly end: EpochMs };
  readonly environment: string;
  readonly service: string | undefined;
  readonly deploymentFrequency: DeploymentFrequencyResult;
  readonly leadTime: LeadTimeResult;
  readonly changeFailRate: ChangeFailRateResult;
  readonly recoveryTime: RecoveryTimeResult;
  readonly reworkRate: ReworkRateResult;
  readonly dataIssues: DataIssues;
}
