import * as path from 'node:path';
import { plainText } from '../core/common/plainText';
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Disposable, Emitter } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { buildDeploymentIndex, type DeploymentIndex } from '../core/metrics/deploymentIndex';
import { computeDoraFromIndex } from '../core/metrics/engine';
import { emptyHint, fetchDeployments, MetricsData, SourceError } from '../core/metrics/metricsFetch';
import { JsonCache } from '../core/platform/cache';
import { resolveServiceIdentity, type ServiceIdentity } from '../core/metrics/serviceIdentity';
import type { WindowDays } from '../core/metrics/types';
import { readyView, SOURCE_LABEL } from '../core/metrics/viewModel';
import type { HttpTransport } from '../core/platform/transport';
import type { MetricsView } from '../protocol/sidebar';
import type { ConfigService } from './configService';
import type { DeliveryController } from './deliveryController';
import { SimpleGitHistory } from './gitHistory';
import { credentialScope, isWithinScope, safeUrl } from '../core/common/urls';
import type { WorkspaceRepo } from './workspaceRepo';

const GITHUB_TOKEN_KEY = 'dxPulse.github.token';
const WINDOW_KEY = 'dxPulse.metrics.window';

const SavedToken = z.object({ url: z.string(), token: z.string() });

export interface MetricsControllerOptions {
  readonly repo: WorkspaceRepo;
  readonly config: ConfigService;
  readonly delivery: DeliveryController;
  readonly transport: HttpTransport;
  readonly secrets: vscode.SecretStorage;
  readonly workspaceState: vscode.Memento;
  readonly storageDir: string;
  readonly log: Log;
}

/**
 * The team's deploy metrics for the open repo. Renders from the on-disk cache at once,
 * then refreshes from the first available source (platform, GitHub, git tags) and says
 * which one it shows and how old the data is. Never blank: every state has words.
 */
export class MetricsController extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private readonly _log: Log;
  private _view: MetricsView = { status: 'loading', message: 'Reading deployments…' };
  private _data: MetricsData | undefined;
  private readonly _cache: JsonCache;
  private _index: DeploymentIndex | undefined;
  private _stale: string | undefined;
  private _refreshing = false;
  private _generation = 0;
  private _shown = false;

  constructor(private readonly o: MetricsControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'metrics');
    this._cache = new JsonCache(path.join(o.storageDir, 'metrics'), 'metrics', this._log);
    // Git, GitHub or the platform are asked only once the sidebar has shown metrics:
    // a window whose sidebar stays closed costs nothing at startup.
    this._register(o.repo.onDidChange(() => this._shown && void this.refresh({ fromCache: true })));
    let window = o.config.config.local.metricsWindow;
    this._register(o.config.onDidChange((c) => {
      // A new default window only redraws; anything else may change the numbers.
      if (c.local.metricsWindow !== window) {
        window = c.local.metricsWindow;
        this._render();
      } else if (this._shown) void this.refresh();
    }));
  }

  get view(): MetricsView {
    return this._view;
  }

  get windowDays(): WindowDays {
    return this.o.workspaceState.get<WindowDays>(WINDOW_KEY) ?? (Number(this.o.config.config.local.metricsWindow) as WindowDays);
  }

  async setWindow(days: WindowDays): Promise<void> {
    await this.o.workspaceState.update(WINDOW_KEY, days);
    this._render();
  }

  /** Reads the cache (first time), then fetches from the best source available. */
  async refresh(opts: { fromCache?: boolean } = {}): Promise<void> {
    this._shown = true;
    const generation = ++this._generation;
    const repo = await this.o.repo.ready;
    if (generation !== this._generation) return;
    if (!repo) {
      this._set({ status: 'empty', message: 'No folder is open.', hint: 'Open a repository to see its team’s deploy metrics.' });
      return;
    }
    if (!this.o.config.config.features.metrics) {
      this._set({ status: 'empty', message: 'Deploy metrics are turned off for this repository.', hint: 'features.metrics is false in .dx/pulse.yaml or your platform’s configuration.' });
      return;
    }
    const cacheKey = `deployments:${repo.key}`;
    if (opts.fromCache || !this._data) {
      this._data = (await this._cache.read(cacheKey, MetricsData))?.data;
      this._index = this._data ? buildDeploymentIndex(this._data.deployments, { environment: this.o.config.config.metrics.environment }) : undefined;
    }
    this._refreshing = true;
    this._render();
    try {
      const identity = await this._identity(repo.folder, repo.remoteUrl);
      const fresh = await fetchDeployments({
        metrics: this.o.config.config.metrics,
        identity,
        now: Date.now(),
        platform: this.o.delivery.client,
        githubToken: (required) => this._githubToken(this.o.config.config.metrics.githubApiUrl, required),
        transport: this.o.transport,
        git: repo.gitRoot ? new SimpleGitHistory(repo.gitRoot) : undefined,
        log: this.o.log,
      });
      if (generation !== this._generation) return;
      this._data = fresh;
      this._index = buildDeploymentIndex(fresh.deployments, { environment: this.o.config.config.metrics.environment });
      this._stale = undefined;
      await this._cache.write(cacheKey, { data: fresh, fetchedAt: fresh.fetchedAt, url: `metrics:${fresh.source}` });
    } catch (e) {
      if (generation !== this._generation) return;
      const hint = e instanceof SourceError ? e.hint : 'See the DX Pulse log for details.';
      this._log.warn(`refreshing metrics failed: ${errorMessage(e)}`);
      this._stale = errorMessage(e);
      if (!this._data) {
        this._refreshing = false;
        this._set({ status: 'error', message: `Could not read deployments: ${errorMessage(e)}`, hint });
        return;
      }
    }
    this._refreshing = false;
    this._render();
  }

  private _render(): void {
    const d = this._data;
    if (!d || !this._index) {
      if (this._refreshing) this._set({ status: 'loading', message: 'Reading deployments…' });
      return;
    }
    if (d.deployments.length === 0) {
      this._set({ status: 'empty', message: `No deployments found ${SOURCE_LABEL[d.source].replace('from', 'in')}.`, hint: emptyHint(d.source, this.o.config.config.metrics.deployTagPattern), sourceLabel: SOURCE_LABEL[d.source] });
      return;
    }
    const windowDays = this.windowDays;
    const report = computeDoraFromIndex(this._index, { now: Date.now(), windowDays });
    this._set(readyView(report, d.deployments, { source: d.source, service: d.service, team: d.team, fetchedAt: d.fetchedAt, stale: this._stale, refreshing: this._refreshing, windowDays, warnings: d.warnings }));
  }

  private _set(view: MetricsView): void {
    this._view = view;
    this._onDidChange.fire();
  }

  private async _identity(folder: vscode.Uri, remoteUrl: string | undefined): Promise<ServiceIdentity> {
    // No catalog: the remote or the folder name names the service.
    const catalogText = await this.o.repo.catalogText();
    const ghHost = safeUrl(this.o.config.config.metrics.githubApiUrl)?.hostname.toLowerCase();
    const identity = resolveServiceIdentity({ catalogText, remoteUrl, folderName: path.basename(folder.fsPath), githubHosts: ['github.com', ...(ghHost && ghHost !== 'api.github.com' ? [ghHost] : [])] });
    if (identity.catalogProblem) this._log.warn(`catalog-info.yaml: ${identity.catalogProblem}`);
    // An explicit service (repo file or platform) names what the metrics are for.
    const { service, team } = this.o.config.config.metrics;
    return service ? { ...identity, service, team: team ?? identity.team } : identity;
  }

  /**
   * A token for `apiUrl`, never for another origin: VS Code's GitHub sign-in only for
   * https://api.github.com (not http, not another port), a saved token only for the API
   * URL it was saved for. A repo file that points githubApiUrl elsewhere gets no token.
   */
  private async _githubToken(apiUrl: string, required: boolean): Promise<string | undefined> {
    if (isGitHubDotCom(apiUrl)) {
      try {
        const session = await vscode.authentication.getSession('github', ['repo'], { silent: true });
        if (session) return session.accessToken;
      } catch (e) {
        if (required) this._log.info(`no GitHub authentication provider here: ${errorMessage(e)}`);
      }
    }
    const saved = SavedToken.safeParse(safeJson(await this.o.secrets.get(GITHUB_TOKEN_KEY)));
    return saved.success && isWithinScope(saved.data.url, apiUrl) ? saved.data.token : undefined;
  }

  /** "DX Pulse: Connect GitHub": VS Code's GitHub sign-in, or a pasted token for GitHub Enterprise. */
  async connectGitHub(): Promise<void> {
    const apiUrl = this.o.config.config.metrics.githubApiUrl;
    if (isGitHubDotCom(apiUrl)) {
      try {
        const session = await vscode.authentication.getSession('github', ['repo'], { createIfNone: true });
        if (session) {
          void this.refresh();
          return;
        }
      } catch (e) {
        this._log.info(`GitHub sign-in unavailable, asking for a token instead: ${errorMessage(e)}`);
      }
    }
    const token = await vscode.window.showInputBox({ title: 'DX Pulse: Connect GitHub', prompt: `A token with read access to deployments, for ${plainText(apiUrl)} only (kept in VS Code’s secret storage).`, password: true, ignoreFocusOut: true });
    if (!token) return;
    await this.o.secrets.store(GITHUB_TOKEN_KEY, JSON.stringify({ url: apiUrl, token: token.trim() }));
    void this.refresh();
  }
}

function safeJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function isGitHubDotCom(apiUrl: string): boolean {
  return credentialScope(apiUrl) === 'https://api.github.com';
}

