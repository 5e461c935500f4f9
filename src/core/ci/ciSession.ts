// The CI section's state machine, as MetricsSession is for deploy metrics: render from the
// on-disk cache at once, refresh from the first source that answers (platform, GitHub
// Actions, GitLab), say which one is shown and how old it is, keep the last good runs on
// screen when a refresh fails, and drop answers that a newer refresh overtook.
// src/host/ciController.ts supplies the repository, credentials and the window.
import * as l10n from '@vscode/l10n';
import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import type { JsonCache } from '../platform/cache';
import { SourceError } from '../metrics/metricsFetch';
import type { ServiceIdentity } from '../metrics/serviceIdentity';
import type { CiView } from '../../protocol/sidebar';
import { computeCiReport } from './ciEngine';
import { CiData, CiNotConfigured, fetchCiRuns, type CiFetchInput } from './ciFetch';
import { ciReadyView, localView } from './ciViewModel';
import { quotaNote } from './githubActionsSource';
import type { LocalLoop } from './localLoop';

const DAY_MS = 86_400_000;

export interface CiRepo {
  readonly key: string;
  readonly identity: ServiceIdentity;
  readonly repoId: string | undefined;
  readonly remote: CiFetchInput['remote'];
  readonly currentBranch: string | undefined;
}

export interface CiSessionOptions {
  readonly clock: Clock;
  readonly log: Log;
  readonly cache: Pick<JsonCache, 'read' | 'write'>;
  /** False when features.metrics is off (CI numbers are part of the metrics feature). */
  readonly enabled: () => boolean;
  readonly windowDays: () => 7 | 30 | 90;
  readonly openRepo: () => Promise<CiRepo | undefined>;
  readonly local: LocalLoop;
  readonly fetch: Omit<CiFetchInput, 'identity' | 'repoId' | 'remote' | 'currentBranch' | 'now' | 'log'>;
}

export class CiSession {
  private readonly _onDidChange = new Emitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private _view: CiView = { status: 'loading', message: l10n.t('Reading CI runs…') };
  private _viewText = '';
  private _data: CiData | undefined;
  private _repo: CiRepo | undefined;
  private _stale: string | undefined;
  private _error: { message: string; hint: string; notConfigured: boolean } | undefined;
  private _refreshing = false;
  private _generation = 0;

  constructor(private readonly o: CiSessionOptions) {}

  get view(): CiView {
    return this._view;
  }

  async refresh(opts: { fromCache?: boolean } = {}): Promise<void> {
    const generation = ++this._generation;
    if (!this.o.enabled()) return this._set({ status: 'none' });
    const repo = await this.o.openRepo();
    if (generation !== this._generation) return;
    this._repo = repo;
    if (!repo) return this._set({ status: 'empty', message: l10n.t('No folder is open.'), hint: l10n.t('Open a repository to see its CI duration.') });
    const cacheKey = `ci:${repo.key}`;
    if (opts.fromCache || !this._data) {
      this._data = (await this.o.cache.read(cacheKey, CiData))?.data;
      if (generation !== this._generation) return;
    }
    this._refreshing = true;
    this._error = undefined;
    this.render();
    try {
      const fresh = await fetchCiRuns({ ...this.o.fetch, identity: repo.identity, repoId: repo.repoId, remote: repo.remote, currentBranch: repo.currentBranch, now: this.o.clock.now(), log: this.o.log });
      if (generation !== this._generation) return;
      this._data = fresh;
      this._stale = undefined;
      await this.o.cache.write(cacheKey, { data: fresh, fetchedAt: fresh.fetchedAt, url: `ci:${fresh.source}` });
    } catch (e) {
      if (generation !== this._generation) return;
      this.o.log.warn(`refreshing CI runs failed: ${errorMessage(e)}`);
      this._stale = errorMessage(e);
      const notConfigured = e instanceof CiNotConfigured;
      this._error = { message: notConfigured ? errorMessage(e) : l10n.t('Could not read CI runs: {0}', errorMessage(e)), hint: e instanceof SourceError ? e.hint : l10n.t('See the DX Pulse log for details.'), notConfigured };
    }
    this._refreshing = false;
    this.render();
  }

  /** Recomputes the view (a new window, a local task ended, the clock moved on). */
  render(): void {
    if (!this.o.enabled()) return this._set({ status: 'none' });
    const repo = this._repo;
    if (!repo) return;
    const now = this.o.clock.now();
    const windowDays = this.o.windowDays();
    const local = localView(this.o.local.stats(repo.key, now - windowDays * DAY_MS));
    const withLocal = local ? { local } : {};
    const d = this._data;
    if (!d) {
      if (this._error) return this._set({ status: this._error.notConfigured ? 'empty' : 'error', message: this._error.message, hint: this._error.hint, ...withLocal });
      return this._set({ status: 'loading', message: l10n.t('Reading CI runs…'), ...withLocal });
    }
    const report = computeCiReport(d.runs, { now, windowDays, defaultBranch: d.defaultBranch ?? 'main', ...(repo.currentBranch ? { currentBranch: repo.currentBranch } : {}) });
    const quota = d.source === 'github' ? quotaNote(d.rateLimit) : undefined;
    this._set(ciReadyView(report, { source: d.source, fetchedAt: d.fetchedAt, ...(this._stale ? { stale: this._stale } : {}), refreshing: this._refreshing, windowDays, ...(quota ? { quota } : {}), warnings: d.warnings, ...withLocal }));
  }

  private _set(view: CiView): void {
    // Every change re-renders the whole sidebar: say nothing when nothing changed (a new
    // deploy-metrics window, a refresh that found the same state).
    const text = JSON.stringify(view);
    if (text === this._viewText) return;
    this._viewText = text;
    this._view = view;
    this._onDidChange.fire();
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}
