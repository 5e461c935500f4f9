import * as vscode from 'vscode';
import { toDisposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { DocsSession } from '../core/docs/docsSession';
import { buildRepoProfile, type RepoFiles, type RepoProfile } from '../core/docs/repoProfile';
import type { DocOpenTarget } from '../core/docs/search';
import type { PlatformClient } from '../core/platform/client';
import type { EventRecorder } from '../core/events/recorder';
import type { ConfigService } from './configService';
import type { TelemetryGate } from './telemetryGate';
import { repoRelativePath, isRemoteSource } from '../core/docs/repoPaths';
import type { DocsSources } from './docsSources';
import type { OpenRepo, WorkspaceRepo } from './workspaceRepo';
import { watchFile } from './workspaceFiles';

export type { DocHelpLink } from '../core/docs/docsSession';

export const READ_STATE_KEY = 'dxPulse.docs.readState';
/** Which deprecations each repository was reported affected by (deprecation.affected / resolved). */
export const DEPRECATION_STATE_KEY = 'dxPulse.docs.deprecations';
/** Sources are fetched again at most this often (plus on activation and config changes). */
export const REFRESH_INTERVAL_MS = 30 * 60_000;
/** The repo files the profile is built from; nothing else is watched. */
export const PROFILE_GLOB = '{package.json,package-lock.json,Dockerfile,Dockerfile.*,*.dockerfile,Containerfile,catalog-info.yaml,catalog-info.yml,.gitlab-ci.yml,.github/workflows/*.yml,.github/workflows/*.yaml}';
const FILE_EXCLUDES = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,**/build/**,**/vendor/**,**/target/**,**/.venv/**}';
const MAX_LANGUAGE_FILES = 5000;

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
  /** The event recorder and the sharing gate; absent: nothing is recorded. */
  readonly recorder?: EventRecorder;
  readonly gate?: TelemetryGate;
}

/**
 * Platform docs and changelog over the editor. The decisions (gathering, ranking, read
 * state, notices, the view) are DocsSession's (src/core/docs/docsSession.ts); this builds
 * the repo profile from the workspace, refetches on config and repo changes and on a slow
 * timer, and watches the files the profile and the repo's feed files are read from.
 */
export class DocsController extends DocsSession<vscode.Uri> {
  private _configKey: string;
  private _watchers: vscode.Disposable[] = [];
  private _profileTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly o: DocsControllerOptions) {
    const log = scopedLog(o.log, 'docs');
    super({
      config: () => o.config.config,
      repo: () => o.repo.ready,
      platform: o.platform,
      fetcher: o.sources,
      buildProfile: (repo) => buildWorkspaceProfile(repo as OpenRepo | undefined, log),
      store: { get: () => o.globalState.get(READ_STATE_KEY), update: async (v) => o.globalState.update(READ_STATE_KEY, v) },
      open: o.open,
      warn: (m) => void vscode.window.showWarningMessage(m),
      log,
      now: () => Date.now(),
      locale: vscode.env.language,
      ...(o.recorder && o.gate
        ? {
            events: {
              record: (kind, data) => o.recorder!.record(kind, data),
              sharing: () => o.gate!.level,
              store: { get: () => o.globalState.get(DEPRECATION_STATE_KEY), update: async (v) => o.globalState.update(DEPRECATION_STATE_KEY, v) },
            },
          }
        : {}),
    });
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

  /** Watches the files the profile reads (re-rank) and feed files inside the repo (re-fetch). */
  private _watchRepo(repo: OpenRepo | undefined): void {
    for (const w of this._watchers) w.dispose();
    this._watchers = [];
    if (!repo) return;
    const onProfileFile = () => {
      clearTimeout(this._profileTimer);
      this._profileTimer = setTimeout(() => void this._rebuildProfile(repo), 500);
    };
    this._watchers.push(watchFile(repo.folder, PROFILE_GLOB, onProfileFile));
    for (const s of this.o.config.config.docs.sources) {
      const rel = isRemoteSource(s.url) ? undefined : repoRelativePath(s.url);
      if (!rel) continue;
      this._watchers.push(watchFile(repo.folder, rel, () => void this.refresh()));
    }
  }

  private async _rebuildProfile(repo: OpenRepo): Promise<void> {
    try {
      this._setProfile(await buildWorkspaceProfile(repo, this._log));
    } catch (e) {
      this._log.error(`rebuilding the repo profile failed: ${errorMessage(e)}`);
    }
  }
}

/** The repo profile from the workspace's files, and package.json's scripts. */
async function buildWorkspaceProfile(repo: OpenRepo | undefined, log: Log): Promise<{ profile: RepoProfile; scripts: Record<string, string> }> {
  if (!repo) return { profile: await buildRepoProfile({ read: async () => undefined, list: async () => [] }), scripts: {} };
  const started = Date.now();
  const files = workspaceRepoFiles(repo.folder);
  let filePaths: string[] = [];
  try {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(repo.folder, '**/*'), FILE_EXCLUDES, MAX_LANGUAGE_FILES);
    filePaths = uris.map((u) => vscode.workspace.asRelativePath(u, false));
  } catch (e) {
    log.warn(`listing files for language detection failed: ${errorMessage(e)}`);
  }
  const profile = await buildRepoProfile(files, { filePaths, remote: repo.normalizedRemote });
  log.info(`repo profile in ${Date.now() - started} ms: ${profile.images.length} image(s), ${profile.actions.length} action(s), ${Object.keys(profile.dependencies).length} dependencies, tools ${profile.tools.join(', ') || 'none'}`);
  return { profile, scripts: await readScripts(files) };
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

