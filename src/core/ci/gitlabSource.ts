// CI runs from GitLab pipelines over REST v4, for repositories whose remote is on GitLab:
// the project (its default branch), the pipelines per branch (paged by Link header) and
// each pipeline's jobs, whose first start and last finish give the pipeline's duration.
// A new pipeline of the same commit after a failed one is a rerun (flakiness). Never
// throws: failures come back as a result. No token yet: public projects only, or a
// GitLab that lets the network in; the platform source covers private ones.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { errorMessage, type Log } from '../common/log';
import { isAllowedEndpoint, sameOrigin } from '../common/urls';
import { nextLink } from '../metrics/githubSource';
import { parseTime } from '../metrics/time';
import type { HttpResponse, HttpTransport } from '../platform/transport';
import type { CiJob, CiRun } from './types';

export interface GitLabOptions {
  readonly http: HttpTransport;
  /** e.g. https://gitlab.com/api/v4 */
  readonly apiBaseUrl: string;
  /** group/subgroup/project */
  readonly projectPath: string;
  readonly branches: readonly string[];
  readonly since: number;
  readonly getToken?: () => Promise<string | undefined>;
  readonly maxRuns?: number;
  readonly log?: Log;
}

export type GitLabResult =
  | { readonly ok: true; readonly runs: CiRun[]; readonly defaultBranch?: string; readonly requests: number; readonly warnings: string[] }
  | { readonly ok: false; readonly error: string };

const ProjectSchema = z.object({ default_branch: z.nullish(z.string()) });
const PipelinesSchema = z.array(z.object({ id: z.number(), sha: z.string(), ref: z.string(), status: z.string(), source: z.nullish(z.string()), created_at: z.string(), updated_at: z.string() }));
const JobsSchema = z.array(z.object({ name: z.string(), status: z.string(), started_at: z.nullish(z.string()), finished_at: z.nullish(z.string()) }));

/** The API base of a GitLab-hosted remote: gitlab.com, or a host named gitlab.* (self-managed). */
export function gitlabApiFor(host: string): string | undefined {
  const h = host.toLowerCase();
  return h === 'gitlab.com' || h.startsWith('gitlab.') ? `https://${h}/api/v4` : undefined;
}

function conclusionOf(status: string): CiRun['conclusion'] | undefined {
  if (status === 'success') return 'success';
  if (status === 'failed') return 'failure';
  if (status === 'canceled' || status === 'skipped') return 'cancelled';
  return undefined; // created, pending, running, manual, scheduled: not finished
}

class GitLabError extends Error {}

export class GitLabPipelinesSource {
  private _requests = 0;
  private _headers: Record<string, string> = {};
  private readonly _base: string;

  constructor(private readonly _o: GitLabOptions) {
    this._base = _o.apiBaseUrl.replace(/\/+$/, '');
  }

  async fetch(): Promise<GitLabResult> {
    if (!isAllowedEndpoint(this._base)) return { ok: false, error: l10n.t('The GitLab API URL {0} is not https; DX Pulse does not use it.', this._base.slice(0, 100)) };
    const warnings: string[] = [];
    try {
      const token = this._o.getToken ? await this._o.getToken() : undefined;
      this._headers = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }; // l10n-ignore: an HTTP header
      const project = this._project('');
      const defaultBranch = this._parse(ProjectSchema, await this._get(project), 'the project').default_branch ?? undefined;
      const runs: CiRun[] = [];
      for (const branch of new Set([...(defaultBranch ? [defaultBranch] : []), ...this._o.branches])) runs.push(...(await this._branch(branch, warnings)));
      return { ok: true, runs, ...(defaultBranch ? { defaultBranch } : {}), requests: this._requests, warnings };
    } catch (e) {
      const error = e instanceof GitLabError ? e.message : l10n.t('Could not reach GitLab at {0}: {1}. Check your network or proxy.', this._base, errorMessage(e));
      this._o.log?.warn(`GitLab pipelines for ${this._o.projectPath}: ${error}`);
      return { ok: false, error };
    }
  }

  private _project(path: string): string {
    return `${this._base}/projects/${encodeURIComponent(this._o.projectPath)}${path}`;
  }

  private async _branch(branch: string, warnings: string[]): Promise<CiRun[]> {
    const max = this._o.maxRuns ?? 100;
    const q = new URLSearchParams({ ref: branch, updated_after: new Date(this._o.since).toISOString(), per_page: '100' });
    let url: string | undefined = this._project(`/pipelines?${q.toString()}`);
    const listed: z.infer<typeof PipelinesSchema> = [];
    for (let page = 0; url && listed.length < max && page < 10; page++) {
      const res = await this._get(url);
      listed.push(...this._parse(PipelinesSchema, res, 'the pipelines'));
      const next = nextLink(res.headers['link']);
      url = next !== undefined && sameOrigin(next, this._base) ? next : undefined;
    }
    if (url) warnings.push(l10n.t('Only the latest {0} pipelines of {1} were read.', max, branch));
    // Oldest first, so a later pipeline of the same commit counts as its rerun.
    const finished = listed.slice(0, max).flatMap((p) => {
      const c = conclusionOf(p.status);
      return c ? [{ p, c }] : [];
    });
    finished.sort((a, b) => parseTime(a.p.created_at) - parseTime(b.p.created_at) || a.p.id - b.p.id);
    const attempts = new Map<string, number>();
    const out: CiRun[] = [];
    for (const { p, c } of finished) {
      const jobsJson = this._parse(JobsSchema, await this._get(this._project(`/pipelines/${p.id}/jobs?per_page=100`)), `the jobs of pipeline ${p.id}`);
      const jobs: CiJob[] = [];
      let first = Infinity;
      let last = -Infinity;
      for (const j of jobsJson) {
        const s = parseTime(j.started_at ?? undefined);
        const e = parseTime(j.finished_at ?? undefined);
        if (Number.isNaN(s) || Number.isNaN(e) || e < s) continue;
        first = Math.min(first, s);
        last = Math.max(last, e);
        jobs.push({ name: j.name, durationMs: e - s });
      }
      const key = `${p.source ?? 'push'}\u0000${p.sha}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      out.push({
        id: String(p.id),
        workflow: p.source ?? 'push',
        branch,
        sha: p.sha,
        attempt,
        conclusion: c,
        // Without jobs that ran, the pipeline's own times (created to last update).
        startedAt: Number.isFinite(first) ? first : p.created_at,
        finishedAt: Number.isFinite(last) ? last : p.updated_at,
        ...(jobs.length ? { jobs } : {}),
      });
    }
    return out;
  }

  private async _get(url: string): Promise<HttpResponse> {
    this._requests++;
    const res = await this._o.http.request({ method: 'GET', url, headers: this._headers, timeoutMs: 20_000, maxResponseBytes: 20 << 20 });
    if (res.status >= 200 && res.status < 300) return res;
    if (res.status === 401 || res.status === 403) throw new GitLabError(l10n.t('GitLab refused access to {0} ({1}): DX Pulse reads public projects only; post CI runs to the platform for private ones.', this._o.projectPath, res.status));
    if (res.status === 404) throw new GitLabError(l10n.t('GitLab found no project {0} at {1} (404), or it is private.', this._o.projectPath, this._base));
    if (res.status === 429) throw new GitLabError(l10n.t("GitLab's rate limit was reached; DX Pulse will try again later."));
    throw new GitLabError(l10n.t('GitLab answered {0} for {1}.', res.status, url.slice(0, 200)));
  }

  private _parse<T>(schema: z.ZodMiniType<T>, res: HttpResponse, what: string): T {
    let value: unknown;
    try {
      value = JSON.parse(res.body);
    } catch {
      throw new GitLabError(l10n.t('GitLab sent something that is not JSON for {0}.', what));
    }
    const r = schema.safeParse(value);
    if (!r.success) throw new GitLabError(l10n.t('GitLab sent an unexpected shape for {0}: {1}', what, z.prettifyError(r.error).slice(0, 300)));
    return r.data;
  }
}
