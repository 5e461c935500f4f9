import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

/**
 * The HTML shell of a webview: a strict Content-Security-Policy with a nonce, scripts
 * and styles only from the extension's dist and media folders, images from there or https.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { title: string; script: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', opts.script));
  const codiconsUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'codicon.css'));
  // Remote markdown (platform docs) is rendered here: images only over https (no data:,
  // no http), no inline script, and nothing that default-src does not cover by itself
  // (base-uri, form-action) is left open.
  const csp = [
    `default-src 'none'`, // l10n-ignore: CSP directive
    `img-src ${webview.cspSource} https:`, // l10n-ignore: CSP directive
    `font-src ${webview.cspSource}`, // l10n-ignore: CSP directive
    `style-src ${webview.cspSource} 'nonce-${nonce}'`, // l10n-ignore: CSP directive
    `script-src 'nonce-${nonce}'`, // l10n-ignore: CSP directive
    `base-uri 'none'`, // l10n-ignore: CSP directive
    `form-action 'none'`, // l10n-ignore: CSP directive
  ].join('; ');
  const loading = escapeHtml(vscode.l10n.t('Loading DX Pulse…'));
  const title = escapeHtml(opts.title);
  // The webview's translations (none in English), read by webview-ui/src/l10n.ts before
  // anything renders, the saved state's first paint included. JSON data, not a script
  // that runs, so the CSP is untouched; `<` is escaped so it cannot close the tag.
  // l10n-ignore: markup around the bundle
  const bundle = vscode.l10n.bundle ? `\n<script type="application/json" id="dx-pulse-l10n">${JSON.stringify(vscode.l10n.bundle).replace(/</g, '\\u003c')}</script>` : '';
  // l10n-ignore: the HTML scaffold is markup; its texts come in translated and escaped.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${codiconsUri}" id="vscode-codicon-stylesheet" nonce="${nonce}">
<title>${title}</title>${bundle}
</head>
<body>
<main id="app" aria-live="polite"><p class="muted">${loading}</p></main>
<script type="module" nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Text for HTML content: a translation may hold `<` or `&`. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
