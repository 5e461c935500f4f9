// Source 2: GitHub deployments and their statuses over REST, through an injected HTTP GET.
// Works against github.com and GitHub Enterprise (https://HOST/api/v3). Never throws: every
// failure comes back as a result whose message says what to do.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { errorMessage, type Log } from '../common/log';
import { isAllowedEndpoint, sameOrigin } from '../common/urls';
import { TransportError, type HttpResponse, type HttpTransport } from '../platform/transport';

const GITHUB_TIMEOUT_MS = 20_000;
import { parseTime } from './time';
import { DEFAULT_ENVIRONMENT, type Deployment, type EpochMs, type ShippedCommit } from './types';

export interface GitHubSourceOptions {
  readonly http: HttpTransport;
  readonly owner: string;
  readonly repo: string;
  /** The service these deployments are labelled with (from serviceIdentity). */
  readonly service: string;
  /** Default https://api.github.com; GitHub Enterprise: https://HOST/api/v3. */
  readonly apiBaseUrl?: string;
  readonly environment?: string;
  /** A token, or undefined to try without one (60 requests an hour). */
  readonly getToken?: () => Promise<string | undefined>;
  /** Deployments created before this are not fetched (e.g. now - 2 x 90 days). */
  readonly since?: EpochMs;
  /** Upper bound on deployments read, to bound the number of requests. Default 300. */
  readonly maxDeployments?: number;
  readonly log?: Log;
}

export type GitHubErrorKind = 'auth' | 'rateLimit' | 'forbidden' | 'notFound' | 'network' | 'server' | 'invalidResponse';

export type GitHubSourceResult =
  | { readonly ok: true; readonly deployments: Deployment[]; readonly warnings: string[]; readonly requests: number }
  | { readonly ok: false; readonly kind: GitHubErrorKind; readonly error: string; readonly resetAt?: EpochMs };

const DeploymentSchema = z.object({
  id: z.number(),
  sha: z.string().check(z.minLength(7)),
  environment: z.string(),
  created_at: z.string(),
});
const DeploymentsSchema = z.array(DeploymentSchema);
const StatusesSchema = z.array(z.object({ state: z.string(), created_at: z.string() }));
const CommitSchema = z.object({
  sha: z.string(),
  commit: z.object({ committer: z.nullable(z.object({ date: z.string() })), author: z.nullable(z.object({ date: z.string() })) }),
});
const CompareSchema = z.object({ total_commits: z.optional(z.number()), commits: z.array(CommitSchema) });

const MAX_BODY_CHARS = 20 << 20;
const CONCURRENCY = 4;

class GitHubError extends Error {
  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    readonly resetAt?: EpochMs,
  ) {
    super(message);
  }
}

function header(res: HttpResponse, name: string): string | undefined {
  return res.headers[name];
}

/** The rel="next" URL of a Link header. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

interface Fetched {
  readonly id: number;
  readonly sha: string;
  readonly time: EpochMs;
  readonly outcome: 'success' | 'failed';
}

export class GitHubDeploymentsSource {
  private readonly _base: string;
  private _requests = 0;

  constructor(private readonly _o: GitHubSourceOptions) {
    this._base = (_o.apiBaseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  }

  async fetch(): Promise<GitHubSourceResult> {
    this._requests = 0;
    const warnings: string[] = [];
    if (!isAllowedEndpoint(this._base)) {
      // The token would travel in clear (or to something that is not a URL at all).
      return { ok: false, kind: 'network', error: l10n.t('The GitHub API URL {0} is not https; DX Pulse sends no token there. Set dxPulse.metrics.githubApiUrl to an https:// URL.', this._base.slice(0, 100)) };
    }
    try {
      const token = this._o.getToken ? await this._o.getToken() : undefined;
      const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
      if (token) headers.authorization = `Bearer ${token}`; // l10n-ignore: an HTTP header
      const raw = await this._listDeployments(headers, warnings);
      const fetched = (await this._pool(raw, (d) => this._classify(d, headers))).filter((f): f is Fetched => f !== undefined);
      fetched.sort((a, b) => a.time - b.time || a.id - b.id);
      const commits = await this._pool(fetched, (f, i) => this._commits(fetched[i - 1]?.sha, f.sha, headers, warnings));
      const env = this._o.environment ?? DEFAULT_ENVIRONMENT;
      const deployments: Deployment[] = fetched.map((f, i) => {
        let restoredAt: EpochMs | undefined;
        if (f.outcome === 'failed') restoredAt = fetched.slice(i + 1).find((n) => n.outcome === 'success')?.time;
        return {
          id: String(f.id),
          service: this._o.service,
          environment: env,
          time: f.time,
          status: 'success',
          commits: commits[i]!,
          failed: f.outcome === 'failed',
          ...(restoredAt !== undefined ? { restoredAt } : {}),
        };
      });
      return { ok: true, deployments, warnings, requests: this._requests };
    } catch (e) {
      if (e instanceof GitHubError) {
        this._o.log?.warn(`GitHub deployments for ${this._o.owner}/${this._o.repo}: ${e.message}`);
        return { ok: false, kind: e.kind, error: e.message, ...(e.resetAt !== undefined ? { resetAt: e.resetAt } : {}) };
      }
      this._o.log?.error(`GitHub deployments for ${this._o.owner}/${this._o.repo} failed: ${errorMessage(e)}`);
      return { ok: false, kind: 'network', error: l10n.t('Could not reach GitHub at {0}: {1}. Check the API URL setting and your network or proxy.', this._base, errorMessage(e)) };
    }
  }

  private _repoUrl(path: string): string {
    return `${this._base}/repos/${encodeURIComponent(this._o.owner)}/${encodeURIComponent(this._o.repo)}${path}`;
  }

  private async _listDeployments(headers: Record<string, string>, warnings: string[]): Promise<z.infer<typeof DeploymentSchema>[]> {
    const max = this._o.maxDeployments ?? 300;
    const env = encodeURIComponent(this._o.environment ?? DEFAULT_ENVIRONMENT);
    let url: string | undefined = this._repoUrl(`/deployments?environment=${env}&per_page=100`);
    const out: z.infer<typeof DeploymentSchema>[] = [];
    // Bounded: GitHub lists newest first, so stop at `since`, at `max`, or at the last page.
    for (let page = 0; url && page < Math.ceil(max / 100) + 1; page++) {
      const res = await this._get(url, headers);
      const list = this._parse(DeploymentsSchema, res.body, 'the deployments list');
      let older = false;
      for (const d of list) {
        const t = parseTime(d.created_at);
        if (this._o.since !== undefined && t < this._o.since) {
          older = true;
          continue;
        }
        if (out.length >= max) {
          warnings.push(l10n.t('Only the latest {0} deployments were read.', max));
          return out;
        }
        out.push(d);
      }
      if (older) break;
      const next = nextLink(header(res, 'link'));
      // The token goes with every request: follow pages only on the API's own origin.
      if (next !== undefined && !sameOrigin(next, this._base)) {
        warnings.push(l10n.t("GitHub's next page ({0}) is on another host; it was not followed.", next.slice(0, 100)));
        this._o.log?.warn(`GitHub pagination pointed to another origin; not followed: ${next.slice(0, 200)}`);
        break;
      }
      url = next;
    }
    return out;
  }

  private async _classify(d: z.infer<typeof DeploymentSchema>, headers: Record<string, string>): Promise<Fetched | undefined> {
    const res = await this._get(this._repoUrl(`/deployments/${d.id}/statuses?per_page=100`), headers);
    const statuses = this._parse(StatusesSchema, res.body, `the statuses of deployment ${d.id}`)
      .map((s) => ({ state: s.state.toLowerCase(), time: parseTime(s.created_at) }))
      .sort((a, b) => b.time - a.time);
    // 'inactive' only means a newer deploy replaced this one; the state before it decides.
    const latest = statuses.find((s) => s.state !== 'inactive');
    const created = parseTime(d.created_at);
    if (latest === undefined) return statuses.length > 0 ? { id: d.id, sha: d.sha, time: created, outcome: 'success' } : undefined;
    if (latest.state === 'success') return { id: d.id, sha: d.sha, time: Number.isNaN(latest.time) ? created : latest.time, outcome: 'success' };
    if (latest.state === 'failure' || latest.state === 'error') return { id: d.id, sha: d.sha, time: created, outcome: 'failed' };
    return undefined; // pending, queued, in_progress: not deployed yet
  }

  private async _commits(base: string | undefined, head: string, headers: Record<string, string>, warnings: string[]): Promise<ShippedCommit[]> {
    if (base === head) return [];
    const toShipped = (c: z.infer<typeof CommitSchema>): ShippedCommit => ({ sha: c.sha, time: parseTime(c.commit.committer?.date ?? c.commit.author?.date) });
    if (base !== undefined) {
      const res = await this._get(this._repoUrl(`/compare/${base}...${head}?per_page=250`), headers, [404]);
      if (res.status !== 404) {
        const cmp = this._parse(CompareSchema, res.body, `the comparison ${base.slice(0, 7)}...${head.slice(0, 7)}`);
        if (cmp.total_commits !== undefined && cmp.total_commits > cmp.commits.length) {
          warnings.push(l10n.t('Deploy of {0} shipped {1} commits; lead time uses the {2} GitHub returned.', head.slice(0, 7), cmp.total_commits, cmp.commits.length));
        }
        return cmp.commits.map(toShipped);
      }
      warnings.push(l10n.t('Could not compare {0}...{1} (history rewritten?); only the deployed commit counts.', base.slice(0, 7), head.slice(0, 7)));
    }
    const res = await this._get(this._repoUrl(`/commits/${head}`), headers);
    return [toShipped(this._parse(CommitSchema, res.body, `commit ${head.slice(0, 7)}`))];
  }

  private async _get(url: string, headers: Record<string, string>, allow: readonly number[] = []): Promise<HttpResponse> {
    this._requests++;
    let res: HttpResponse;
    try {
      res = await this._o.http.request({ method: 'GET', url, headers, timeoutMs: GITHUB_TIMEOUT_MS, maxResponseBytes: MAX_BODY_CHARS });
    } catch (e) {
      if (e instanceof TransportError && e.kind === 'tooLarge') throw new GitHubError('invalidResponse', `GitHub sent more than 20 MB for ${url.slice(this._base.length) || url}; DX Pulse did not read it.`);
      throw e;
    }
    if ((res.status >= 200 && res.status < 300) || allow.includes(res.status)) return res;
    const where = `${this._o.owner}/${this._o.repo}`;
    const remaining = header(res, 'x-ratelimit-remaining');
    if ((res.status === 403 || res.status === 429) && (remaining === '0' || header(res, 'retry-after') !== undefined)) {
      const reset = Number(header(res, 'x-ratelimit-reset'));
      const retry = Number(header(res, 'retry-after'));
      const resetAt = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
      const rest = l10n.t('Signing in to GitHub (or saving a token) raises the limit; the metrics shown come from the cache until then.');
      const used =
        resetAt !== undefined
          ? l10n.t("GitHub's API rate limit is used up until {0} UTC.", new Date(resetAt).toISOString().slice(11, 16))
          : Number.isFinite(retry)
            ? l10n.t("GitHub's API rate limit is used up for {0} s.", retry)
            : l10n.t("GitHub's API rate limit is used up.");
      throw new GitHubError('rateLimit', `${used} ${rest}`, resetAt);
    }
    if (res.status === 401) throw new GitHubError('auth', l10n.t('GitHub rejected the token (401). Sign in to GitHub again or save a new token.'));
    if (res.status === 403) throw new GitHubError('forbidden', l10n.t('GitHub refused access to {0} (403): the token may lack the repo or repo_deployment scope, or SSO authorization for the organization.', where));
    if (res.status === 404) throw new GitHubError('notFound', l10n.t('GitHub found no repository {0} at {1} (404), or the token cannot see it. Check the remote, the API URL and the token.', where, this._base));
    if (res.status >= 500) throw new GitHubError('server', `GitHub answered ${res.status}; try again later.`);
    throw new GitHubError('invalidResponse', `GitHub answered ${res.status} for ${url}.`);
  }

  private _parse<T>(schema: z.ZodMiniType<T>, body: unknown, what: string): T {
    let value = body;
    if (typeof body === 'string') {
      if (body.length > MAX_BODY_CHARS) throw new GitHubError('invalidResponse', `GitHub sent more than 20 MB for ${what}; DX Pulse did not read it.`);
      try {
        value = JSON.parse(body);
      } catch {
        throw new GitHubError('invalidResponse', `GitHub sent something that is not JSON for ${what}.`);
      }
    }
    const r = schema.safeParse(value);
    if (!r.success) throw new GitHubError('invalidResponse', `GitHub sent an unexpected shape for ${what}: ${z.prettifyError(r.error)}`);
    return r.data;
  }

  /** Maps with at most CONCURRENCY requests in flight, keeping order. */
  private async _pool<T, R>(items: readonly T[], f: (item: T, index: number) => Promise<R>): Promise<R[]> {
    const out = new Array<R>(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
    return out;
  }
}
