import * as vscode from 'vscode';
import { Disposable, Emitter, toDisposable, type DisposableLike } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { WebviewCommand, type HostNotification, type SidebarState, type WebviewCommandType } from '../protocol/sidebar';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const SIDEBAR_VIEW_ID = 'dxPulse.sidebar';

type Handler<T extends WebviewCommandType> = (msg: Extract<WebviewCommand, { type: T }>) => unknown;

/**
 * The DX Pulse sidebar. It renders locally from state the host holds, never from a
 * server, so it is never blank; it posts nothing until the webview says it is ready,
 * and every message it receives is validated before a handler sees it.
 */
export class SidebarView extends Disposable implements vscode.WebviewViewProvider {
  private readonly _log: Log;
  private _view: vscode.WebviewView | undefined;
  private _ready = false;
  /** A docs entry to bring into view once the webview is ready. */
  private _reveal: string | undefined;
  private _badge: vscode.ViewBadge | undefined;
  private _pending: ReturnType<typeof setTimeout> | undefined;
  private readonly _handlers = new Map<string, Handler<WebviewCommandType>>();
  private readonly _onDidResolve = this._register(new Emitter<void>());
  /** The view was opened (resolved) for the first time in this window, or again after being disposed. */
  readonly onDidResolve = this._onDidResolve.event;

  constructor(
    private readonly _extensionUri: vscode.Uri,
    private readonly _getState: () => SidebarState,
    log: Log,
  ) {
    super();
    this._log = scopedLog(log, 'sidebar');
    this.handle('sidebar/ready', () => {
      this._ready = true;
      this._postNow();
      if (this._reveal) this._post({ type: 'sidebar/reveal', entryId: this._reveal });
      this._reveal = undefined;
    });
    this.handle('sidebar/runCommand', (m) => vscode.commands.executeCommand(m.command, ...(m.args ?? [])));
    this.handle('sidebar/openLink', (m) => vscode.env.openExternal(vscode.Uri.parse(m.url, true)));
  }

  /** Registers what to do with one kind of message from the webview. */
  handle<T extends WebviewCommandType>(type: T, handler: Handler<T>): DisposableLike {
    this._handlers.set(type, handler as unknown as Handler<WebviewCommandType>);
    return toDisposable(() => this._handlers.delete(type));
  }

  /** The number on the DX Pulse view (unread changelog entries); 0 hides it. */
  /** The activity-bar badge: how many platform changelog entries are unread. */
  setUnreadChangelog(unread: number): void {
    this._setBadge(unread, unread === 1 ? vscode.l10n.t('1 unread platform changelog entry') : vscode.l10n.t('{0} unread platform changelog entries', unread));
  }

  private _setBadge(value: number, tooltip: string): void {
    // Not `undefined` for none: VS Code 1.100's webview view never clears a badge set to
    // undefined (WebviewViewPane.updateBadge ignores it); a 0 badge is hidden instead.
    this._badge = value > 0 ? { value, tooltip } : { value: 0, tooltip: '' };
    if (this._view) this._view.badge = this._badge;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this._view = view;
    this._ready = false;
    view.badge = this._badge;
    view.webview.options = webviewOptions(this._extensionUri);
    view.webview.html = webviewHtml(view.webview, this._extensionUri, { title: vscode.l10n.t('DX Pulse'), script: 'webview.js' });
    const sub = view.webview.onDidReceiveMessage((raw: unknown) => void this._onMessage(raw));
    view.onDidDispose(() => {
      sub.dispose();
      this._view = undefined;
      this._ready = false;
    });
    this._onDidResolve.fire();
  }

  /**
   * Shows the view and brings a docs entry into view. A view that is not loaded yet
   * reveals it once its script is ready.
   */
  async reveal(entryId: string): Promise<void> {
    this._reveal = entryId;
    await vscode.commands.executeCommand(`${SIDEBAR_VIEW_ID}.focus`);
    if (this._ready) {
      this._postNow();
      this._post({ type: 'sidebar/reveal', entryId });
      this._reveal = undefined;
    }
  }

  /** What the view shows has changed: re-send the state (coalesced to one post per tick). */
  refresh(): void {
    if (!this._view || !this._ready || this._pending) return;
    this._pending = setTimeout(() => this._postNow(), 0);
  }

  private _postNow(): void {
    clearTimeout(this._pending);
    this._pending = undefined;
    let state: SidebarState;
    try {
      state = this._getState();
    } catch (e) {
      this._log.error(`building the sidebar state failed: ${errorMessage(e)}`);
      return;
    }
    this._post({ type: 'sidebar/state', state });
  }

  private async _onMessage(raw: unknown): Promise<void> {
    const parsed = WebviewCommand.safeParse(raw);
    if (!parsed.success) {
      this._log.warn(`ignored a malformed message from the webview: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const handler = this._handlers.get(parsed.data.type);
    if (!handler) {
      this._log.warn(`no handler for ${parsed.data.type}`);
      return;
    }
    try {
      await handler(parsed.data);
    } catch (e) {
      this._log.error(`handling ${parsed.data.type} from the sidebar failed: ${errorMessage(e)}`);
    }
  }

  private _post(msg: HostNotification): void {
    if (!this._view || !this._ready) return;
    void this._view.webview.postMessage(msg).then(undefined, (e: unknown) => this._log.error(`posting ${msg.type} failed: ${errorMessage(e)}`));
  }
}
