// CI runs from GitHub Actions over REST: workflow runs per branch (paged by Link header),
// the earlier attempts of rerun runs, and the jobs with their steps. Every GET is
// conditional (If-None-Match with the ETag of the last answer; a 304 does not count
// against GitHub's rate limit), and the remaining quota is read from every answer so the
// view can say when it runs low. Never throws: failures come back as a result.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { errorMessage, type Log } from '../common/log';
import { isAllowedEndpoint, sameOrigin } from '../common/urls';
import { nextLink, type GitHubErrorKind } from '../metrics/githubSource';
import { parseTime } from '../metrics/time';
import type { HttpResponse, HttpTransport } from '../platform/transport';
import type { CiJob, CiRun } from './types';

/** Remembered answers by URL, so a repeated request can be conditional. */
export interface EtagEntry {
  readonly etag: string;
  readonly body: string;
  /** The answer's Link header: a 304 does not repeat it, and the next page depends on it. */
  readonly link?: string;
}
export interface EtagStore {
  get(url: string): EtagEntry | undefined;
  set(url: string, entry: EtagEntry): void;
}

export interface RateLimit {
  readonly remaining: number;
  readonly limit: number;
  /** Epoch ms when the quota resets. */
  readonly resetAt?: number;
}

export interface GitHubActionsOptions {
  readonly http: HttpTransport;
  readonly owner: string;
  readonly repo: string;
  readonly apiBaseUrl?: string;
  readonly getToken?: () => Promise<string | undefined>;
  readonly branches: readonly string[];
  /** Runs created before this are not read (epoch ms). */
  readonly since: number;
  readonly etags: EtagStore;
  /** Most runs read per branch (default 200); jobs are read for the newest `maxJobRuns` (default 30). */
  readonly maxRuns?: number;
  readonly maxJobRuns?: number;
  readonly log?: Log;
}

export type GitHubActionsResult =
  | { readonly ok: true; readonly runs: CiRun[]; readonly defaultBranch?: string; readonly rateLimit?: RateLimit; readonly requests: number; readonly warnings: string[] }
  | { readonly ok: false; readonly kind: GitHubErrorKind; readonly error: string; readonly rateLimit?: RateLimit };

const RunSchema = z.object({
  id: z.number(),
  name: z.nullish(z.string()),
  workflow_id: z.number(),
  head_branch: z.nullish(z.string()),
  head_sha: z.string(),
  run_attempt: z.optional(z.number()),
  status: z.nullish(z.string()),
  conclusion: z.nullish(z.string()),
  run_started_at: z.nullish(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
type RunJson = z.infer<typeof RunSchema>;
const RunsSchema = z.object({ workflow_runs: z.array(RunSchema) });
const StepSchema = z.object({ name: z.string(), started_at: z.nullish(z.string()), completed_at: z.nullish(z.string()) });
const JobsSchema = z.object({ jobs: z.array(z.object({ name: z.string(), started_at: z.nullish(z.string()), completed_at: z.nullish(z.string()), steps: z.optional(z.array(StepSchema)) })) });
const RepoSchema = z.object({ default_branch: z.string() });

const TIMEOUT_MS = 20_000;
const MAX_BODY = 20 << 20;

class ActionsError extends Error {
  constructor(readonly kind: GitHubErrorKind, message: string) {
    super(message);
  }
}

/** GitHub's conclusion as the engine counts it; undefined for runs that have not finished. */
export function conclusionOf(status: string | null | undefined, conclusion: string | null | undefined): CiRun['conclusion'] | undefined {
  if (status !== 'completed') return undefined;
  if (conclusion === 'success') return 'success';
  if (conclusion === 'failure' || conclusion === 'timed_out' || conclusion === 'startup_failure') return 'failure';
  return 'cancelled'; // cancelled, skipped, neutral, action_required, stale
}

function spanMs(start: string | null | undefined, end: string | null | undefined): number | undefined {
  const s = parseTime(start ?? undefined);
  const e = parseTime(end ?? undefined);
  return Number.isNaN(s) || Number.isNaN(e) || e < s ? undefined : e - s;
}

export class GitHubActionsSource {
  private readonly _base: string;
  private _requests = 0;
  private _rate: RateLimit | undefined;
  private _headers: Record<string, string> = {};

  constructor(private readonly _o: GitHubActionsOptions) {
    this._base = (_o.apiBaseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  }

  async fetch(): Promise<GitHubActionsResult> {
    if (!isAllowedEndpoint(this._base)) return { ok: false, kind: 'network', error: l10n.t('The GitHub API URL {0} is not https; DX Pulse sends no token there. Set dxPulse.metrics.githubApiUrl to an https:// URL.', this._base.slice(0, 100)) };
    const warnings: string[] = [];
    try {
      const token = this._o.getToken ? await this._o.getToken() : undefined;
      this._headers = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
      if (token) this._headers.authorization = `Bearer ${token}`; // l10n-ignore: an HTTP header
      const defaultBranch = this._parse(RepoSchema, await this._get(this._repoUrl('')), 'the repository').default_branch;
      const branches = [...new Set([defaultBranch, ...this._o.branches])];
      const runs: CiRun[] = [];
      for (const branch of branches) runs.push(...(await this._branchRuns(branch, warnings)));
      return { ok: true, runs, defaultBranch, ...(this._rate ? { rateLimit: this._rate } : {}), requests: this._requests, warnings };
    } catch (e) {
      const rate = this._rate ? { rateLimit: this._rate } : {};
      if (e instanceof ActionsError) {
        this._o.log?.warn(`GitHub Actions runs for ${this._o.owner}/${this._o.repo}: ${e.message}`);
        return { ok: false, kind: e.kind, error: e.message, ...rate };
      }
      this._o.log?.error(`GitHub Actions runs for ${this._o.owner}/${this._o.repo} failed: ${errorMessage(e)}`);
      return { ok: false, kind: 'network', error: l10n.t('Could not reach GitHub at {0}: {1}. Check the API URL setting and your network or proxy.', this._base, errorMessage(e)), ...rate };
    }
  }

  private _repoUrl(path: string): string {
    return `${this._base}/repos/${encodeURIComponent(this._o.owner)}/${encodeURIComponent(this._o.repo)}${path}`;
  }

  private async _branchRuns(branch: string, warnings: string[]): Promise<CiRun[]> {
    const max = this._o.maxRuns ?? 200;
    const created = new Date(this._o.since).toISOString().slice(0, 10);
    let url: string | undefined = this._repoUrl(`/actions/runs?branch=${encodeURIComponent(branch)}&created=${encodeURIComponent(`>=${created}`)}&per_page=100`);
    const listed: RunJson[] = [];
    for (let page = 0; url && listed.length < max && page < 10; page++) {
      const res = await this._get(url);
      listed.push(...this._parse(RunsSchema, res, 'the workflow runs').workflow_runs);
      const next = nextLink(res.headers['link']);
      if (next !== undefined && !sameOrigin(next, this._base)) {
        warnings.push(l10n.t("GitHub's next page ({0}) is on another host; it was not followed.", next.slice(0, 100)));
        break;
      }
      url = next;
    }
    if (url && listed.length >= max) warnings.push(l10n.t('Only the latest {0} workflow runs of {1} were read.', max, branch));
    const out: CiRun[] = [];
    let withJobs = 0;
    for (const r of listed.slice(0, max)) {
      if (r.head_branch && r.head_branch !== branch) continue;
      const conclusion = conclusionOf(r.status, r.conclusion);
      if (!conclusion) continue;
      const attempt = r.run_attempt ?? 1;
      const jobs = conclusion !== 'cancelled' && withJobs++ < (this._o.maxJobRuns ?? 30) ? await this._jobs(r.id) : undefined;
      out.push(this._run(r, branch, conclusion, attempt, jobs));
      // The list shows only a run's latest attempt: read the earlier ones of a rerun run.
      for (let a = 1; a < attempt && a <= 5; a++) {
        const prev = this._parse(RunSchema, await this._get(this._repoUrl(`/actions/runs/${r.id}/attempts/${a}`)), `attempt ${a} of run ${r.id}`);
        const c = conclusionOf(prev.status, prev.conclusion);
        if (c) out.push(this._run(prev, branch, c, a, undefined));
      }
    }
    return out;
  }

  private _run(r: RunJson, branch: string, conclusion: CiRun['conclusion'], attempt: number, jobs: CiJob[] | undefined): CiRun {
    return {
      id: `${r.id}:${attempt}`,
      workflow: r.name || String(r.workflow_id),
      branch,
      sha: r.head_sha,
      attempt,
      conclusion,
      startedAt: r.run_started_at ?? r.created_at,
      finishedAt: r.updated_at,
      ...(jobs ? { jobs } : {}),
    };
  }

  private async _jobs(runId: number): Promise<CiJob[]> {
    const res = await this._get(this._repoUrl(`/actions/runs/${runId}/jobs?per_page=100`));
    const jobs: CiJob[] = [];
    for (const j of this._parse(JobsSchema, res, `the jobs of run ${runId}`).jobs) {
      const d = spanMs(j.started_at, j.completed_at);
      if (d === undefined) continue;
      const steps = (j.steps ?? []).flatMap((s) => {
        const sd = spanMs(s.started_at, s.completed_at);
        return sd === undefined ? [] : [{ name: s.name, durationMs: sd }];
      });
      jobs.push({ name: j.name, durationMs: d, ...(steps.length ? { steps } : {}) });
    }
    return jobs;
  }

  private _readRate(res: HttpResponse): void {
    const remaining = Number(res.headers['x-ratelimit-remaining']);
    const limit = Number(res.headers['x-ratelimit-limit']);
    const reset = Number(res.headers['x-ratelimit-reset']);
    if (Number.isFinite(remaining) && Number.isFinite(limit) && res.headers['x-ratelimit-remaining'] !== undefined) {
      this._rate = { remaining, limit, ...(Number.isFinite(reset) && reset > 0 ? { resetAt: reset * 1000 } : {}) };
    }
  }

  private async _get(url: string): Promise<HttpResponse> {
    this._requests++;
    const known = this._o.etags.get(url);
    const headers = known ? { ...this._headers, 'if-none-match': known.etag } : this._headers;
    const res = await this._o.http.request({ method: 'GET', url, headers, timeoutMs: TIMEOUT_MS, maxResponseBytes: MAX_BODY });
    this._readRate(res);
    if (res.status === 304 && known) return { status: 200, headers: { ...res.headers, ...(known.link ? { link: known.link } : {}) }, body: known.body };
    if (res.status >= 200 && res.status < 300) {
      const etag = res.headers['etag'];
      const link = res.headers['link'];
      if (etag) this._o.etags.set(url, { etag, body: res.body, ...(link ? { link } : {}) });
      return res;
    }
    const where = `${this._o.owner}/${this._o.repo}`;
    if ((res.status === 403 || res.status === 429) && (res.headers['x-ratelimit-remaining'] === '0' || res.headers['retry-after'] !== undefined)) {
      const reset = Number(res.headers['x-ratelimit-reset']);
      const when = Number.isFinite(reset) && reset > 0 ? l10n.t(' until {0} UTC', new Date(reset * 1000).toISOString().slice(11, 16)) : '';
      throw new ActionsError('rateLimit', l10n.t("GitHub's API rate limit is used up{0}. Run “DX Pulse: Connect GitHub” to raise it; the CI numbers shown come from the cache until then.", when));
    }
    if (res.status === 401) throw new ActionsError('auth', l10n.t('GitHub rejected the token (401). Sign in to GitHub again or save a new token.'));
    if (res.status === 403) throw new ActionsError('forbidden', l10n.t('GitHub refused to list the Actions runs of {0} (403): the token needs the actions:read permission (or the repo scope).', where));
    if (res.status === 404) throw new ActionsError('notFound', l10n.t('GitHub found no repository {0} at {1} (404), or the token cannot see it. Check the remote, the API URL and the token.', where, this._base));
    if (res.status >= 500) throw new ActionsError('server', l10n.t('GitHub answered {0}; try again later.', res.status));
    throw new ActionsError('invalidResponse', l10n.t('GitHub answered {0} for {1}.', res.status, url.slice(0, 200)));
  }

  private _parse<T>(schema: z.ZodMiniType<T>, res: HttpResponse, what: string): T {
    let value: unknown;
    try {
      value = JSON.parse(res.body);
    } catch {
      throw new ActionsError('invalidResponse', l10n.t('GitHub sent something that is not JSON for {0}.', what));
    }
    const r = schema.safeParse(value);
    if (!r.success) throw new ActionsError('invalidResponse', l10n.t('GitHub sent an unexpected shape for {0}: {1}', what, z.prettifyError(r.error).slice(0, 300)));
    return r.data;
  }
}

/** One line for the view when the quota runs low (under a tenth, or under 100 requests). */
export function quotaNote(rate: RateLimit | undefined): string | undefined {
  if (!rate || rate.remaining >= Math.min(100, rate.limit / 10)) return undefined;
  const when = rate.resetAt !== undefined ? new Date(rate.resetAt).toISOString().slice(11, 16) : undefined;
  return when !== undefined
    ? l10n.t('GitHub API quota is low: {0} of {1} requests left until {2} UTC.', rate.remaining, rate.limit, when)
    : l10n.t('GitHub API quota is low: {0} of {1} requests left.', rate.remaining, rate.limit);
}
