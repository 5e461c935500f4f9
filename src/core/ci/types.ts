// The shapes the CI-duration engine reads: one workflow run (one attempt) of a CI system,
// with its jobs and their steps. Times are epoch ms or ISO 8601 strings (see metrics/time.ts).
import type { TimeInput } from '../metrics/types';

export interface CiStep {
  readonly name: string;
  readonly durationMs: number;
}

export interface CiJob {
  readonly name: string;
  readonly durationMs: number;
  readonly steps?: readonly CiStep[];
}

/** success and failure are finished runs; cancelled (or skipped) runs are left out of every number. */
export type CiConclusion = 'success' | 'failure' | 'cancelled';

export interface CiRun {
  /** Unique per attempt (GitHub: `${run id}:${attempt}`; GitLab: the pipeline id). */
  readonly id: string;
  /** The workflow (GitHub) or the pipeline's source (GitLab); reruns share it with the sha. */
  readonly workflow: string;
  readonly branch: string;
  readonly sha: string;
  /** 1 for the first run of this workflow on this commit, 2 for its first rerun, ... */
  readonly attempt: number;
  readonly conclusion: CiConclusion;
  readonly startedAt: TimeInput;
  readonly finishedAt: TimeInput;
  readonly jobs?: readonly CiJob[];
}

/** The seed's target: "CI under 10 minutes; every minute over 10 is lost productivity". */
export const CI_TARGET_MINUTES = 10;
