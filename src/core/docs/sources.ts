import * as z from 'zod/mini';
import { issuesText } from '../common/issueText';
import type { CatalogComponent } from '../catalog/catalogInfo';
import { parseChangelogMarkdown } from './changelogMarkdown';
import { JsonFeed, parseEntry, type Entry, type EntryTags } from './entries';
import { isAllowedEndpoint } from '../common/urls';
import type { HttpResponse, HttpTransport } from '../platform/transport';

/**
 * Entries from every source, merged: the platform API, a static feed (JSON or a
 * Keep-a-Changelog file), catalog-info.yaml `metadata.links`, and `.dx/pulse.yaml`
 * `docs.links`. Each entry is validated on its own, so one bad entry is dropped with
 * a reason and the rest are kept.
 */

export interface DroppedEntry {
  source: string;
  index: number;
  id?: string;
  reason: string;
}

export interface SourceBatch {
  /** Short name for logs and for `Entry.source`: 'platform', a feed URL, 'catalog-info.yaml'. */
  source: string;
  items: readonly unknown[];
}

export interface MergeResult {
  entries: Entry[];
  dropped: DroppedEntry[];
}

function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url;
  }
}

/**
 * Earlier batches win: pass the platform first, then feeds, then repo files.
 * Duplicates are the same id, or two docs at the same URL (changelog entries of one
 * release share their release's URL, so URLs only de-duplicate docs).
 */
export function mergeEntrySources(batches: readonly SourceBatch[]): MergeResult {
  const entries: Entry[] = [];
  const dropped: DroppedEntry[] = [];
  const ids = new Set<string>();
  const docUrls = new Set<string>();
  for (const batch of batches) {
    batch.items.forEach((raw, index) => {
      const r = parseEntry(raw);
      if (!r.entry) {
        const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : undefined;
        dropped.push({ source: batch.source, index, id, reason: r.error ?? 'invalid entry' });
        return;
      }
      const e = { ...r.entry, source: r.entry.source ?? batch.source };
      if (ids.has(e.id)) return;
      if (e.kind === 'doc' && e.url) {
        const key = normalizeUrl(e.url);
        if (docUrls.has(key)) return;
        docUrls.add(key);
      }
      ids.add(e.id);
      entries.push(e);
    });
  }
  return { entries, dropped };
}

export interface FeedParseResult {
  items: unknown[];
  /** Why the feed as a whole could not be read, or minor remarks. */
  notes: string[];
}

/** A JSON feed `{ "entries": [...] }`; the entries themselves are validated at merge time. */
export function parseJsonFeed(value: unknown): FeedParseResult {
  const r = JsonFeed.safeParse(value);
  if (!r.success) return { items: [], notes: [`feed is not {"entries": [...]}: ${issuesText(r.error)}`] };
  return { items: r.data.entries, notes: [] };
}

/** What a `docs.sources[].type` says the file is; `undefined` (dxPulse.docs.feedUrl) means "tell from the response". */
export type FeedFormat = 'feed' | 'markdownChangelog';

/**
 * A JSON feed or Keep-a-Changelog markdown. The source's `type` decides when given
 * (`feed`: JSON, `markdownChangelog`: markdown); without one, the format is told apart
 * by content type, file name, then content.
 */
export function parseFeedText(body: string, opts: { url?: string; contentType?: string; source?: string; format?: FeedFormat; idPrefix?: string } = {}): FeedParseResult {
  const ct = (opts.contentType ?? '').toLowerCase();
  const path = opts.url ? safePath(opts.url) || opts.url : '';
  // `feed` is what a source gets when nobody said otherwise (dxPulse.docs.feedUrl, a
  // platform's docSources), so a path ending in .md or .markdown still means markdown.
  const format = opts.format === 'feed' && opts.url && isMarkdownPath(opts.url) ? 'markdownChangelog' : opts.format;
  const looksJson =
    format !== undefined
      ? format === 'feed'
      : ct.includes('json') || /\.json$/i.test(path) || (!ct.includes('markdown') && !/\.(md|markdown)$/i.test(path) && /^\s*[{[]/.test(body));
  if (looksJson) {
    try {
      return parseJsonFeed(JSON.parse(body));
    } catch (e) {
      return { items: [], notes: [`feed is not valid JSON (${e instanceof Error ? e.message : String(e)})${format === 'feed' ? '; a docs source with type: feed must be a JSON feed (use type: markdownChangelog for a Keep-a-Changelog file)' : ''}`] };
    }
  }
  const r = parseChangelogMarkdown(body, { url: isUrl(opts.url) ? opts.url : undefined, source: opts.source, idPrefix: opts.idPrefix ?? (opts.url ? `${opts.url}#` : undefined) });
  if (r.entries.length === 0) r.notes.push('no released version with entries found (expected "## [1.0.0] - 2026-01-31" and "### Added" sections)');
  return { items: r.entries, notes: r.notes };
}

/** Whether a URL's path (not its query or fragment), or a repository path, ends in .md or .markdown. */
export function isMarkdownPath(location: string): boolean {
  let p: string;
  try {
    p = new URL(location).pathname;
  } catch {
    p = location.replace(/[?#].*$/, ''); // a path inside the repository
  }
  return /\.(md|markdown)$/i.test(p);
}

function isUrl(value: string | undefined): value is string {
  return value !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

export interface RepoFeedRead {
  items: unknown[];
  notes: string[];
  error?: string;
  /** The items are the last good copy, because this read failed. */
  fromLastGood?: boolean;
}

/**
 * A feed file inside the repository (`docs.sources[].url: .dx/platform-feed.json`), read
 * as its `type` says. A read that fails (a syntax error while someone edits the file, the
 * file briefly gone) keeps the last good copy on screen, as a remote feed does.
 */
export function parseRepoFeed(rel: string, text: string | { error: string }, format: FeedFormat | undefined, lastGood: readonly unknown[] | undefined): RepoFeedRead {
  const keep = (error: string, notes: string[] = []): RepoFeedRead =>
    lastGood ? { items: [...lastGood], notes, error: `${error}; showing the last good copy`, fromLastGood: true } : { items: [], notes, error };
  if (typeof text !== 'string') return keep(text.error);
  const fmt = format ?? (/\.(md|markdown)$/i.test(rel) ? 'markdownChangelog' : 'feed');
  const r = parseFeedText(text, { url: rel, source: rel, format: fmt, idPrefix: `${rel}#` });
  if (r.items.length === 0 && r.notes.length > 0) return keep(`${rel}: ${r.notes[0]}`, r.notes.slice(1));
  return { items: r.items, notes: r.notes };
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

export const MAX_FEED_BYTES = 2 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 15_000;

export interface CachedFeed {
  etag?: string;
  items: unknown[];
}

export type FeedFetchResult =
  | { status: 'ok'; items: unknown[]; etag?: string; notes: string[] }
  /** 304: keep using the cached items. */
  | { status: 'notModified'; items: unknown[]; etag?: string; notes: string[] }
  /** Nothing usable arrived; `items` are the cached ones so the view never goes blank. */
  | { status: 'error'; items: unknown[]; etag?: string; notes: string[]; error: string };

/**
 * Fetches a static feed with If-None-Match. https only; plain http only to loopback
 * (a feed server on the developer's machine or in tests). Never throws.
 */
export async function fetchFeed(url: string, transport: HttpTransport, cached?: CachedFeed, format?: FeedFormat): Promise<FeedFetchResult> {
  const keep = cached?.items ?? [];
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { status: 'error', items: keep, etag: cached?.etag, notes: [], error: `feed URL "${url}" is not a URL` };
  }
  if (!isAllowedEndpoint(url)) {
    return { status: 'error', items: keep, etag: cached?.etag, notes: [], error: `feed URL must use https (got ${u.protocol}//${u.host})` };
  }
  const headers: Record<string, string> = { accept: 'application/json, text/markdown;q=0.9, text/plain;q=0.5' };
  if (cached?.etag) headers['if-none-match'] = cached.etag;
  let res: HttpResponse;
  try {
    res = await transport.request({ method: 'GET', url, headers, timeoutMs: FEED_TIMEOUT_MS });
    if (Buffer.byteLength(res.body) > MAX_FEED_BYTES) throw new Error(`feed is more than the ${MAX_FEED_BYTES} bytes allowed`);
  } catch (e) {
    return { status: 'error', items: keep, etag: cached?.etag, notes: [], error: `could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (res.status === 304 && cached) return { status: 'notModified', items: keep, etag: cached.etag, notes: [] };
  if (res.status < 200 || res.status >= 300) {
    return { status: 'error', items: keep, etag: cached?.etag, notes: [], error: `${url} answered HTTP ${res.status}` };
  }
  const parsed = parseFeedText(res.body, { url, contentType: res.headers['content-type'], source: url, format });
  if (parsed.items.length === 0 && parsed.notes.length > 0) {
    return { status: 'error', items: keep, etag: cached?.etag, notes: parsed.notes, error: `${url}: ${parsed.notes[0]}` };
  }
  return { status: 'ok', items: parsed.items, etag: res.headers.etag, notes: parsed.notes };
}

/** catalog-info.yaml `metadata.links` as docs of this service. */
export function entriesFromCatalogLinks(catalog: CatalogComponent): unknown[] {
  const owner = catalog.owner?.replace(/^(group|user):/, '').replace(/^[^/]+\//, '');
  const tags: EntryTags = { services: [catalog.name.toLowerCase()], ...(owner ? { teams: [owner.toLowerCase()] } : {}) };
  return catalog.links.map((l) => ({
    id: `catalog:${l.url}`,
    title: l.title ?? l.url,
    kind: 'doc',
    type: 'announcement',
    url: l.url,
    tags,
  }));
}

const PulseDocLink = z.object({
  title: z.optional(z.string()),
  url: z.string(),
  summary: z.optional(z.string()),
  tags: z.optional(z.array(z.string())),
});

/**
 * `.dx/pulse.yaml` `docs.links` (already parsed from YAML by the config reader):
 * `[{ title, url, summary?, tags?: [word] }]`. The repo's own links concern it, so
 * they carry the service name when there is one.
 */
export function entriesFromPulseDocsLinks(value: unknown, serviceName?: string): { items: unknown[]; notes: string[] } {
  if (value === undefined || value === null) return { items: [], notes: [] };
  if (!Array.isArray(value)) return { items: [], notes: ['.dx/pulse.yaml docs.links must be a list of {title, url}'] };
  const items: unknown[] = [];
  const notes: string[] = [];
  value.forEach((v, i) => {
    const r = PulseDocLink.safeParse(v);
    if (!r.success) {
      notes.push(`.dx/pulse.yaml docs.links[${i}] skipped: ${issuesText(r.error)}`);
      return;
    }
    const tags: EntryTags = {};
    if (serviceName) tags.services = [serviceName.toLowerCase()];
    if (r.data.tags?.length) tags.topics = r.data.tags.map((t) => t.toLowerCase());
    items.push({ id: `pulse:${r.data.url}`, title: r.data.title ?? r.data.url, kind: 'doc', type: 'announcement', url: r.data.url, summary: r.data.summary, tags });
  });
  return { items, notes };
}
