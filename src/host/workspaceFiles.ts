import * as vscode from 'vscode';
import { Disposable } from '../core/common/lifecycle';
import { errorMessage, type Log } from '../core/common/log';
import { outsideWorkspaceReason } from '../core/onboarding/definition';

const GLOB = /[*?[\]{}]/;

/** Whether a workspace-relative path (or glob) exists, as a file, a folder or either. */
export async function pathExists(folder: vscode.Uri, p: string, kind: 'file' | 'folder' | undefined, log: Log): Promise<boolean> {
  // The schema already refuses these; a path outside the workspace is never looked at.
  if (outsideWorkspaceReason(p)) return false;
  try {
    if (GLOB.test(p)) {
      // findFiles only returns files: a folder matches when something is inside it.
      const files = kind !== 'folder' && (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, p), null, 1)).length > 0;
      if (files || kind === 'file') return files;
      return (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `${p.replace(/\/+$/, '')}/**`), null, 1)).length > 0;
    }
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, p));
    if (kind === 'file') return (stat.type & vscode.FileType.File) !== 0;
    if (kind === 'folder') return (stat.type & vscode.FileType.Directory) !== 0;
    return true;
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError) || e.code !== 'FileNotFound') log.debug(`checking ${p} failed: ${errorMessage(e)}`);
    return false;
  }
}

/** A file's text, or undefined when it cannot be read (absent, a folder, no access). */
export async function readTextFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Calls `onChange` when a file under `folder` matching `pattern` is created, changed or deleted. */
export function watchFile(folder: vscode.Uri, pattern: string, onChange: () => void): vscode.FileSystemWatcher {
  const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, pattern));
  w.onDidCreate(onChange);
  w.onDidChange(onChange);
  w.onDidDelete(onChange);
  return w;
}

/**
 * Watchers for a changing set of workspace-relative paths, calling `onChange` once a
 * burst of changes settles (npm install creates thousands of entries at once).
 */
export class PathWatchers extends Disposable {
  private readonly _watchers = new Map<string, vscode.FileSystemWatcher>();
  private _timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly _onChange: () => void, private readonly _debounceMs = 250) {
    super();
    this._register({ dispose: () => this.clear() });
  }

  /** Watches exactly `paths` under `folder` (none without a folder). */
  reconcile(folder: vscode.Uri | undefined, paths: readonly string[]): void {
    const wanted = new Set(folder ? paths : []);
    for (const [p, w] of this._watchers) {
      if (!wanted.has(p)) {
        w.dispose();
        this._watchers.delete(p);
      }
    }
    for (const p of wanted) if (!this._watchers.has(p)) this._watchers.set(p, watchFile(folder!, p, () => this._schedule()));
  }

  clear(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = undefined;
    for (const w of this._watchers.values()) w.dispose();
    this._watchers.clear();
  }

  private _schedule(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = setTimeout(() => {
      this._timer = undefined;
      this._onChange();
    }, this._debounceMs);
  }
}
