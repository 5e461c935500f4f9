import * as l10n from '@vscode/l10n';
import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import { safeUrl } from '../common/urls';
import type { PulseConfig } from '../config/pulseConfig';
import type { JsonCache } from '../platform/cache';
import type { PlatformClient } from '../platform/client';
import type { HttpTransport } from '../platform/transport';
import type { MetricsView } from '../../protocol/sidebar';
import { buildDeploymentIndex, type DeploymentIndex } from './deploymentIndex';
import { computeDoraFromIndex } from './engine';
import type { GitHistory } from './gitSource';
import { emptyHint, fetchDeployments, MetricsData, SourceError } from './metricsFetch';
import { resolveServiceIdentity, type ServiceIdentity } from './serviceIdentity';
import type { WindowDays } from './types';
import { noDeploymentsText, readyView, sourceLabel } from './viewModel';

// The deploy metrics' state machine: render from the on-disk cache at once, refresh from
// the first available source (platform, GitHub, git tags), say which one is shown and how
// old it is, keep the last good data on screen when a refresh fails, and drop answers to
// refreshes that a newer one overtook. Never blank: every state has words.
// src/host/metricsController.ts supplies the repository, the credentials and the window.

/** The open repository, as the metrics need it. */
export interface MetricsRepo {
  readonly key: string;
  readonly folderName: string;
  readonly remoteUrl: string | undefined;
  catalogText(): Promise<string | undefined>;
  /** The repository's git history, when the folder is a git repository. */
  readonly git: GitHistory | undefined;
}

export interface MetricsSessionOptions {
  readonly clock: Clock;
  readonly log: Log;
  readonly cache: Pick<JsonCache, 'read' | 'write'>;
  readonly config: () => PulseConfig;
  /** Why deploy metrics are off, naming the layer that turned them off. */
  readonly whyOff?: () => string;
  /** The window the developer picked (or the default). */
  readonly windowDays: () => WindowDays;
  readonly openRepo: () => Promise<MetricsRepo | undefined>;
  /** The platform client, when a platform is configured. */
  readonly platform: () => Pick<PlatformClient, 'getDeployments'> | undefined;
  /** A GitHub token for `apiUrl` only (asked for only when GitHub may be used). */
  readonly githubToken: (apiUrl: string, required: boolean) => Promise<string | undefined>;
  readonly transport: HttpTransport;
}

export class MetricsSession {
  private readonly _onDidChange = new Emitter<void>();
  readonly onDidChange = this._onDidChange.event;
  private _view: MetricsView = { status: 'loading', message: l10n.t('Reading deployments…') };
  private _data: MetricsData | undefined;
  private _index: DeploymentIndex | undefined;
  private _stale: string | undefined;
  private _refreshing = false;
  private _generation = 0;

  constructor(private readonly o: MetricsSessionOptions) {}

  get view(): MetricsView {
    return this._view;
  }

  /** Reads the cache (the first time, or with `fromCache` after the repo changed), then fetches. */
  async refresh(opts: { fromCache?: boolean } = {}): Promise<void> {
    const generation = ++this._generation;
    const repo = await this.o.openRepo();
    if (generation !== this._generation) return;
    if (!repo) {
      this._set({ status: 'empty', message: l10n.t('No folder is open.'), hint: l10n.t('Open a repository to see its team’s deploy metrics.') });
      return;
    }
    const config = this.o.config();
    if (!config.features.metrics) {
      this._set({ status: 'empty', message: l10n.t('Deploy metrics are turned off for this repository.'), hint: l10n.t('{0}.', this.o.whyOff?.() ?? l10n.t('features.metrics is false')) });
      return;
    }
    const cacheKey = `deployments:${repo.key}`;
    if (opts.fromCache || !this._data) {
      const cached = (await this.o.cache.read(cacheKey, MetricsData))?.data;
      if (generation !== this._generation) return;
      this._use(cached, config);
    }
    this._refreshing = true;
    this.render();
    try {
      const fresh = await fetchDeployments({
        metrics: config.metrics,
        identity: await this._identity(repo, config),
        now: this.o.clock.now(),
        platform: this.o.platform(),
        githubToken: (required) => this.o.githubToken(config.metrics.githubApiUrl, required),
        transport: this.o.transport,
        git: repo.git,
        log: this.o.log,
      });
      if (generation !== this._generation) return;
      this._use(fresh, config);
      this._stale = undefined;
      await this.o.cache.write(cacheKey, { data: fresh, fetchedAt: fresh.fetchedAt, url: `metrics:${fresh.source}` });
    } catch (e) {
      if (generation !== this._generation) return;
      this.o.log.warn(`refreshing metrics failed: ${errorMessage(e)}`);
      this._stale = errorMessage(e);
      if (!this._data) {
        this._refreshing = false;
        this._set({ status: 'error', message: l10n.t('Could not read deployments: {0}', errorMessage(e)), hint: e instanceof SourceError ? e.hint : l10n.t('See the DX Pulse log for details.') });
        return;
      }
    }
    this._refreshing = false;
    this.render();
  }

  /** Recomputes the view from the data at hand (a new window, or the clock moved on). */
  render(): void {
    const d = this._data;
    if (!d || !this._index) {
      if (this._refreshing) this._set({ status: 'loading', message: l10n.t('Reading deployments…') });
      return;
    }
    if (d.deployments.length === 0) {
      this._set({ status: 'empty', message: noDeploymentsText(d.source), hint: emptyHint(d.source, this.o.config().metrics.deployTagPattern), sourceLabel: sourceLabel(d.source) });
      return;
    }
    const windowDays = this.o.windowDays();
    const report = computeDoraFromIndex(this._index, { now: this.o.clock.now(), windowDays });
    this._set(readyView(report, d.deployments, { source: d.source, service: d.service, team: d.team, fetchedAt: d.fetchedAt, stale: this._stale, refreshing: this._refreshing, windowDays, warnings: d.warnings }));
  }

  private _use(data: MetricsData | undefined, config: PulseConfig): void {
    this._data = data;
    this._index = data ? buildDeploymentIndex(data.deployments, { environment: config.metrics.environment }) : undefined;
  }

  private _set(view: MetricsView): void {
    this._view = view;
    this._onDidChange.fire();
  }

  private async _identity(repo: MetricsRepo, config: PulseConfig): Promise<ServiceIdentity> {
    // No catalog: the remote or the folder name names the service.
    const ghHost = safeUrl(config.metrics.githubApiUrl)?.hostname.toLowerCase();
    const identity = resolveServiceIdentity({ catalogText: await repo.catalogText(), remoteUrl: repo.remoteUrl, folderName: repo.folderName, githubHosts: ['github.com', ...(ghHost && ghHost !== 'api.github.com' ? [ghHost] : [])] });
    if (identity.catalogProblem) this.o.log.warn(`catalog-info.yaml: ${identity.catalogProblem}`);
    // An explicit service (repo file or platform) names what the metrics are for.
    const { service, team } = config.metrics;
    return service ? { ...identity, service, team: team ?? identity.team } : identity;
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}
