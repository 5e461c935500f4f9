import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../core/common/privateFiles';
import type { DocOpenTarget } from '../core/docs/search';
import type { HttpGetter } from '../core/docs/sources';
import { MAX_FEED_BYTES } from '../core/docs/sources';

/**
 * Opens a doc where it reads best: web pages in the browser, markdown in VS Code's
 * markdown preview (written to a file in globalStorage first, so the preview has a
 * stable document to render and refresh).
 */
export class DocOpener {
  private readonly _log: Log;

  constructor(
    private readonly _storageDir: string,
    private readonly _http: HttpGetter,
    log: Log,
  ) {
    this._log = scopedLog(log, 'docs');
  }

  async open(target: DocOpenTarget, title: string): Promise<void> {
    if (target.kind === 'browser') {
      await this._external(target.url);
      return;
    }
    let markdown = target.markdown;
    if (markdown === undefined && target.url) {
      markdown = await this._fetchMarkdown(target.url);
      if (markdown === undefined) {
        await this._external(target.url); // the page itself is the next best thing
        return;
      }
    }
    await this.showMarkdown(markdown ?? `# ${title}\n`, title);
  }

  /** Writes the markdown to globalStorage and opens VS Code's preview of it. */
  async showMarkdown(markdown: string, title: string): Promise<void> {
    const dir = path.join(this._storageDir, 'docs-preview');
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'doc';
    const file = path.join(dir, `${slug}.md`);
    try {
      await ensurePrivateDir(dir);
      await fs.writeFile(file, markdown, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(file));
    } catch (e) {
      this._log.warn(`markdown preview of "${title}" failed (${errorMessage(e)}); opening it as text`);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(doc, { preview: true });
    }
  }

  private async _external(url: string): Promise<void> {
    if (!/^https?:\/\//i.test(url)) {
      this._log.warn(`refused to open a non-http(s) link: ${url.slice(0, 80)}`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private async _fetchMarkdown(url: string): Promise<string | undefined> {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) return undefined;
    try {
      const res = await this._http.get(url, { accept: 'text/markdown, text/plain;q=0.9' });
      if (res.status < 200 || res.status >= 300 || res.body.length > MAX_FEED_BYTES) {
        this._log.warn(`${url} answered HTTP ${res.status}; opening it in the browser`);
        return undefined;
      }
      return res.body;
    } catch (e) {
      this._log.warn(`could not fetch ${url} for the preview (${errorMessage(e)}); opening it in the browser`);
      return undefined;
    }
  }
}
