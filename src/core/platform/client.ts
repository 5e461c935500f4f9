import * as z from 'zod/mini';
import type { Clock } from '../common/clock';
import { errorMessage, scopedLog, type Log } from '../common/log';
import type { EventEnvelope } from '../events/envelope';
import { JsonCache } from './cache';
import {
  ApiError,
  CiRunsResponse,
  DeploymentsResponse,
  DocsResponse,
  FeedbackStatusesResponse,
  PostEventsResponse,
  RepoConfig,
} from './contract';
import { PlatformError, firstIssue, parsePlatformUrl, parseRetryAfter } from './errors';
import { TransportError, type HttpMethod, type HttpResponse, type HttpTransport } from './transport';

/** What a view renders: the data, how old it is, and whether the last refresh failed. */
export interface Cached<T> {
  readonly data: T;
  /** Epoch ms when the server last confirmed the data. */
  readonly fetchedAt: number;
  readonly etag?: string;
  /** True when this is the last good copy because the refresh just failed. */
  readonly stale: boolean;
  /** Why the refresh failed, when `stale`. */
  readonly error?: PlatformError;
}

export interface PlatformClientOptions {
  /** dxPulse.platform.url; https required except on loopback. */
  readonly baseUrl: string;
  /** Reads the bearer token (SecretStorage in the host); undefined when signed out. */
  readonly getToken: () => Promise<string | undefined>;
  readonly transport: HttpTransport;
  readonly log: Log;
  readonly clock: Clock;
  /** Folder for the ETag/offline cache; no cache when absent. */
  readonly cacheDir?: string;
  readonly timeoutMs?: number;
  /** e.g. "dx-pulse/0.1.0". */
  readonly userAgent?: string;
}

/**
 * The platform API client (docs/platform-api.md). Every response is validated against
 * the contract; every failure is a PlatformError with a one-line message that names
 * the endpoint. The token is only ever placed in the Authorization header: it is not
 * logged and not part of any message.
 */
export class PlatformClient {
  private readonly base: URL;
  private readonly log: Log;
  private readonly cache: JsonCache | undefined;
  private readonly timeoutMs: number;

  /** Throws PlatformError('config') when the base URL is not acceptable. */
  constructor(private readonly options: PlatformClientOptions) {
    const parsed = parsePlatformUrl(options.baseUrl);
    if (!parsed.ok) throw new PlatformError('config', parsed.message);
    // Keep any path prefix (https://host/dx/ + v1/...), with exactly one trailing slash.
    this.base = new URL(parsed.url.href.replace(/\/*$/, '/'));
    this.log = scopedLog(options.log, 'platform');
    this.cache = options.cacheDir ? new JsonCache(options.cacheDir, this.base.href, this.log) : undefined;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** POST /v1/events. Resolves only on 2xx with a valid body. */
  async postEvents(events: readonly EventEnvelope[], signal?: AbortSignal): Promise<PostEventsResponse> {
    const endpoint = 'POST /v1/events';
    const body = JSON.stringify({ events });
    const res = await this.send(endpoint, 'POST', 'v1/events', body, undefined, signal);
    if (res.status < 200 || res.status > 299) throw this.errorFor(endpoint, res);
    return this.validate(endpoint, res, PostEventsResponse);
  }

  getRepoConfig(repoId: string, signal?: AbortSignal): Promise<Cached<RepoConfig>> {
    return this.getCached('GET /v1/repos/{repoId}/config', `config:${repoId}`, `v1/repos/${enc(repoId)}/config`, RepoConfig, signal);
  }

  getDocs(repoId: string, signal?: AbortSignal): Promise<Cached<DocsResponse>> {
    return this.getCached('GET /v1/repos/{repoId}/docs', `docs:${repoId}`, `v1/repos/${enc(repoId)}/docs`, DocsResponse, signal);
  }

  /** `since`/`until` are epoch ms; round them (e.g. to the day) so the ETag can match. */
  getDeployments(service: string, range: { since: number; until: number }, signal?: AbortSignal): Promise<Cached<DeploymentsResponse>> {
    const q = new URLSearchParams({ since: new Date(range.since).toISOString(), until: new Date(range.until).toISOString() });
    return this.getCached(
      'GET /v1/services/{service}/deployments',
      `deployments:${service}`,
      `v1/services/${enc(service)}/deployments?${q.toString()}`,
      DeploymentsResponse,
      signal,
    );
  }

  /** GET /v1/repos/{repoId}/ci-runs; `since` epoch ms, rounded to the day so the ETag can match. */
  getCiRuns(repoId: string, since: number, signal?: AbortSignal): Promise<Cached<CiRunsResponse>> {
    const q = new URLSearchParams({ since: new Date(Math.floor(since / 86_400_000) * 86_400_000).toISOString() });
    return this.getCached('GET /v1/repos/{repoId}/ci-runs', `ci-runs:${repoId}`, `v1/repos/${enc(repoId)}/ci-runs?${q.toString()}`, CiRunsResponse, signal);
  }

  /** GET /v1/feedback/statuses: the whole published list, the same for every install (ETag-cached). */
  getFeedbackStatuses(signal?: AbortSignal): Promise<Cached<FeedbackStatusesResponse>> {
    return this.getCached('GET /v1/feedback/statuses', 'feedback:statuses', 'v1/feedback/statuses', FeedbackStatusesResponse, signal);
  }

  /** The last good copies, without the network: what views show at start-up. */
  cachedRepoConfig(repoId: string): Promise<Cached<RepoConfig> | undefined> {
    return this.peek(`config:${repoId}`, RepoConfig);
  }
  cachedDocs(repoId: string): Promise<Cached<DocsResponse> | undefined> {
    return this.peek(`docs:${repoId}`, DocsResponse);
  }
  cachedDeployments(service: string): Promise<Cached<DeploymentsResponse> | undefined> {
    return this.peek(`deployments:${service}`, DeploymentsResponse);
  }

  private async peek<T>(key: string, schema: z.ZodMiniType<T>): Promise<Cached<T> | undefined> {
    const entry = await this.cache?.read(key, schema);
    return entry && { data: entry.data, fetchedAt: entry.fetchedAt, etag: entry.etag, stale: false };
  }

  private async getCached<T>(endpoint: string, key: string, path: string, schema: z.ZodMiniType<T>, signal?: AbortSignal): Promise<Cached<T>> {
    const url = new URL(path, this.base).href;
    const cached = await this.cache?.read(key, schema);
    const conditional = cached?.etag !== undefined && cached.url === url ? cached.etag : undefined;
    try {
      const res = await this.send(endpoint, 'GET', path, undefined, conditional, signal);
      const now = this.options.clock.now();
      if (res.status === 304) {
        if (!cached || conditional === undefined) throw new PlatformError('invalidResponse', `${endpoint}: 304 Not Modified to a request that had no If-None-Match`, { status: 304 });
        await this.cache?.write(key, { ...cached, fetchedAt: now });
        return { data: cached.data, fetchedAt: now, etag: cached.etag, stale: false };
      }
      if (res.status < 200 || res.status > 299) throw this.errorFor(endpoint, res);
      const data = this.validate(endpoint, res, schema);
      const etag = res.headers['etag'];
      await this.cache?.write(key, { data, fetchedAt: now, etag, url });
      return { data, fetchedAt: now, etag, stale: false };
    } catch (e) {
      const err = e instanceof PlatformError ? e : new PlatformError('network', `${endpoint}: ${errorMessage(e)}`);
      if (cached) {
        this.log.warn(`${err.message}; showing data from ${new Date(cached.fetchedAt).toISOString()}`);
        return { data: cached.data, fetchedAt: cached.fetchedAt, etag: cached.etag, stale: true, error: err };
      }
      this.log.warn(err.message);
      throw err;
    }
  }

  private async send(endpoint: string, method: HttpMethod, path: string, body: string | undefined, ifNoneMatch: string | undefined, signal: AbortSignal | undefined): Promise<HttpResponse> {
    const token = await this.options.getToken();
    if (!token) throw new PlatformError('auth', `${endpoint}: not signed in to the platform (run "DX Pulse: Sign In to Platform")`);
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
    };
    if (this.options.userAgent) headers['user-agent'] = this.options.userAgent;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifNoneMatch !== undefined) headers['if-none-match'] = ifNoneMatch;
    try {
      return await this.options.transport.request({ method, url: new URL(path, this.base).href, headers, body, timeoutMs: this.timeoutMs, signal });
    } catch (e) {
      if (e instanceof TransportError) throw new PlatformError(e.kind, `${endpoint}: ${e.message}`);
      throw new PlatformError('network', `${endpoint}: ${errorMessage(e)}`);
    }
  }

  private validate<T>(endpoint: string, res: HttpResponse, schema: z.ZodMiniType<T>): T {
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      throw new PlatformError('invalidResponse', `${endpoint}: the response (HTTP ${res.status}) is not JSON`, { status: res.status });
    }
    const r = schema.safeParse(json);
    if (!r.success) {
      throw new PlatformError('invalidResponse', `${endpoint}: the response does not match the contract: ${firstIssue(r.error)}`, { status: res.status });
    }
    return r.data;
  }

  private errorFor(endpoint: string, res: HttpResponse): PlatformError {
    const s = res.status;
    const apiError = parseApiError(res.body);
    const said = apiError ? `: ${oneLine(apiError.error.message)}` : '';
    const base = { status: s, rejected: apiError?.rejected };
    if (s === 401 || s === 403) return new PlatformError('auth', `${endpoint}: HTTP ${s}, the platform refused the token${said}`, base);
    if (s === 429) {
      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], this.options.clock.now());
      return new PlatformError('rateLimited', `${endpoint}: HTTP 429, rate limited${retryAfterMs !== undefined ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : ''}${said}`, { ...base, retryAfterMs });
    }
    if (s === 400 || s === 413 || s === 422) return new PlatformError('badRequest', `${endpoint}: HTTP ${s}${said}`, base);
    if (s >= 500) {
      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], this.options.clock.now());
      return new PlatformError('server', `${endpoint}: HTTP ${s}, server error${said}`, { ...base, retryAfterMs });
    }
    return new PlatformError('http', `${endpoint}: unexpected HTTP ${s}${said}`, base);
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function parseApiError(body: string): ApiError | undefined {
  try {
    const r = ApiError.safeParse(JSON.parse(body));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 197)}...` : t;
}
