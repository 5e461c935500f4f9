import { Marked } from 'marked';

/** Longer input is cut: rendering megabytes of markdown would freeze the sidebar. */
export const MAX_MARKDOWN_CHARS = 200_000;

const md = new Marked({ gfm: true, breaks: false, async: false });

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Remote markdown (platform docs, changelogs) to HTML, in the extension host so the
 * webview ships no markdown parser. The result is NOT safe: marked does not sanitize,
 * and the webview passes it through DOMPurify before any of it reaches the DOM.
 */
export function markdownToUnsafeHtml(markdown: string): string {
  const text = markdown.length > MAX_MARKDOWN_CHARS ? `${markdown.slice(0, MAX_MARKDOWN_CHARS)}\n\n*(truncated)*` : markdown;
  try {
    return md.parse(text, { async: false });
  } catch {
    // marked failing on odd input must not blank the view: show it as plain text instead.
    return `<pre>${escapeHtml(text)}</pre>`;
  }
}
