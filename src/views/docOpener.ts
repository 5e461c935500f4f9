import * as vscode from 'vscode';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { plainText } from '../core/common/plainText';
import { markdownToUnsafeHtml } from '../core/docs/markdownHtml';
import type { DocOpenTarget } from '../core/docs/search';
import { FEED_TIMEOUT_MS } from '../core/docs/sources';
import { isAllowedEndpoint } from '../core/common/urls';
import type { HttpTransport } from '../core/platform/transport';
import { MAX_FEED_BYTES } from '../core/docs/sources';
import type { DocsImagePolicy } from '../protocol/sidebar';
import type { DocPanel } from './docPanel';

export interface DocDetails {
  /** "Deprecation · 1.4.0 · 2026-09-01" */
  readonly meta?: string;
  /** To resolve relative links in markdown that has no URL of its own (the entry's source). */
  readonly baseUrl?: string;
}

/**
 * Opens a doc where it reads best: web pages in the browser, markdown (a `.md` URL, or an
 * entry's own body and migration steps) in DX Pulse's doc viewer, which renders it like
 * the sidebar does. Remote markdown never goes to VS Code's markdown preview: the preview
 * keeps scripts, handlers, iframes and forms, and only its CSP (which a user can turn
 * off) stands between them and the editor.
 */
export class DocOpener {
  private readonly _log: Log;

  constructor(
    private readonly _panel: DocPanel,
    private readonly _http: HttpTransport,
    private readonly _images: () => DocsImagePolicy,
    log: Log,
  ) {
    this._log = scopedLog(log, 'docs');
  }

  async open(target: DocOpenTarget, title: string, details: DocDetails = {}): Promise<void> {
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
    this.showMarkdown(markdown ?? '', title, { ...details, baseUrl: target.url ?? details.baseUrl }, target.url);
  }

  /** Shows remote markdown in the doc viewer, sanitized there as in the sidebar. */
  showMarkdown(markdown: string, title: string, details: DocDetails = {}, sourceUrl?: string): void {
    this._panel.show({
      title: plainText(title) || vscode.l10n.t('Platform doc'),
      meta: details.meta ? plainText(details.meta) : undefined,
      sourceUrl,
      html: markdownToUnsafeHtml(markdown),
      baseUrl: details.baseUrl,
      images: this._images(),
    });
  }

  private async _external(url: string): Promise<void> {
    if (!/^https?:\/\//i.test(url)) {
      this._log.warn(`refused to open a non-http(s) link: ${url.slice(0, 80)}`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
  }

  private async _fetchMarkdown(url: string): Promise<string | undefined> {
    // https, or http to loopback (a local docs server); anything else opens in the browser.
    if (!isAllowedEndpoint(url)) return undefined;
    try {
      // l10n-ignore: an HTTP header
      const res = await this._http.request({ method: 'GET', url, headers: { accept: 'text/markdown, text/plain;q=0.9' }, timeoutMs: FEED_TIMEOUT_MS, userInitiated: true });
      if (res.status < 200 || res.status >= 300 || res.body.length > MAX_FEED_BYTES) {
        this._log.warn(`${url} answered HTTP ${res.status}; opening it in the browser`);
        return undefined;
      }
      return res.body;
    } catch (e) {
      this._log.warn(`could not fetch ${url} for the doc viewer (${errorMessage(e)}); opening it in the browser`);
      return undefined;
    }
  }
}
