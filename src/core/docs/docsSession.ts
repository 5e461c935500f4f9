import * as l10n from '@vscode/l10n';
import { Disposable, Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import { plainText } from '../common/plainText';
import type { PulseConfig } from '../config/pulseConfig';
import type { PlatformClient } from '../platform/client';
import { configuredRepoIdentity } from '../privacy/repoIdentity';
import type { DocsEntryView, DocsImagePolicy, DocsView } from '../../protocol/sidebar';
import type { EventEnvelope } from '../events/envelope';
import type { EventData } from '../events/kinds';
import type { SharingLevel } from '../privacy/gate';
import { docsForCommand } from './commandDocs';
import { applyDeprecationChanges, deprecationChanges, parseDeprecationState } from './deprecationTracker';
import type { Entry } from './entries';
import { docsImagePolicy } from './imagePolicy';
import { markdownToUnsafeHtml } from './markdownHtml';
import { takeAffectedNotices, type AffectedNotice } from './notices';
import { rankEntries, type RankedEntry } from './ranking';
import { ReadState } from './readState';
import type { RepoProfile } from './repoProfile';
import { isRemoteSource } from './repoPaths';
import { openTarget, typeLabel, type DocOpenTarget } from './search';
import { entriesFromCatalogLinks, entriesFromPulseDocsLinks, mergeEntrySources, type FeedFormat, type SourceBatch } from './sources';
import { formatDay } from '../common/dates';

const MAX_VIEW_MARKDOWN = 20_000;
const MAX_VIEW_ENTRIES = 200;

/** Shaped like the stuck notification's HelpLink. */
export interface DocHelpLink {
  readonly title: string;
  readonly detail?: string;
  readonly entry: Entry;
  open(): void;
}

/** What one source gave. */
export interface SourceOutcome {
  source: string;
  items: unknown[];
  /** When the items were last confirmed by their source (epoch ms). */
  fetchedAt?: number;
  error?: string;
  notes: string[];
}

/** Fetching from each kind of source (the host's DocsSources, with caches). */
export interface DocsFetcher<Folder> {
  platform(client: PlatformClient, repoId: string): Promise<SourceOutcome>;
  remoteFeed(url: string, format?: FeedFormat): Promise<SourceOutcome>;
  repoFeed(folder: Folder, path: string, format?: FeedFormat): Promise<SourceOutcome>;
}

/** The open repository, as the docs need it. */
export interface DocsRepo<Folder> {
  readonly folder: Folder;
  readonly normalizedRemote?: string;
}

type DocsEventKind = 'docs.opened' | 'docs.searched' | 'deprecation.affected' | 'deprecation.resolved';

/** What the docs tell the platform (the host's event recorder, under the sharing gate). */
export interface DocsEvents {
  record<K extends DocsEventKind>(kind: K, data: EventData<K>): EventEnvelope | undefined;
  /** The sharing level now: a search's query is kept only at `all`. */
  sharing(): SharingLevel;
  /** Which entries each repository was reported affected by (globalState in the host). */
  readonly store: { get(): unknown; update(value: unknown): Promise<void> };
}

export interface DocsSessionOptions<Folder> {
  readonly config: () => PulseConfig;
  readonly repo: () => Promise<DocsRepo<Folder> | undefined>;
  /** The platform client when a platform is configured. */
  readonly platform: () => PlatformClient | undefined;
  readonly fetcher: DocsFetcher<Folder>;
  /** The repo profile and package.json scripts (the host reads the files). */
  readonly buildProfile: (repo: DocsRepo<Folder> | undefined) => Promise<{ profile: RepoProfile; scripts: Record<string, string> }>;
  /** Where read state and shown notices are kept (globalState in the host). */
  readonly store: { get(): unknown; update(value: unknown): Promise<void> };
  /** Opens an entry (browser or the doc viewer); owned by the views. */
  readonly open: (target: DocOpenTarget, title: string, details: { meta?: string; baseUrl?: string }) => Promise<void>;
  readonly warn: (message: string) => void;
  readonly log: Log;
  readonly now: () => number;
  /** The editor's display language, for dates in notifications. */
  readonly locale?: string;
  /** Absent: nothing is recorded for the platform. */
  readonly events?: DocsEvents;
}


/**
 * Platform docs and changelog for the open repo: gathers entries from every source, ranks
 * them against the repo profile, keeps what was read and which affected-repo notices were
 * shown, and tells the views when something changed. The host (DocsController) supplies
 * the profile, the fetching and the store, and watches the repository's files.
 */
export class DocsSession<Folder = unknown> extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _htmlCache = new Map<string, string>();
  private readonly _onDidReadChangelog = this._register(new Emitter<void>());
  /** The developer opened a changelog entry (a survey may be triggered by it). */
  readonly onDidReadChangelog = this._onDidReadChangelog.event;
  private readonly _onDidFindAffecting = this._register(new Emitter<readonly AffectedNotice[]>());
  /** Entries that affect this repo and were never notified before (each fires once, ever). */
  readonly onDidFindAffecting = this._onDidFindAffecting.event;
  protected readonly _log: Log;
  private readonly _state: ReadState;
  protected _profile: RepoProfile | undefined;
  private _scripts: Record<string, string> = {};
  private _entries: Entry[] = [];
  private _ranked: RankedEntry[] = [];
  private _problems: string[] = [];
  private _fetchedAt: number | undefined;
  private _loaded = false;
  private _refreshing: Promise<void> | undefined;
  private _queued: Promise<void> | undefined;
  private readonly _loggedDrops = new Set<string>();
  /** The repository the entries were ranked for (its normalized remote). */
  private _repoKey: string | undefined;

  constructor(protected readonly s: DocsSessionOptions<Folder>) {
    super();
    this._log = s.log;
    const restored = ReadState.fromJSON(s.store.get(), s.now());
    if (restored.note) this._log.warn(restored.note);
    this._state = restored.state;
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
      return [{ title: entry.title, detail: entry.summary ?? (entry.kind === 'doc' ? l10n.t('Platform doc') : l10n.t('Platform changelog')), entry, open: () => void this.openEntry(entry.id) }];
    });
  }

  /** Opens an entry in the browser or the doc viewer, and marks it read. */
  async openEntry(id: string): Promise<void> {
    const r = this._ranked.find((x) => x.entry.id === id);
    const target = r ? openTarget(r) : undefined;
    if (!r || !target) {
      this.s.warn(l10n.t('DX Pulse: that doc is no longer in any source. Refresh the docs and try again.'));
      return;
    }
    this.markRead([id]);
    const e = r.entry;
    this.opened(e);
    const meta = [e.kind === 'changelog' || e.type !== 'announcement' ? typeLabel(e.type) : l10n.t('Doc'), e.version, e.publishedAt && formatDay(e.publishedAt, this.s.locale)].filter(Boolean).join(' · ');
    await this.s.open(target, e.title, { meta, baseUrl: baseUrlOf(e) });
  }

  /** An entry (or its migration guide) was opened, from here or from a notification: docs.opened. */
  opened(entry: Pick<Entry, 'id' | 'kind'>): void {
    this.s.events?.record('docs.opened', { entryId: entry.id.slice(0, 200), entryKind: entry.kind });
  }

  /**
   * Search Platform Docs closed: what was searched (the query only at sharing level
   * `all`), how many entries matched, and whether one was opened. An empty query is no search.
   */
  searched(query: string, results: number, opened: boolean): void {
    const q = plainText(query).trim().slice(0, 200);
    if (!q) return;
    this.s.events?.record('docs.searched', { ...(this.s.events.sharing() === 'all' ? { query: q } : {}), results, opened });
  }

  /** Which images remote markdown may load: from the configured platform and feeds only, unless the setting says any. */
  imagePolicy(): DocsImagePolicy {
    const c = this.s.config();
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
    if (!this.s.config().features.docs) return { status: 'none' };
    const refreshing = this._refreshing !== undefined;
    if (!this._loaded) return { status: 'loading', message: l10n.t('Reading platform docs…') };
    if (this._ranked.length === 0) {
      const configured = this._hasSources();
      return {
        status: 'empty',
        message: configured ? l10n.t('No platform docs or changelog entries yet.') : l10n.t('No platform docs are set up for this repository.'),
        hint: configured
          ? l10n.t('The sources below could not be read, or they carry no entries.')
          : l10n.t('Set dxPulse.docs.feedUrl to your platform’s feed, add docs.sources or docs.links to .dx/pulse.yaml, or connect a platform (dxPulse.platform.url).'),
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
    const cap = (s: string | undefined) => (s && s.length > MAX_VIEW_MARKDOWN ? `${s.slice(0, MAX_VIEW_MARKDOWN)}\n\n${l10n.t('*(shortened; open the entry for the rest)*')}` : s);
    return {
      id: e.id,
      // Text nodes in the webview, but without bidi overrides (they reorder what a person reads).
      title: plainText(e.title),
      kind: e.kind,
      type: e.type,
      typeLabel: typeLabel(e.type),
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
      affectedFiles: r.affected && [...new Set(r.affected.reasons.map((x) => x.file))],
      matches: r.matches,
      unread: this._state.isUnread(e),
      openable: openTarget(r) !== undefined,
    };
  }

  /** What of the configuration the entries depend on: a change of it refetches. */
  protected _key(): string {
    const c = this.s.config();
    return JSON.stringify([c.features.docs, c.docs, c.platform.url, c.privacy.shareRepoNames]);
  }

  private _hasSources(): boolean {
    const c = this.s.config();
    return c.docs.sources.length > 0 || c.docs.links.length > 0 || !!this.s.platform() || !!this._profile?.service?.links.length;
  }

  private async _refresh(): Promise<void> {
    try {
      const repo = await this.s.repo();
      this._repoKey = repo?.normalizedRemote;
      const config = this.s.config();
      if (!config.features.docs) {
        this._entries = [];
        this._ranked = [];
        return;
      }
      if (!this._profile) {
        const built = await this.s.buildProfile(repo);
        this._profile = built.profile;
        this._scripts = built.scripts;
        for (const n of built.profile.notes) this._logOnce(n);
      }
      const outcomes: SourceOutcome[] = [];
      const client = this.s.platform();
      if (client && repo?.normalizedRemote) outcomes.push(await this.s.fetcher.platform(client, configuredRepoIdentity(config, repo.normalizedRemote).id));
      const feeds = await Promise.all(
        config.docs.sources.map((src) => (isRemoteSource(src.url) ? this.s.fetcher.remoteFeed(src.url, src.type) : repo ? this.s.fetcher.repoFeed(repo.folder, src.url, src.type) : Promise.resolve<SourceOutcome>({ source: src.url, items: [], notes: [], error: l10n.t('{0}: no folder is open', src.url) }))),
      );
      outcomes.push(...feeds);
      const batches: SourceBatch[] = outcomes.map((x) => ({ source: x.source, items: x.items }));
      const links = entriesFromPulseDocsLinks(config.docs.links, this._profile.service?.name);
      batches.push({ source: '.dx/pulse.yaml', items: links.items });
      if (this._profile.service) batches.push({ source: 'catalog-info.yaml', items: entriesFromCatalogLinks(this._profile.service) });
      const merged = mergeEntrySources(batches);
      for (const d of merged.dropped) this._logOnce(`${d.source}: dropped ${d.reason}`); // l10n-ignore: a log line
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

  /** The profile was rebuilt (a file it reads changed): rank again, no refetch. */
  protected _setProfile(built: { profile: RepoProfile; scripts: Record<string, string> }): void {
    this._profile = built.profile;
    this._scripts = built.scripts;
    for (const n of built.profile.notes) this._logOnce(n);
    this._rank();
  }

  private _rank(): void {
    if (!this._profile) return;
    this._ranked = rankEntries(this._entries, this._profile, this.s.now());
    const notices = takeAffectedNotices(this._ranked, this._state, this.s.locale);
    if (notices.length) {
      this._saveState();
      this._log.info(`affects this repo: ${notices.map((n) => n.entryId).join(', ')}`);
      this._onDidFindAffecting.fire(notices);
    }
    this._trackDeprecations();
    this._onDidChange.fire();
  }

  /** deprecation.affected once per entry and repository, deprecation.resolved when it no longer applies. */
  private _trackDeprecations(): void {
    const ev = this.s.events;
    const key = this._repoKey;
    // No remote: the platform could not count the repository, so nothing is sent.
    if (!ev || !key) return;
    const state = parseDeprecationState(ev.store.get());
    const changes = deprecationChanges(state, key, this._ranked);
    const affected = changes.affected.filter((d) => ev.record('deprecation.affected', d)).map((d) => d.entryId);
    const resolved = changes.resolved.filter((d) => ev.record('deprecation.resolved', d)).map((d) => d.entryId);
    if (!affected.length && !resolved.length) return;
    this._log.info(`deprecations: affected ${affected.join(', ') || 'none'}; resolved ${resolved.join(', ') || 'none'}`);
    void Promise.resolve(ev.store.update(applyDeprecationChanges(state, key, affected, resolved))).then(undefined, (e: unknown) => this._log.error(`saving the deprecation state failed: ${errorMessage(e)}`));
  }

  private _saveState(): void {
    void Promise.resolve(this.s.store.update(this._state.toJSON())).then(undefined, (e: unknown) => this._log.error(`saving the docs read state failed: ${errorMessage(e)}`));
  }

  private _logOnce(line: string): void {
    if (this._loggedDrops.has(line)) return;
    this._loggedDrops.add(line);
    this._log.warn(line);
  }
}

/** The URL relative links in an entry's markdown resolve against: its own, else its feed's. */
function baseUrlOf(e: Entry): string | undefined {
  return e.url ?? (e.source && /^https?:\/\//i.test(e.source) ? e.source : undefined);
}

