import { Marked, type Tokens } from 'marked';

/** Longer input is cut: rendering megabytes of markdown would freeze the sidebar. */
export const MAX_MARKDOWN_CHARS = 200_000;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// Made on first use, so loading this module does not load marked (see esbuild.config.mjs).
let md: Marked | undefined;
const parser = (): Marked =>
  (md ??= new Marked({
    gfm: true,
    breaks: false,
    async: false,
    renderer: {
      // Raw HTML in the markdown is the only place marked passes input through as markup.
      html: (token: Tokens.HTML | Tokens.Tag) => quietHtml(token.text),
    },
  }));

/**
 * Remote markdown (platform docs, changelogs) to HTML, in the extension host so the
 * webview ships no markdown parser. The result is NOT safe: marked does not sanitize,
 * and the webview passes it through DOMPurify before any of it reaches the DOM. Raw HTML
 * in the markdown goes through quietHtml first, so the webview never parses an event
 * handler or a style (see there).
 */
export function markdownToUnsafeHtml(markdown: string): string {
  const text = markdown.length > MAX_MARKDOWN_CHARS ? `${markdown.slice(0, MAX_MARKDOWN_CHARS)}\n\n*(truncated)*` : markdown;
  try {
    return parser().parse(text, { async: false });
  } catch {
    // marked failing on odd input must not blank the view: show it as plain text instead.
    return `<pre>${escapeHtml(text)}</pre>`;
  }
}

/** Elements dropped with everything inside them (their content is raw text to a browser). */
const DROPPED_WITH_CONTENT = new Set(['script', 'style']);

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * Raw HTML with every `on*` event handler attribute, every `style` attribute, comments,
 * and `<script>`/`<style>` elements taken out, the rest left for DOMPurify.
 *
 * Not a sanitizer: the webview's DOMPurify is. This is about noise. Any HTML parser in a
 * page (DOMParser, <template>, createHTMLDocument alike) reports a CSP violation for
 * every inline handler and style attribute it parses, although none of them run: in
 * one run 224 reports, which would hide a real one. So they must never reach a parser.
 *
 * It follows the HTML tokenizer's tag and attribute states, and whatever it is unsure of
 * it drops (an unfinished tag, a bogus comment) or escapes (a `<` that starts no tag), so
 * where it reads the input differently from a browser, a browser sees less markup, not more.
 */
export function quietHtml(raw: string): string {
  const out: string[] = [];
  const n = raw.length;
  const lower = raw.toLowerCase();
  let i = 0;
  while (i < n) {
    const lt = raw.indexOf('<', i);
    if (lt < 0) {
      out.push(raw.slice(i));
      break;
    }
    out.push(raw.slice(i, lt));
    i = lt + 1;
    const c = raw[i] ?? '';
    if (c === '!' || c === '?' || (c === '/' && !isAlpha(raw[i + 1] ?? ''))) {
      // Comment, doctype, CDATA or bogus comment: dropped up to its end (or the end of the input).
      const end = raw.startsWith('!--', i) ? raw.indexOf('-->', i + 3) : raw.indexOf('>', i);
      if (end < 0) break;
      i = end + (raw.startsWith('!--', i) ? 3 : 1);
      continue;
    }
    const closing = c === '/';
    if (closing) i++;
    if (!isAlpha(raw[i] ?? '')) {
      out.push('&lt;'); // not a tag to a browser either: text
      continue;
    }
    const tag = readTag(raw, i);
    if (!tag) break; // unfinished at the end of the input: a browser drops it too
    i = tag.end;
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(tag.name)) continue; // no element DOMPurify would keep
    const name = tag.name.toLowerCase();
    if (closing) {
      if (!DROPPED_WITH_CONTENT.has(name)) out.push(`</${tag.name}>`);
      continue;
    }
    if (DROPPED_WITH_CONTENT.has(name)) {
      const close = lower.indexOf(`</${name}`, i);
      if (close < 0) break;
      const gt = raw.indexOf('>', close);
      if (gt < 0) break;
      i = gt + 1;
      continue;
    }
    const attrs = tag.attrs.filter((a) => !/^on/i.test(a.name) && a.name.toLowerCase() !== 'style');
    out.push(`<${tag.name}${attrs.map((a) => (a.value === undefined ? ` ${a.name}` : ` ${a.name}="${a.value}"`)).join('')}${tag.selfClosing ? ' /' : ''}>`);
  }
  return out.join('');
}

interface RawTag {
  name: string;
  /** Values as written, character references untouched, `"` as `&quot;` (they are re-quoted with `"`). */
  attrs: { name: string; value?: string }[];
  selfClosing: boolean;
  /** Index just after the tag's `>`. */
  end: number;
}

/** Reads a tag from its name (at `start`) to its `>`, as the HTML tokenizer does; undefined when the input ends first. */
function readTag(raw: string, start: number): RawTag | undefined {
  const n = raw.length;
  let i = start;
  while (i < n && !isSpace(raw[i]!) && raw[i] !== '/' && raw[i] !== '>') i++;
  const name = raw.slice(start, i);
  const attrs: RawTag['attrs'] = [];
  let selfClosing = false;
  while (i < n) {
    const c = raw[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '>') return { name, attrs, selfClosing, end: i + 1 };
    if (c === '/') {
      selfClosing = raw[i + 1] === '>';
      i++;
      continue;
    }
    selfClosing = false;
    // Attribute name: up to space, '/', '>' or '=' (an '=' first belongs to the name).
    const nameStart = i;
    i++;
    while (i < n && !isSpace(raw[i]!) && raw[i] !== '/' && raw[i] !== '>' && raw[i] !== '=') i++;
    const attrName = raw.slice(nameStart, i);
    while (i < n && isSpace(raw[i]!)) i++;
    if (raw[i] !== '=') {
      attrs.push({ name: attrName });
      continue;
    }
    i++;
    while (i < n && isSpace(raw[i]!)) i++;
    let value: string;
    const q = raw[i];
    if (q === '"' || q === "'") {
      const close = raw.indexOf(q, i + 1);
      if (close < 0) return undefined;
      value = raw.slice(i + 1, close);
      i = close + 1;
    } else {
      const vStart = i;
      while (i < n && !isSpace(raw[i]!) && raw[i] !== '>') i++;
      value = raw.slice(vStart, i);
    }
    attrs.push({ name: attrName, value: value.replace(/"/g, '&quot;') });
  }
  return undefined;
}
