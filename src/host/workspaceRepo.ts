import * as vscode from 'vscode';
import { simpleGit } from 'simple-git';
import { Disposable, Emitter } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { normalizeRemoteUrl } from '../core/privacy/repoIdentity';
import { CATALOG_FILES } from '../core/catalog/catalogInfo';
import { readTextFile, watchFile } from './workspaceFiles';

export interface OpenRepo {
  /** The workspace folder DX Pulse looks at (the first one in a multi-root window). */
  readonly folder: vscode.Uri;
  /** The git top-level folder, when the folder is inside a git repository. */
  readonly gitRoot: string | undefined;
  /** The remote URL as git has it (origin, else the first remote). */
  readonly remoteUrl: string | undefined;
  /** `host/org/repo`, lower case, no credentials. */
  readonly normalizedRemote: string | undefined;
  /** A stable key for per-repo state: the normalized remote, else the folder path. */
  readonly key: string;
}

/** Which repository is open, found once per change of workspace folders. */
export class WorkspaceRepo extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<OpenRepo | undefined>());
  readonly onDidChange = this._onDidChange.event;
  private _current: OpenRepo | undefined;
  private _ready: Promise<OpenRepo | undefined>;
  private readonly _log: Log;
  private _catalog: { key: string; text: Promise<string | undefined> } | undefined;
  private _catalogWatcher: vscode.Disposable | undefined;

  constructor(log: Log) {
    super();
    this._log = scopedLog(log, 'repo');
    // After activate() has returned: reading git is never part of activation.
    this._ready = Promise.resolve().then(() => this._resolve());
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => {
      this._ready = this._resolve();
    }));
  }

  get current(): OpenRepo | undefined {
    return this._current;
  }

  /**
   * The open repository's catalog-info.yaml text (undefined when it has none), read once
   * per repository and again only when the file changes. Metrics and surveys read it here.
   */
  catalogText(): Promise<string | undefined> {
    const repo = this._current;
    if (!repo) return Promise.resolve(undefined);
    if (this._catalog?.key !== repo.key) {
      this._catalogWatcher?.dispose();
      this._catalogWatcher = watchFile(repo.folder, '{catalog-info.yaml,catalog-info.yml}', () => (this._catalog = undefined));
      this._catalog = { key: repo.key, text: readFirst(repo.folder) };
    } else if (this._catalog === undefined) {
      this._catalog = { key: repo.key, text: readFirst(repo.folder) };
    }
    return this._catalog.text;
  }

  override dispose(): void {
    this._catalogWatcher?.dispose();
    super.dispose();
  }

  /** Resolves once the open repository is known. */
  get ready(): Promise<OpenRepo | undefined> {
    return this._ready;
  }

  private async _resolve(): Promise<OpenRepo | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    let repo: OpenRepo | undefined;
    if (folder && folder.scheme === 'file') {
      let gitRoot: string | undefined;
      let remoteUrl: string | undefined;
      try {
        const git = simpleGit(folder.fsPath);
        if (await git.checkIsRepo()) {
          gitRoot = (await git.revparse(['--show-toplevel'])).trim();
          const remotes = await git.getRemotes(true);
          const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
          remoteUrl = remote?.refs.fetch || undefined;
        }
      } catch (e) {
        this._log.warn(`could not read git information for ${folder.fsPath}: ${errorMessage(e)}`);
      }
      const normalizedRemote = remoteUrl ? normalizeRemoteUrl(remoteUrl) : undefined;
      repo = { folder, gitRoot, remoteUrl, normalizedRemote, key: normalizedRemote ?? folder.fsPath };
      this._log.info(`open repository: ${normalizedRemote ?? folder.fsPath}${gitRoot ? '' : ' (not a git repository)'}`);
    }
    this._current = repo;
    this._onDidChange.fire(repo);
    return repo;
  }
}

async function readFirst(folder: vscode.Uri): Promise<string | undefined> {
  for (const name of CATALOG_FILES) {
    const text = await readTextFile(vscode.Uri.joinPath(folder, name));
    if (text !== undefined) return text;
  }
  return undefined;
}
