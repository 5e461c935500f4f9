// CI runs as a CI step posts them (POST /admin/v1/ci-runs), checked with the contract's own
// CiRun schema, and the per-repository summary the Delivery page shows, computed by the
// extension's CI engine (src/core/ci/ciEngine.ts). Pure: no I/O.
import * as z from 'zod/mini';
import { computeCiReport, type CiBranchReport } from '../../../src/core/ci/ciEngine';
import { CiRun } from '../../../src/core/platform/contract';
import { canonicalRepoId } from './repos';

export const MAX_CI_RUNS_PER_POST = 1000;

export const CiRunsInput = z.strictObject({
  /** The repository: its URL (https://github.com/acme/shop, git@...) or its platform id. */
  repo: z.string().check(z.minLength(1), z.maxLength(1000)),
  defaultBranch: z.optional(z.string().check(z.minLength(1), z.maxLength(250))),
  runs: z.array(CiRun).check(z.minLength(1), z.maxLength(MAX_CI_RUNS_PER_POST)),
});
export type CiRunsInput = z.infer<typeof CiRunsInput>;

/** The repository id the runs are stored under: the one the extension asks with. */
export function ciRepoId(input: CiRunsInput): string {
  return canonicalRepoId(input.repo);
}

export interface CiRepoSummary {
  readonly repoId: string;
  /** The registered name (host/owner/repo), when the repository is registered. */
  readonly repo?: string;
  readonly service?: string;
  readonly team?: string;
  readonly defaultBranch: string;
  readonly report: CiBranchReport;
}

/** One repository's default-branch CI numbers over the window. */
export function ciRepoSummary(repoId: string, defaultBranch: string, runs: readonly CiRun[], now: number, windowDays: number, names: { repo?: string; service?: string; team?: string }): CiRepoSummary {
  const report = computeCiReport(runs, { now, windowDays, defaultBranch }).defaultBranch;
  return { repoId, ...names, defaultBranch, report };
}
