import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { ensurePrivateDir } from '../core/common/privateFiles';
import { repoRelativePath } from '../core/docs/repoPaths';
import { entriesFromPlatformDocs } from '../core/docs/platformEntries';
import { fetchFeed, MAX_FEED_BYTES, parseRepoFeed, type FeedFormat } from '../core/docs/sources';
import type { HttpTransport } from '../core/platform/transport';
import type { PlatformClient } from '../core/platform/client';
import { writeFileAtomic } from '../core/platform/atomicFile';
import type { DocsFetcher, SourceOutcome } from '../core/docs/docsSession';

/**
 * Where docs entries come from, as seen from the editor: the platform API, remote feeds
 * (through the shared axios transport, with ETags and an on-disk copy so the sidebar
 * renders offline from the last good data), and feed files inside the open repo
 * (`.dx/pulse.yaml` `docs.sources[].url: .dx/platform-feed.json`) so a platform team
 * can start with a file in a repo.
 */

const StoredFeed = z.object({ url: z.string(), etag: z.optional(z.string()), fetchedAt: z.number(), items: z.array(z.unknown()) });
type StoredFeed = z.infer<typeof StoredFeed>;

/** One result per source: the raw items (validated later, at merge) and what went wrong. */

export class DocsSources implements DocsFetcher<vscode.Uri> {
  private readonly _log: Log;
  private readonly _cacheDir: string;
  /** Repo feed files as last read well, per folder and path, for this window's lifetime. */
  private readonly _lastGoodRepoFeed = new Map<string, { items: unknown[]; fetchedAt: number }>();

  constructor(
    private readonly _http: HttpTransport,
    storageDir: string,
    log: Log,
  ) {
    this._log = scopedLog(log, 'docs');
    this._cacheDir = path.join(storageDir, 'docs-feeds');
  }

  /** A remote JSON or Keep-a-Changelog feed, read as its `type` says when given. Never throws. */
  async remoteFeed(url: string, format?: FeedFormat): Promise<SourceOutcome> {
    const cached = await this._readCache(url);
    const r = await fetchFeed(url, this._http, cached ? { etag: cached.etag, items: cached.items } : undefined, format);
    if (r.status === 'error') return { source: url, items: r.items, fetchedAt: cached?.fetchedAt, error: r.error, notes: r.notes };
    const now = Date.now();
    const stored: StoredFeed = { url, etag: r.etag, fetchedAt: now, items: r.items };
    await this._writeCache(stored);
    return { source: url, items: r.items, fetchedAt: now, notes: r.notes };
  }

  /**
   * A feed file inside the open repo, read as its `type` says (else: Keep-a-Changelog
   * when it ends in .md, JSON otherwise). A failed read keeps the last good copy. Never throws.
   */
  async repoFeed(folder: vscode.Uri, rawPath: string, format?: FeedFormat): Promise<SourceOutcome> {
    const rel = repoRelativePath(rawPath);
    if (!rel) return { source: rawPath, items: [], notes: [], error: vscode.l10n.t('.dx/pulse.yaml docs source "{0}" must be an https URL or a path inside the repository', rawPath) };
    const key = `${folder.toString()}#${rel}`;
    let text: string | { error: string };
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, rel));
      text = bytes.byteLength > MAX_FEED_BYTES ? { error: vscode.l10n.t('{0} is larger than {1} bytes', rel, MAX_FEED_BYTES) } : new TextDecoder().decode(bytes);
    } catch (e) {
      text = { error: vscode.l10n.t('{0} could not be read ({1}); check docs.sources in .dx/pulse.yaml', rel, errorMessage(e)) };
    }
    const last = this._lastGoodRepoFeed.get(key);
    const r = parseRepoFeed(rel, text, format, last?.items);
    if (r.fromLastGood) return { source: rel, items: r.items, fetchedAt: last?.fetchedAt, notes: r.notes, error: r.error };
    if (r.error) return { source: rel, items: [], notes: r.notes, error: r.error };
    const now = Date.now();
    this._lastGoodRepoFeed.set(key, { items: r.items, fetchedAt: now });
    return { source: rel, items: r.items, fetchedAt: now, notes: r.notes };
  }

  /** The platform's docs for this repo; the client keeps its own ETag cache. Never throws. */
  async platform(client: PlatformClient, repoId: string): Promise<SourceOutcome> {
    try {
      const cached = await client.getDocs(repoId);
      return {
        source: 'platform',
        items: entriesFromPlatformDocs(cached.data),
        fetchedAt: cached.fetchedAt,
        error: cached.stale ? vscode.l10n.t('the platform could not be reached ({0}); showing its docs from before', cached.error?.message ?? vscode.l10n.t('unknown error')) : undefined,
        notes: [],
      };
    } catch (e) {
      return { source: 'platform', items: [], notes: [], error: vscode.l10n.t('platform docs: {0}', errorMessage(e)) };
    }
  }

  private _file(url: string): string {
    return path.join(this._cacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  }

  private async _readCache(url: string): Promise<StoredFeed | undefined> {
    try {
      const r = StoredFeed.safeParse(JSON.parse(await fs.readFile(this._file(url), 'utf8')));
      return r.success && r.data.url === url ? r.data : undefined;
    } catch {
      return undefined; // no copy yet
    }
  }

  private async _writeCache(feed: StoredFeed): Promise<void> {
    try {
      await ensurePrivateDir(this._cacheDir);
      await writeFileAtomic(this._file(feed.url), JSON.stringify(feed));
    } catch (e) {
      this._log.warn(`could not keep an offline copy of ${feed.url}: ${errorMessage(e)}`);
    }
  }
}
