import * as path from 'node:path';
import type * as vscode from 'vscode';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable } from '../core/common/lifecycle';
import { scopedLog, type Log } from '../core/common/log';
import { MetricsSession } from '../core/metrics/metricsSession';
import type { WindowDays } from '../core/metrics/types';
import { JsonCache } from '../core/platform/cache';
import type { HttpTransport } from '../core/platform/transport';
import type { MetricsView } from '../protocol/sidebar';
import type { ConfigService } from './configService';
import type { DeliveryController } from './deliveryController';
import { GitHubCredentials } from './githubCredentials';
import { SimpleGitHistory } from './gitHistory';
import type { WorkspaceRepo } from './workspaceRepo';

const WINDOW_KEY = 'dxPulse.metrics.window';

export interface MetricsControllerOptions {
  readonly repo: WorkspaceRepo;
  readonly config: ConfigService;
  readonly delivery: DeliveryController;
  readonly transport: HttpTransport;
  readonly secrets: vscode.SecretStorage;
  readonly workspaceState: vscode.Memento;
  readonly storageDir: string;
  readonly log: Log;
  readonly clock?: Clock;
}

/**
 * The team's deploy metrics for the open repo, over MetricsSession
 * (src/core/metrics/metricsSession.ts): this supplies the repository, the GitHub
 * credentials and the chosen window, and refreshes when the repo or the config changes.
 */
export class MetricsController extends Disposable {
  private readonly _session: MetricsSession;
  readonly onDidChange: MetricsSession['onDidChange'];
  private readonly _github: GitHubCredentials;
  private _shown = false;

  constructor(private readonly o: MetricsControllerOptions) {
    super();
    const log = scopedLog(o.log, 'metrics');
    this._github = new GitHubCredentials(o.secrets, log);
    this._session = this._register(new MetricsSession({
      clock: o.clock ?? systemClock,
      log,
      cache: new JsonCache(path.join(o.storageDir, 'metrics'), 'metrics', log),
      config: () => o.config.config,
      whyOff: () => o.config.whyOff('metrics'),
      windowDays: () => this.windowDays,
      openRepo: async () => {
        const repo = await o.repo.ready;
        return repo && { key: repo.key, folderName: path.basename(repo.folder.fsPath), remoteUrl: repo.remoteUrl, catalogText: () => o.repo.catalogText(), git: repo.gitRoot ? new SimpleGitHistory(repo.gitRoot) : undefined };
      },
      platform: () => o.delivery.client,
      githubToken: (apiUrl, required) => this._github.token(apiUrl, required),
      transport: o.transport,
    }));
    this.onDidChange = this._session.onDidChange;
    // Git, GitHub or the platform are asked only once the sidebar has shown metrics:
    // a window whose sidebar stays closed costs nothing at startup.
    this._register(o.repo.onDidChange(() => this._shown && void this.refresh({ fromCache: true })));
    let window = o.config.config.local.metricsWindow;
    this._register(o.config.onDidChange((c) => {
      // A new default window only redraws; anything else may change the numbers.
      if (c.local.metricsWindow !== window) {
        window = c.local.metricsWindow;
        this._session.render();
      } else if (this._shown) void this.refresh();
    }));
  }

  get view(): MetricsView {
    return this._session.view;
  }

  get windowDays(): WindowDays {
    return this.o.workspaceState.get<WindowDays>(WINDOW_KEY) ?? (Number(this.o.config.config.local.metricsWindow) as WindowDays);
  }

  async setWindow(days: WindowDays): Promise<void> {
    await this.o.workspaceState.update(WINDOW_KEY, days);
    this._session.render();
  }

  /** Reads the cache (first time), then fetches from the best source available. */
  refresh(opts: { fromCache?: boolean } = {}): Promise<void> {
    this._shown = true;
    return this._session.refresh(opts);
  }

  /** "DX Pulse: Connect GitHub": VS Code's GitHub sign-in, or a pasted token for GitHub Enterprise. */
  async connectGitHub(): Promise<void> {
    if (await this._github.connect(this.o.config.config.metrics.githubApiUrl)) void this.refresh();
  }
}
