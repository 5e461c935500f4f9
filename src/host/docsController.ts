import * as vscode from 'vscode';
import { Disposable, Emitter, toDisposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { docsForCommand } from '../core/docs/commandDocs';
import type { Entry } from '../core/docs/entries';
import { takeAffectedNotices, type AffectedNotice } from '../core/docs/notices';
import { rankEntries, type RankedEntry } from '../core/docs/ranking';
import { ReadState } from '../core/docs/readState';
import { buildRepoProfile, type RepoFiles, type RepoProfile } from '../core/docs/repoProfile';
import { openTarget, type DocOpenTarget } from '../core/docs/search';
import { entriesFromCatalogLinks, entriesFromPulseDocsLinks, mergeEntrySources, type SourceBatch } from '../core/docs/sources';
import type { PlatformClient } from '../core/platform/client';
import { markdownToUnsafeHtml } from '../core/docs/markdownHtml';
import { plainText } from '../core/common/plainText';
import { configuredRepoIdentity } from '../core/privacy/repoIdentity';
import type { DocsEntryView, DocsImagePolicy, DocsView } from '../protocol/sidebar';
import { docsImagePolicy } from '../core/docs/imagePolicy';
import type { ConfigService } from './configService';
import { isRemoteSource, repoRelativePath } from '../core/docs/repoPaths';
import type { DocsSources, SourceOutcome } from './docsSources';
import type { OpenRepo, WorkspaceRepo } from './workspaceRepo';

export const READ_STATE_KEY = 'dxPulse.docs.readState';
/** Sources are fetched again at most this often (plus on activation and config changes). */
export const REFRESH_INTERVAL_MS = 30 * 60_000;
/** The repo files the profile is built from; nothing else is watched. */
const PROFILE_GLOB = '{package.json,package-lock.json,Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,catalog-info.yaml,catalog-info.yml,.gitlab-ci.yml,.github/workflows/*.yml,.github/workflows/*.yaml}';
const FILE_EXCLUDES = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/build/**,**/vendor/**,**/target/**,**/.venv/**}';
const MAX_LANGUAGE_FILES = 5000;
const MAX_VIEW_MARKDOWN = 20_000;
const MAX_VIEW_ENTRIES = 200;

/** Shaped like the stuck notification's HelpLink. */
export interface DocHelpLink {
  readonly title: string;
  readonly detail?: string;
  readonly entry: Entry;
  open(): void;
}

export interface DocsControllerOptions {
  readonly config: ConfigService;
  readonly repo: WorkspaceRepo;
  /** The platform client when a platform is configured (DeliveryController.client). */
  readonly platform: () => PlatformClient | undefined;
  readonly sources: DocsSources;
  readonly globalState: vscode.Memento;
  /** Opens an entry (browser or the doc viewer); owned by the views. */
  readonly open: (target: DocOpenTarget, title: string, details: { meta?: string; baseUrl?: string }) => Promise<void>;
  readonly log: Log;
}

const TYPE_LABELS: Record<Entry['type'], string> = { breaking: 'Breaking', deprecation: 'Deprecation', feature: 'New', fix: 'Fix', improvement: 'Improved', announcement: 'News' };

/**
 * Platform docs and changelog for the open repo: builds the repo profile, gathers
 * entries from every source, ranks them, keeps what was read and which affected-repo
 * notices were shown (globalState), and tells the views when something changed.
 */
export class DocsController extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _htmlCache = new Map<string, string>();
  private readonly _onDidReadChangelog = this._register(new Emitter<void>());
  /** The developer opened a changelog entry (a survey may be triggered by it). */
  readonly onDidReadChangelog = this._onDidReadChangelog.event;
  private readonly _onDidFindAffecting = this._register(new Emitter<readonly AffectedNotice[]>());
  /** Entries that affect this repo and were never notified before (each fires once, ever). */
  readonly onDidFindAffecting = this._onDidFindAffecting.event;
  private readonly _log: Log;
  private readonly _state: ReadState;
  private _profile: RepoProfile | undefined;
  private _scripts: Record<string, string> = {};
  private _entries: Entry[] = [];
  private _ranked: RankedEntry[] = [];
  private _problems: string[] = [];
  private _fetchedAt: number | undefined;
  private _loaded = false;
  private _refreshing: Promise<void> | undefined;
  private _queued: Promise<void> | undefined;
  private _configKey = '';
  private _watchers: vscode.Disposable[] = [];
  private _profileTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly _loggedDrops = new Set<string>();

  constructor(private readonly o: DocsControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'docs');
    const restored = ReadState.fromJSON(o.globalState.get(READ_STATE_KEY), Date.now());
    if (restored.note) this._log.warn(restored.note);
    this._state = restored.state;
    this._configKey = this._key();
    this._register(o.config.onDidChange(() => {
      const key = this._key();
      if (key === this._configKey) return;
      this._configKey = key;
      this._watchRepo(o.repo.current);
      void this.refresh();
    }));
    this._register(o.repo.onDidChange((repo) => {
      this._profile = undefined;
      this._watchRepo(repo);
      void this.refresh();
    }));
    const timer = setInterval(() => void this.refresh(), REFRESH_INTERVAL_MS);
    this._register(toDisposable(() => clearInterval(timer)));
    this._register(toDisposable(() => {
      clearTimeout(this._profileTimer);
      for (const w of this._watchers) w.dispose();
    }));
    // In the background: activate() never waits for the network or the file system.
    setTimeout(() => {
      void o.repo.ready.then((repo) => this._watchRepo(repo));
      void this.refresh();
    }, 0);
  }

  get ranked(): readonly RankedEntry[] {
    return this._ranked;
  }

  get profile(): RepoProfile | undefined {
    return this._profile;
  }

  get unreadCount(): number {
    return this._state.unreadCount(this._entries);
  }

  wasNotified(id: string): boolean {
    return this._state.wasNotified(id);
  }

  /** Fetches every source again. A call during a run queues one more run (the config may have changed). */
  refresh(): Promise<void> {
    if (this._refreshing) {
      this._queued ??= this._refreshing.then(() => {
        this._queued = undefined;
        return this.refresh();
      });
      return this._queued;
    }
    this._refreshing = this._refresh().finally(() => {
      this._refreshing = undefined;
      this._onDidChange.fire();
    });
    this._onDidChange.fire();
    return this._refreshing;
  }

  /** The docs that match a failing command, for the stuck notification. */
  helpFor(command: string): DocHelpLink[] {
    return docsForCommand(this._entries, command, { scripts: this._scripts }).flatMap((entry) => {
      const r = this._ranked.find((x) => x.entry.id === entry.id);
      const target = r ? openTarget(r) : undefined;
      if (!target) return [];
      return [{ title: entry.title, detail: entry.summary ?? (entry.kind === 'doc' ? 'Platform doc' : 'Platform changelog'), entry, open: () => void this.openEntry(entry.id) }];
    });
  }

  /** Opens an entry in the browser or the doc viewer, and marks it read. */
  async openEntry(id: string): Promise<void> {
    const r = this._ranked.find((x) => x.entry.id === id);
    const target = r ? openTarget(r) : undefined;
    if (!r || !target) {
      void vscode.window.showWarningMessage(`DX Pulse: that doc is no longer in any source. Refresh the docs and try again.`);
      return;
    }
    this.markRead([id]);
    const e = r.entry;
    const meta = [e.kind === 'changelog' || e.type !== 'announcement' ? TYPE_LABELS[e.type] : 'Doc', e.version, e.publishedAt?.slice(0, 10)].filter(Boolean).join(' · ');
    await this.o.open(target, e.title, { meta, baseUrl: baseUrlOf(e) });
  }

  /** Which images remote markdown may load: from the configured platform and feeds only, unless the setting says any. */
  imagePolicy(): DocsImagePolicy {
    const c = this.o.config.config;
    return docsImagePolicy([c.platform.url, ...c.docs.sources.map((s) => s.url)], c.local.loadRemoteImages);
  }

  markRead(ids: readonly string[]): void {
    if (this._ranked.some((r) => r.entry.kind === 'changelog' && ids.includes(r.entry.id))) this._onDidReadChangelog.fire();
    this._state.markRead(ids);
    this._saveState();
    this._onDidChange.fire();
  }

  markAllRead(): void {
    this._state.markAllRead(this._entries);
    this._saveState();
    this._onDidChange.fire();
  }

  view(): DocsView {
    if (!this.o.config.config.features.docs) return { status: 'none' };
    const refreshing = this._refreshing !== undefined;
    if (!this._loaded) return { status: 'loading', message: 'Reading platform docs…' };
    if (this._ranked.length === 0) {
      const configured = this._hasSources();
      return {
        status: 'empty',
        message: configured ? 'No platform docs or changelog entries yet.' : 'No platform docs are set up for this repository.',
        hint: configured
          ? 'The sources below could not be read, or they carry no entries.'
          : 'Set dxPulse.docs.feedUrl to your platform’s feed, add docs.sources or docs.links to .dx/pulse.yaml, or connect a platform (dxPulse.platform.url).',
        problems: this._problems,
      };
    }
    const actionable = this._ranked.filter((r) => r.tier < 2);
    const rest = this._ranked.filter((r) => r.tier === 2).slice(0, MAX_VIEW_ENTRIES);
    return { status: 'ready', actionable: actionable.map((r) => this._entryView(r)), entries: rest.map((r) => this._entryView(r)), unread: this.unreadCount, fetchedAt: this._fetchedAt, refreshing, problems: this._problems, images: this.imagePolicy() };
  }

  /** markdown -> HTML, remembered: the view is rebuilt on every sidebar refresh. */
  private _html(markdown: string | undefined): string | undefined {
    if (!markdown) return undefined;
    let html = this._htmlCache.get(markdown);
    if (html === undefined) {
      html = markdownToUnsafeHtml(markdown);
      if (this._htmlCache.size >= 200) this._htmlCache.delete(this._htmlCache.keys().next().value as string);
      this._htmlCache.set(markdown, html);
    }
    return html;
  }

  private _entryView(r: RankedEntry): DocsEntryView {
    const e = r.entry;
    const cap = (s: string | undefined) => (s && s.length > MAX_VIEW_MARKDOWN ? `${s.slice(0, MAX_VIEW_MARKDOWN)}\n\n*(shortened; open the entry for the rest)*` : s);
    return {
      id: e.id,
      // Text nodes in the webview, but without bidi overrides (they reorder what a person reads).
      title: plainText(e.title),
      kind: e.kind,
      type: e.type,
      typeLabel: TYPE_LABELS[e.type],
      summary: e.summary && plainText(e.summary),
      bodyHtml: this._html(cap(e.body)),
      migrationHtml: this._html(cap(e.migration)),
      url: e.url,
      migrationUrl: e.migrationUrl,
      baseUrl: baseUrlOf(e),
      version: e.version,
      publishedAt: e.publishedAt?.slice(0, 10),
      removal: r.removal && (e.type === 'deprecation' || e.type === 'breaking') ? r.removal : undefined,
      affected: r.affected?.explanation,
      matches: r.matches,
      unread: this._state.isUnread(e),
      openable: openTarget(r) !== undefined,
    };
  }

  private _key(): string {
    const c = this.o.config.config;
    return JSON.stringify([c.features.docs, c.docs, c.platform.url, c.privacy.shareRepoNames]);
  }

  private _hasSources(): boolean {
    const c = this.o.config.config;
    return c.docs.sources.length > 0 || c.docs.links.length > 0 || !!this.o.platform() || !!this._profile?.service?.links.length;
  }

  private async _refresh(): Promise<void> {
    try {
      const repo = await this.o.repo.ready;
      const config = this.o.config.config;
      if (!config.features.docs) {
        this._entries = [];
        this._ranked = [];
        return;
      }
      this._profile ??= await this._buildProfile(repo);
      const outcomes: SourceOutcome[] = [];
      const client = this.o.platform();
      if (client && repo?.normalizedRemote) outcomes.push(await this.o.sources.platform(client, configuredRepoIdentity(config, repo.normalizedRemote).id));
      const feeds = await Promise.all(
        config.docs.sources.map((s) => (isRemoteSource(s.url) ? this.o.sources.remoteFeed(s.url, s.type) : repo ? this.o.sources.repoFeed(repo.folder, s.url, s.type) : Promise.resolve<SourceOutcome>({ source: s.url, items: [], notes: [], error: `${s.url}: no folder is open` }))),
      );
      outcomes.push(...feeds);
      const batches: SourceBatch[] = outcomes.map((x) => ({ source: x.source, items: x.items }));
      const links = entriesFromPulseDocsLinks(config.docs.links, this._profile.service?.name);
      batches.push({ source: '.dx/pulse.yaml', items: links.items });
      if (this._profile.service) batches.push({ source: 'catalog-info.yaml', items: entriesFromCatalogLinks(this._profile.service) });
      const merged = mergeEntrySources(batches);
      for (const d of merged.dropped) this._logOnce(`${d.source}: dropped ${d.reason}`);
      for (const x of outcomes) for (const n of x.notes) this._logOnce(`${x.source}: ${n}`);
      for (const n of links.notes) this._logOnce(n);
      this._problems = outcomes.filter((x) => x.error).map((x) => x.error!);
      for (const p of this._problems) this._log.warn(p);
      const times = outcomes.map((x) => x.fetchedAt).filter((t): t is number => t !== undefined);
      this._fetchedAt = times.length ? Math.min(...times) : undefined;
      this._entries = merged.entries;
      this._log.info(`${merged.entries.length} docs and changelog entries from ${batches.filter((b) => b.items.length).length} source(s)${merged.dropped.length ? `, ${merged.dropped.length} dropped (see above)` : ''}`);
      this._rank();
    } catch (e) {
      this._log.error(`refreshing platform docs failed: ${errorMessage(e)}`);
    } finally {
      this._loaded = true;
    }
  }

  private _rank(): void {
    if (!this._profile) return;
    this._ranked = rankEntries(this._entries, this._profile, Date.now());
    const notices = takeAffectedNotices(this._ranked, this._state);
    if (notices.length) {
      this._saveState();
      this._log.info(`affects this repo: ${notices.map((n) => n.entryId).join(', ')}`);
      this._onDidFindAffecting.fire(notices);
    }
    this._onDidChange.fire();
  }

  private _saveState(): void {
    void Promise.resolve(this.o.globalState.update(READ_STATE_KEY, this._state.toJSON())).then(undefined, (e: unknown) => this._log.error(`saving the docs read state failed: ${errorMessage(e)}`));
  }

  private _logOnce(line: string): void {
    if (this._loggedDrops.has(line)) return;
    this._loggedDrops.add(line);
    this._log.warn(line);
  }

  private async _buildProfile(repo: OpenRepo | undefined): Promise<RepoProfile> {
    if (!repo) return buildRepoProfile({ read: async () => undefined, list: async () => [] });
    const started = Date.now();
    const files = workspaceRepoFiles(repo.folder);
    let filePaths: string[] = [];
    try {
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(repo.folder, '**/*'), FILE_EXCLUDES, MAX_LANGUAGE_FILES);
      filePaths = uris.map((u) => vscode.workspace.asRelativePath(u, false));
    } catch (e) {
      this._log.warn(`listing files for language detection failed: ${errorMessage(e)}`);
    }
    const profile = await buildRepoProfile(files, { filePaths, remote: repo.normalizedRemote });
    this._scripts = await readScripts(files);
    for (const n of profile.notes) this._logOnce(n);
    this._log.info(`repo profile in ${Date.now() - started} ms: ${profile.images.length} image(s), ${profile.actions.length} action(s), ${Object.keys(profile.dependencies).length} dependencies, tools ${profile.tools.join(', ') || 'none'}`);
    return profile;
  }

  /** Watches the files the profile reads (re-rank) and feed files inside the repo (re-fetch). */
  private _watchRepo(repo: OpenRepo | undefined): void {
    for (const w of this._watchers) w.dispose();
    this._watchers = [];
    if (!repo) return;
    const onProfileFile = () => {
      clearTimeout(this._profileTimer);
      this._profileTimer = setTimeout(() => void this._rebuildProfile(repo), 500);
    };
    const profileWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(repo.folder, PROFILE_GLOB));
    this._watchers.push(profileWatcher, profileWatcher.onDidCreate(onProfileFile), profileWatcher.onDidChange(onProfileFile), profileWatcher.onDidDelete(onProfileFile));
    for (const s of this.o.config.config.docs.sources) {
      const rel = isRemoteSource(s.url) ? undefined : repoRelativePath(s.url);
      if (!rel) continue;
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(repo.folder, rel));
      const again = () => void this.refresh();
      this._watchers.push(w, w.onDidCreate(again), w.onDidChange(again), w.onDidDelete(again));
    }
  }

  private async _rebuildProfile(repo: OpenRepo): Promise<void> {
    try {
      this._profile = await this._buildProfile(repo);
      this._rank();
    } catch (e) {
      this._log.error(`rebuilding the repo profile failed: ${errorMessage(e)}`);
    }
  }
}

/** The URL relative links in an entry's markdown resolve against: its own, else its feed's. */
function baseUrlOf(e: Entry): string | undefined {
  return e.url ?? (e.source && /^https?:\/\//i.test(e.source) ? e.source : undefined);
}

/** RepoFiles over workspace.fs, rooted at the open folder. */
export function workspaceRepoFiles(folder: vscode.Uri): RepoFiles {
  return {
    async read(rel) {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, rel)));
      } catch {
        return undefined; // absent: the profile simply lacks it
      }
    },
    async list(dir) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(dir === '.' ? folder : vscode.Uri.joinPath(folder, dir));
        return entries.filter(([, type]) => (type & vscode.FileType.File) !== 0).map(([name]) => name);
      } catch {
        return [];
      }
    },
  };
}

async function readScripts(files: RepoFiles): Promise<Record<string, string>> {
  try {
    const pkg = JSON.parse((await files.read('package.json')) ?? '{}') as { scripts?: unknown };
    const out: Record<string, string> = {};
    if (pkg.scripts && typeof pkg.scripts === 'object') for (const [k, v] of Object.entries(pkg.scripts)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {}; // not JSON: the profile already logged it
  }
}

