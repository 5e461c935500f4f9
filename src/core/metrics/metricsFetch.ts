import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { errorMessage, type Log } from '../common/log';
import { DEFAULT_DEPLOY_BRANCH, type PulseConfig } from '../config/pulseConfig';
import type { PlatformClient } from '../platform/client';
import type { HttpTransport } from '../platform/transport';
import { deploymentsFromGit, type GitHistory } from './gitSource';
import { GitHubDeploymentsSource } from './githubSource';
import { deploymentsFromPlatform, deploymentsRequestRange } from './platformSource';
import type { ServiceIdentity } from './serviceIdentity';
import { parseTime } from './time';
import type { Deployment } from './types';

// Which source the sidebar's deploy metrics come from, and fetching from it: the platform
// when one is configured, else GitHub deployments when the repo is on GitHub and a token
// is available, else the repository's git history (see docs/metrics.md). What a source
// gives is cached on disk as MetricsData, so the view renders at once and offline.

const DAY_MS = 86_400_000;

const Time = z.union([z.number(), z.string()]);
const DeploymentSchema = z.object({
  id: z.string(),
  service: z.string(),
  environment: z.string(),
  time: Time,
  status: z.enum(['success', 'failure']),
  commits: z.array(z.object({ sha: z.string(), time: Time })),
  failed: z.boolean(),
  restoredAt: z.optional(Time),
  incidentIds: z.optional(z.array(z.string())),
  unplanned: z.optional(z.boolean()),
});

/** What the sidebar shows, as cached: validated on reading, so a damaged cache is no cache. */
export const MetricsData = z.object({
  version: z.literal(1),
  source: z.enum(['platform', 'github', 'git']),
  service: z.string(),
  team: z.optional(z.string()),
  fetchedAt: z.number(),
  warnings: z.array(z.string()),
  deployments: z.array(DeploymentSchema),
});
export type MetricsData = Omit<z.infer<typeof MetricsData>, 'deployments'> & { readonly deployments: readonly Deployment[] };

/** A source failed: what went wrong, and what the developer can do about it. */
export class SourceError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface MetricsFetchInput {
  readonly metrics: PulseConfig['metrics'];
  readonly identity: ServiceIdentity;
  readonly now: number;
  /** The platform client, when a platform is configured. */
  readonly platform: Pick<PlatformClient, 'getDeployments'> | undefined;
  /** A GitHub token for `metrics.githubApiUrl` (asked for only when GitHub may be used). */
  readonly githubToken: (required: boolean) => Promise<string | undefined>;
  readonly transport: HttpTransport;
  /** The repository's git history, when the folder is a git repository. */
  readonly git: GitHistory | undefined;
  readonly log?: Log;
}

/** Fetches from the source the configuration and what is available choose; throws SourceError. */
export async function fetchDeployments(input: MetricsFetchInput): Promise<MetricsData> {
  const { metrics: cfg, identity, now } = input;
  const since = now - 2 * 90 * DAY_MS; // the longest window and the one before it
  const want = cfg.source;
  const base = { version: 1 as const, service: identity.service, team: identity.team, fetchedAt: now };

  // `auto` tries the sources in order (docs/metrics.md): a platform that fails, and GitHub
  // without a token, give way to the next source, and the view says why.
  const notes: string[] = [];
  if (want === 'platform' || (want === 'auto' && input.platform)) {
    try {
      if (!input.platform) throw new SourceError('no platform is configured', l10n.t('Set dxPulse.platform.url in your user settings and run “DX Pulse: Sign In to Platform”.'));
      const res = await input.platform.getDeployments(identity.service, deploymentsRequestRange(now));
      if (res.stale && res.error) throw new SourceError(res.error.message, l10n.t('Check the platform URL and your sign-in; the last good data stays on screen.'));
      return { ...base, source: 'platform', team: res.data.team ?? identity.team, warnings: [], deployments: deploymentsFromPlatform(res.data) };
    } catch (e) {
      if (want === 'platform') throw e;
      notes.push(l10n.t('The platform did not answer ({0}), so these numbers come from the next source.', errorMessage(e)));
      input.log?.warn(`platform deployments failed, trying the next source: ${errorMessage(e)}`);
    }
  }

  const token = identity.github ? await input.githubToken(want === 'github') : undefined;
  if (want === 'github' || (want === 'auto' && identity.github && token)) {
    if (!identity.github) throw new SourceError('this repository has no GitHub remote', l10n.t('Use the git source (dxPulse.metrics.source: git), or add a github.com/project-slug annotation to catalog-info.yaml.'));
    const res = await new GitHubDeploymentsSource({
      http: input.transport,
      owner: identity.github.owner,
      repo: identity.github.repo,
      service: identity.service,
      apiBaseUrl: cfg.githubApiUrl,
      environment: cfg.environment,
      getToken: async () => token,
      since,
      log: input.log,
    }).fetch();
    if (!res.ok) {
      const hint = res.kind === 'auth' || res.kind === 'forbidden' ? l10n.t('Run “DX Pulse: Connect GitHub” to give DX Pulse a token with repo access.') : res.kind === 'rateLimit' ? l10n.t('GitHub’s rate limit was reached; DX Pulse will try again later.') : l10n.t('Check dxPulse.metrics.githubApiUrl and your network.');
      if (want === 'github' || !input.git) throw new SourceError(res.error, hint);
      notes.push(l10n.t('GitHub did not answer ({0}), so these numbers come from git.', res.error));
    } else {
      return { ...base, source: 'github', warnings: [...notes, ...res.warnings], deployments: res.deployments };
    }
  } else if (want === 'auto' && identity.github && !token) {
    notes.push(l10n.t('GitHub deployments were not used: DX Pulse has no GitHub token for {0}/{1}. Run “DX Pulse: Connect GitHub” to use them; until then the numbers come from git.', identity.github.owner, identity.github.repo));
  }

  if (!input.git) throw new SourceError('this folder is not a git repository', l10n.t('Open a git repository, or configure a platform or GitHub source.'));
  const res = await deploymentsFromGit(input.git, {
    service: identity.service,
    environment: cfg.environment,
    // A deploy branch set by the user or the repo file counts merges into it; without
    // one, tags count, falling back to merges into main when no tag matches.
    mode: cfg.deployBranch ? 'merges' : 'tags',
    tagPattern: cfg.deployTagPattern,
    branch: cfg.deployBranch || undefined,
    fallbackBranch: cfg.deployBranch || DEFAULT_DEPLOY_BRANCH,
    hotfixPattern: cfg.hotfixPattern,
    log: input.log,
  });
  if (!res.ok) throw new SourceError(res.error, l10n.t('Check dxPulse.metrics.deployTagPattern and dxPulse.metrics.hotfixPattern.'));
  // Only what the windows can show (as the platform and GitHub are asked for).
  return { ...base, source: 'git', warnings: [...notes, ...res.warnings], deployments: res.deployments.filter((d: Deployment) => parseTime(d.time) >= since) };
}

/** What to say when a source has no deployments at all. */
export function emptyHint(source: MetricsData['source'], tagPattern: string): string {
  if (source === 'git') return l10n.t('DX Pulse counts tags matching {0} as deployments. If your releases are tagged differently, set dxPulse.metrics.deployTagPattern (or metrics.deployTagPattern in .dx/pulse.yaml); if you deploy by merging to a branch, set metrics.deployBranch.', tagPattern);
  if (source === 'github') return l10n.t('GitHub has no deployments for this repository in the last 180 days (environment: production). Set metrics.environment in .dx/pulse.yaml if yours is named differently.');
  return l10n.t('Your platform reported no deployments for this service in the last 180 days. Check that catalog-info.yaml names the service the platform knows.');
}
