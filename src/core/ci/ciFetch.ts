// Which source the sidebar's CI numbers come from, tried in order as the deploy metrics
// do (docs/metrics.md): the platform when one is configured, else GitHub Actions when the
// repo is on GitHub and a token is available, else GitLab pipelines when the remote is on
// GitLab. What a source gives is cached on disk as CiData, so the view renders at once.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { errorMessage, type Log } from '../common/log';
import { SourceError } from '../metrics/metricsFetch';
import type { ServiceIdentity } from '../metrics/serviceIdentity';
import { CiRun as CiRunSchema } from '../platform/contract';
import type { PlatformClient } from '../platform/client';
import type { HttpTransport } from '../platform/transport';
import { GitHubActionsSource, type EtagStore } from './githubActionsSource';
import { gitlabApiFor, GitLabPipelinesSource } from './gitlabSource';
import type { CiRun } from './types';

const DAY_MS = 86_400_000;

export const CI_SOURCES = ['platform', 'github', 'gitlab'] as const;
export type CiSource = (typeof CI_SOURCES)[number];

/** What the CI section shows, as cached: validated on reading, so a damaged cache is no cache. */
export const CiData = z.object({
  version: z.literal(1),
  source: z.enum(CI_SOURCES),
  fetchedAt: z.number(),
  defaultBranch: z.optional(z.string()),
  warnings: z.array(z.string()),
  rateLimit: z.optional(z.object({ remaining: z.number(), limit: z.number(), resetAt: z.optional(z.number()) })),
  runs: z.array(z.object({ ...CiRunSchema.shape, startedAt: z.union([z.number(), z.string()]), finishedAt: z.union([z.number(), z.string()]) })),
});
export type CiData = Omit<z.infer<typeof CiData>, 'runs'> & { readonly runs: readonly CiRun[] };

export interface CiFetchInput {
  readonly identity: ServiceIdentity;
  /** The platform's id of this repository (configuredRepoIdentity); undefined without a remote. */
  readonly repoId: string | undefined;
  /** The parsed remote, for GitLab. */
  readonly remote: { readonly host: string; readonly owner: string; readonly repo: string } | undefined;
  readonly currentBranch: string | undefined;
  readonly now: number;
  readonly platform: Pick<PlatformClient, 'getCiRuns'> | undefined;
  readonly githubApiUrl: string;
  readonly githubToken: () => Promise<string | undefined>;
  readonly etags: EtagStore;
  readonly transport: HttpTransport;
  readonly log?: Log;
}

/** No source can be asked (no token, no CI host): the view shows it as a hint, not an error. */
export class CiNotConfigured extends SourceError {}

/** The longest window (90 days) and the one before it. */
export function ciSince(now: number): number {
  return now - 180 * DAY_MS;
}

/** Fetches from the first source that answers; throws SourceError when none can. */
export async function fetchCiRuns(input: CiFetchInput): Promise<CiData> {
  const { now } = input;
  const since = ciSince(now);
  const branches = input.currentBranch ? [input.currentBranch] : [];
  const notes: string[] = [];
  if (input.platform && input.repoId) {
    try {
      const res = await input.platform.getCiRuns(input.repoId, since);
      if (res.stale && res.error) throw new Error(res.error.message);
      // A platform that has no runs for this repo gives way to GitHub or GitLab.
      if (res.data.runs.length > 0) return { version: 1, source: 'platform', fetchedAt: now, ...(res.data.defaultBranch ? { defaultBranch: res.data.defaultBranch } : {}), warnings: [], runs: res.data.runs };
      notes.push(l10n.t('The platform has no CI runs for this repository, so these come from the next source.'));
    } catch (e) {
      notes.push(l10n.t('The platform did not answer ({0}), so these numbers come from the next source.', errorMessage(e)));
      input.log?.warn(`platform CI runs failed, trying the next source: ${errorMessage(e)}`);
    }
  }
  const gh = input.identity.github;
  if (gh) {
    const token = await input.githubToken();
    if (!token) {
      throw new CiNotConfigured(
        l10n.t('DX Pulse has no GitHub token for {0}/{1}.', gh.owner, gh.repo),
        l10n.t('Run “DX Pulse: Connect GitHub” to read its GitHub Actions runs, or post CI runs to your platform (POST /admin/v1/ci-runs).'),
      );
    }
    const res = await new GitHubActionsSource({ http: input.transport, owner: gh.owner, repo: gh.repo, apiBaseUrl: input.githubApiUrl, getToken: async () => token, branches, since, etags: input.etags, log: input.log }).fetch();
    if (!res.ok) {
      const hint = res.kind === 'auth' || res.kind === 'forbidden' ? l10n.t('Run “DX Pulse: Connect GitHub” to give DX Pulse a token that can read Actions.') : res.kind === 'rateLimit' ? l10n.t('GitHub’s rate limit was reached; DX Pulse will try again later.') : l10n.t('Check dxPulse.metrics.githubApiUrl and your network.');
      throw new SourceError(res.error, hint);
    }
    return { version: 1, source: 'github', fetchedAt: now, ...(res.defaultBranch ? { defaultBranch: res.defaultBranch } : {}), ...(res.rateLimit ? { rateLimit: res.rateLimit } : {}), warnings: [...notes, ...res.warnings], runs: res.runs };
  }
  const gitlab = input.remote && gitlabApiFor(input.remote.host);
  if (gitlab && input.remote) {
    const res = await new GitLabPipelinesSource({ http: input.transport, apiBaseUrl: gitlab, projectPath: `${input.remote.owner}/${input.remote.repo}`, branches, since, log: input.log }).fetch();
    if (!res.ok) throw new SourceError(res.error, l10n.t('Post CI runs to your platform (POST /admin/v1/ci-runs) to see them here.'));
    return { version: 1, source: 'gitlab', fetchedAt: now, ...(res.defaultBranch ? { defaultBranch: res.defaultBranch } : {}), warnings: [...notes, ...res.warnings], runs: res.runs };
  }
  throw new CiNotConfigured(
    notes[0] ?? l10n.t('No CI source for this repository.'),
    l10n.t('DX Pulse reads CI runs from your platform (POST /admin/v1/ci-runs), GitHub Actions or GitLab pipelines; this repository has none of them.'),
  );
}
