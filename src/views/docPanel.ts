import * as vscode from 'vscode';
import { Disposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { DocViewerCommand, type DocContent, type DocShowNotification } from '../protocol/docViewer';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const DOC_VIEWER_TYPE = 'dxPulse.doc';

/**
 * The editor tab that shows a platform doc or changelog entry. It renders with the
 * sidebar's sanitizer under the same CSP, so remote markdown never reaches VS Code's
 * markdown preview, whose safety depends on the user's preview security setting.
 * One tab, reused: opening another entry replaces what it shows.
 */
export class DocPanel extends Disposable {
  private readonly _log: Log;
  private _panel: vscode.WebviewPanel | undefined;
  private _ready = false;
  private _doc: DocContent | undefined;

  constructor(
    private readonly _extensionUri: vscode.Uri,
    log: Log,
  ) {
    super();
    this._log = scopedLog(log, 'docs');
    this._register({ dispose: () => this._panel?.dispose() });
  }

  show(doc: DocContent): void {
    this._doc = doc;
    if (!this._panel) {
      const panel = vscode.window.createWebviewPanel(DOC_VIEWER_TYPE, vscode.l10n.t('Platform doc'), vscode.ViewColumn.Active, { ...webviewOptions(this._extensionUri), enableFindWidget: true });
      panel.iconPath = vscode.Uri.joinPath(this._extensionUri, 'media', 'pulse.svg');
      panel.webview.html = webviewHtml(panel.webview, this._extensionUri, { title: vscode.l10n.t('DX Pulse doc'), script: 'docViewer.js' });
      const sub = panel.webview.onDidReceiveMessage((raw: unknown) => void this._onMessage(raw));
      panel.onDidDispose(() => {
        sub.dispose();
        this._panel = undefined;
        this._ready = false;
      });
      this._panel = panel;
    } else {
      this._panel.reveal(undefined, false);
    }
    // A tab is not the place for a 10,000-character title.
    this._panel.title = doc.title.length > 80 ? `${doc.title.slice(0, 79)}…` : doc.title;
    this._post();
  }

  private async _onMessage(raw: unknown): Promise<void> {
    const parsed = DocViewerCommand.safeParse(raw);
    if (!parsed.success) {
      this._log.warn(`ignored a malformed message from the doc viewer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    try {
      if (parsed.data.type === 'doc/ready') {
        this._ready = true;
        this._post();
      } else {
        await vscode.env.openExternal(vscode.Uri.parse(parsed.data.url, true));
      }
    } catch (e) {
      this._log.error(`handling ${parsed.data.type} from the doc viewer failed: ${errorMessage(e)}`);
    }
  }

  private _post(): void {
    if (!this._panel || !this._ready || !this._doc) return;
    const msg: DocShowNotification = { type: 'doc/show', doc: this._doc };
    void this._panel.webview.postMessage(msg).then(undefined, (e: unknown) => this._log.error(`posting the doc failed: ${errorMessage(e)}`));
  }
}
