import * as vscode from 'vscode';
import { Disposable } from '../core/common/lifecycle';
import { scopedLog, type Log } from '../core/common/log';
import { WebviewCommand, type HostNotification, type SidebarState } from '../protocol/sidebar';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const SIDEBAR_VIEW_ID = 'dxPulse.sidebar';

/**
 * The DX Pulse sidebar. It renders locally from state the host holds, never from a
 * server, so it is never blank; it posts nothing until the webview says it is ready.
 */
export class SidebarView extends Disposable implements vscode.WebviewViewProvider {
  private readonly _log: Log;
  private _view: vscode.WebviewView | undefined;
  private _ready = false;

  constructor(
    private readonly _extensionUri: vscode.Uri,
    private readonly _getState: () => SidebarState,
    log: Log,
  ) {
    super();
    this._log = scopedLog(log, 'sidebar');
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this._view = view;
    this._ready = false;
    view.webview.options = webviewOptions(this._extensionUri);
    view.webview.html = webviewHtml(view.webview, this._extensionUri, { title: 'DX Pulse', script: 'webview.js' });
    const sub = view.webview.onDidReceiveMessage((raw: unknown) => this._onMessage(raw));
    view.onDidDispose(() => {
      sub.dispose();
      this._view = undefined;
      this._ready = false;
    });
  }

  /** Re-sends state to the view (when what it shows has changed). */
  refresh(): void {
    this._post({ type: 'sidebar/state', state: this._getState() });
  }

  private _onMessage(raw: unknown): void {
    const parsed = WebviewCommand.safeParse(raw);
    if (!parsed.success) {
      this._log.warn(`ignored a malformed message from the webview: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'sidebar/ready':
        this._ready = true;
        this.refresh();
        return;
      case 'sidebar/runCommand':
        void vscode.commands.executeCommand(msg.command).then(undefined, (e: unknown) => this._log.error(`running ${msg.command} from the sidebar failed`, e));
        return;
    }
  }

  private _post(msg: HostNotification): void {
    if (!this._view || !this._ready) return;
    void this._view.webview.postMessage(msg).then(undefined, (e: unknown) => this._log.error(`posting ${msg.type} failed`, e));
  }
}
