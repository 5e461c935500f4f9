import * as path from 'node:path';
import type * as vscode from 'vscode';
import { CiSession } from '../core/ci/ciSession';
import type { EtagEntry, EtagStore } from '../core/ci/githubActionsSource';
import { LocalLoop } from '../core/ci/localLoop';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { parseRemoteUrl, resolveServiceIdentity } from '../core/metrics/serviceIdentity';
import { JsonCache } from '../core/platform/cache';
import type { HttpTransport } from '../core/platform/transport';
import { configuredRepoIdentity } from '../core/privacy/repoIdentity';
import { safeUrl } from '../core/common/urls';
import type { ObservedOutcome } from '../core/signals/signalsSession';
import type { CiView } from '../protocol/sidebar';
import type { ConfigService } from './configService';
import type { DeliveryController } from './deliveryController';
import { GitHubCredentials } from './githubCredentials';
import { SimpleGitHistory } from './gitHistory';
import type { WorkspaceRepo } from './workspaceRepo';

const LOCAL_KEY = 'dxPulse.ci.localLoop';
/** Remembered GitHub answers for conditional requests; in memory, so a window's refreshes reuse them. */
const MAX_ETAGS = 500;

export interface CiControllerOptions {
  readonly repo: WorkspaceRepo;
  readonly config: ConfigService;
  readonly delivery: DeliveryController;
  readonly transport: HttpTransport;
  readonly secrets: vscode.SecretStorage;
  readonly globalState: vscode.Memento;
  readonly storageDir: string;
  /** The window the deploy metrics show (the CI section follows it). */
  readonly windowDays: () => 7 | 30 | 90;
  readonly onDidObserve: vscode.Event<ObservedOutcome>;
  readonly log: Log;
  readonly clock?: Clock;
}

/**
 * The sidebar's CI section, over CiSession (src/core/ci/ciSession.ts): supplies the
 * repository (identity, platform id, remote, current branch), the GitHub credentials,
 * the ETag memory and the local build/test loop, which the ended build and test tasks feed.
 */
export class CiController extends Disposable {
  private readonly _session: CiSession;
  readonly onDidChange: CiSession['onDidChange'];
  private readonly _local: LocalLoop;
  private _shown = false;

  constructor(o: CiControllerOptions) {
    super();
    const log = scopedLog(o.log, 'ci');
    const clock = o.clock ?? systemClock;
    const github = new GitHubCredentials(o.secrets, log);
    this._local = new LocalLoop(o.globalState.get(LOCAL_KEY), (s) => void o.globalState.update(LOCAL_KEY, s).then(undefined, (e: unknown) => log.warn(`saving the local build loop failed: ${errorMessage(e)}`)));
    this._session = this._register(new CiSession({
      clock,
      log,
      cache: new JsonCache(path.join(o.storageDir, 'ci'), 'ci', log),
      enabled: () => o.config.config.features.metrics,
      windowDays: o.windowDays,
      local: this._local,
      openRepo: async () => {
        const repo = await o.repo.ready;
        if (!repo) return undefined;
        const config = o.config.config;
        const ghHost = safeUrl(config.metrics.githubApiUrl)?.hostname.toLowerCase();
        const identity = resolveServiceIdentity({ catalogText: await o.repo.catalogText(), remoteUrl: repo.remoteUrl, folderName: path.basename(repo.folder.fsPath), githubHosts: ['github.com', ...(ghHost && ghHost !== 'api.github.com' ? [ghHost] : [])] });
        let currentBranch: string | undefined;
        try {
          currentBranch = repo.gitRoot ? await new SimpleGitHistory(repo.gitRoot).currentBranch() : undefined;
        } catch (e) {
          log.warn(`reading the current branch failed: ${errorMessage(e)}`);
        }
        return {
          key: repo.key,
          identity,
          repoId: repo.normalizedRemote ? configuredRepoIdentity(config, repo.normalizedRemote).id : undefined,
          remote: repo.remoteUrl ? parseRemoteUrl(repo.remoteUrl) : undefined,
          currentBranch,
        };
      },
      fetch: {
        get platform() {
          return o.delivery.client;
        },
        get githubApiUrl() {
          return o.config.config.metrics.githubApiUrl;
        },
        githubToken: () => github.token(o.config.config.metrics.githubApiUrl, false),
        etags: memoryEtags(),
        transport: o.transport,
      },
    }));
    this.onDidChange = this._session.onDidChange;
    this._register(o.onDidObserve((e) => {
      if (e.source !== 'task' || (e.category !== 'build' && e.category !== 'test') || e.durationMs === undefined) return;
      const key = o.repo.current?.key;
      if (!key) return;
      this._local.record(key, e.category, e.durationMs, e.success, clock.now());
      this._session.render();
    }));
    this._register(o.repo.onDidChange(() => this._shown && void this.refresh({ fromCache: true })));
    this._register(o.config.onDidChange(() => this._shown && void this.refresh()));
    // Signing in to the platform or saving a GitHub token: a source may answer now.
    this._register(o.secrets.onDidChange(() => this._shown && void this.refresh()));
  }

  get view(): CiView {
    return this._session.view;
  }

  /** The window changed: redraw from the runs at hand. */
  render(): void {
    this._session.render();
  }

  refresh(opts: { fromCache?: boolean } = {}): Promise<void> {
    this._shown = true;
    return this._session.refresh(opts);
  }
}

function memoryEtags(): EtagStore {
  const m = new Map<string, EtagEntry>();
  return {
    get: (url) => m.get(url),
    set: (url, entry) => {
      m.delete(url);
      m.set(url, entry);
      if (m.size > MAX_ETAGS) m.delete(m.keys().next().value!);
    },
  };
}
