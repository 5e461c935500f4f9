import * as l10n from '@vscode/l10n';
import DOMPurify, { type Config } from 'dompurify';

/**
 * Renders remote content (platform docs, changelogs) for the sidebar. The host turned
 * the markdown into HTML with marked, which does not sanitize; DOMPurify here keeps only
 * a small allow-list. The result is a DocumentFragment, never a string re-parsed by innerHTML,
 * so mutation-XSS tricks that rely on serialize/parse round trips have nothing to use.
 * Links keep their href for hover and accessibility but carry LINK_ATTRIBUTE; call
 * interceptLinks() so clicks go to the host, which opens http(s)/mailto externally.
 */

/** The attribute holding a link's vetted absolute URL for the host to open. */
export const LINK_ATTRIBUTE = 'data-dx-href';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['https:']);

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'del', 'details', 'div', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
];
// No style, class, id or name: they allow spoofing host UI and DOM clobbering.
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'align', 'start', 'colspan', 'rowspan', 'open'];

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // Absolute http(s)/mailto, and URLs without a scheme (relative, protocol-relative,
  // fragment), as in DOMPurify's own default; the hook then resolves those against the
  // base URL with URL() and keeps only http(s)/mailto results.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  FORBID_TAGS: ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'base', 'link', 'meta', 'template', 'noscript'],
  FORBID_ATTR: ['style', 'srcset', 'formaction', 'xlink:href', 'action', 'background', 'ping'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
};

/** An absolute URL with an allowed protocol, or undefined. Relative URLs resolve against `base` when given. */
export function vetUrl(raw: string | null, allowed: ReadonlySet<string>, base?: string): string | undefined {
  if (!raw) return undefined;
  // Browsers ignore tabs/newlines and leading control characters in URLs; so do we, before judging.
  // eslint-disable-next-line no-control-regex
  const cleaned = raw.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  let u: URL;
  try {
    u = base ? new URL(cleaned, base) : new URL(cleaned);
  } catch {
    return undefined;
  }
  return allowed.has(u.protocol) ? u.href : undefined;
}

export interface RenderOptions {
  /** The document's own URL, to resolve relative links and images. */
  baseUrl?: string;
  /** Images load from these hosts only (the platform's, the feeds'), unless `remoteImages`. */
  imageHosts?: readonly string[];
  /** dxPulse.docs.loadRemoteImages: images from any https host. */
  remoteImages?: boolean;
}

/** Remote headings sit below the view's own (h2-h4): h1-h3 become h5, the rest h6. */
const HEADING_FLOOR = 5;
/** Quotes, lists, tables and details nested deeper than this lose their extra levels (their content stays). */
export const MAX_NESTING = 6;
const NESTING_TAGS = new Set(['BLOCKQUOTE', 'UL', 'OL', 'TABLE', 'DETAILS']);
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS_ALL = /[\u202a-\u202e\u2066-\u2069]/g;
/** Set by the hook on an image whose host is not allowed; replaced by its alt text afterwards. */
const BLOCKED_IMAGE = 'data-dx-blocked-host';

let purifier: ReturnType<typeof DOMPurify> | undefined;
let currentBase: string | undefined;
let currentImages: { hosts: ReadonlySet<string>; any: boolean } = { hosts: new Set(), any: false };

/** A private DOMPurify instance, so these hooks never leak into other sanitize calls. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (!(node instanceof Element)) return;
    const tag = node.tagName.toLowerCase();
    if (tag === 'a') {
      const url = vetUrl(node.getAttribute('href'), LINK_PROTOCOLS, currentBase);
      node.removeAttribute('target');
      if (url) {
        node.setAttribute('href', url);
        node.setAttribute(LINK_ATTRIBUTE, url);
        node.setAttribute('rel', 'noopener noreferrer nofollow');
      } else {
        node.removeAttribute('href');
        node.removeAttribute(LINK_ATTRIBUTE);
      }
    } else if (tag === 'img') {
      const url = vetUrl(node.getAttribute('src'), IMAGE_PROTOCOLS, currentBase);
      const host = url ? new URL(url).host : undefined;
      if (url && host && (currentImages.any || currentImages.hosts.has(host))) node.setAttribute('src', url);
      else {
        node.removeAttribute('src');
        if (host) node.setAttribute(BLOCKED_IMAGE, host);
      }
      node.setAttribute('referrerpolicy', 'no-referrer');
      node.setAttribute('loading', 'lazy');
    } else if (node.hasAttribute('href') || node.hasAttribute('src')) {
      node.removeAttribute('href');
      node.removeAttribute('src');
    }
  });
  purifier = p;
  return p;
}

/** Sanitized DOM for untrusted HTML from the host; append it, never serialize and re-parse it. */
export function renderUntrustedHtml(html: string, options: RenderOptions = {}): DocumentFragment {
  const p = getPurifier();
  currentBase = options.baseUrl && vetUrl(options.baseUrl, LINK_PROTOCOLS) ? options.baseUrl : undefined;
  currentImages = { hosts: new Set(options.imageHosts ?? []), any: !!options.remoteImages };
  try {
    const frag = p.sanitize(html, { ...PURIFY_CONFIG, RETURN_DOM_FRAGMENT: true });
    tidy(frag);
    return frag;
  } finally {
    currentBase = undefined;
    currentImages = { hosts: new Set(), any: false };
  }
}

/**
 * What sanitizing leaves that can still mislead or break the view: remote headings that
 * look like DX Pulse's own, `<kbd>` inside links (looks like a DX Pulse button), link
 * texts that hide where they go, nesting that makes the view thousands of pixels wide,
 * and images from hosts nobody configured.
 */
function tidy(root: DocumentFragment): void {
  const doc = root.ownerDocument;
  // Bidi overrides and isolates reorder what a person reads ("\u202Emoc.elpmaxe" reads as example.com).
  const texts = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = texts.nextNode(); t; t = texts.nextNode()) if (BIDI_CONTROLS.test(t.nodeValue ?? '')) t.nodeValue = t.nodeValue!.replace(BIDI_CONTROLS_ALL, '');
  // Depth-first with an explicit stack: 1,500 nested quotes must not overflow the call stack.
  const stack: { node: Element; depth: number }[] = [...root.children].map((node) => ({ node, depth: 0 }));
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    let el: Element = node;
    let d = depth;
    const tag = el.tagName;
    if (/^H[1-6]$/.test(tag)) {
      const h = doc.createElement(Number(tag[1]) <= 3 ? `h${HEADING_FLOOR}` : 'h6');
      h.replaceChildren(...el.childNodes);
      el.replaceWith(h);
      el = h;
    } else if (tag === 'IMG' && el.hasAttribute(BLOCKED_IMAGE)) {
      const host = el.getAttribute(BLOCKED_IMAGE)!;
      const alt = el.getAttribute('alt')?.trim();
      const span = doc.createElement('span');
      span.className = 'img-blocked';
      span.title = l10n.t('Image from {0}, not loaded: turn on dxPulse.docs.loadRemoteImages to load images from other hosts', host);
      span.textContent = alt ? l10n.t('[image: {0} ({1})]', alt, host) : l10n.t('[image ({0})]', host);
      el.replaceWith(span);
      continue;
    } else if (tag === 'A') {
      for (const k of [...el.querySelectorAll('kbd')]) k.replaceWith(...k.childNodes);
      const url = el.getAttribute(LINK_ATTRIBUTE);
      if (url) {
        const u = new URL(url);
        // URL() gives the host in punycode: a homoglyph domain shows as xn--, not as the name it imitates.
        el.setAttribute('title', u.protocol === 'mailto:' ? `Email ${u.pathname}` : `Opens ${u.host} — ${url}`);
      }
    }
    if (NESTING_TAGS.has(tag)) {
      if (d >= MAX_NESTING) {
        // Too deep: keep the content, drop this level.
        const children = [...el.children];
        el.replaceWith(...el.childNodes);
        for (const c of children) stack.push({ node: c, depth: d });
        continue;
      }
      d++;
    }
    for (const c of el.children) stack.push({ node: c, depth: d });
  }
}


/**
 * Links are not followed inside the webview: a click (or middle click) on any link
 * under `root` is stopped, and vetted ones are handed to `open`, which posts to the
 * host. Returns a function that removes the listeners.
 */
export function interceptLinks(root: HTMLElement, open: (url: string) => void): () => void {
  const onClick = (ev: MouseEvent): void => {
    const a = ev.target instanceof Element ? ev.target.closest('a') : null;
    if (!a || !root.contains(a)) return;
    ev.preventDefault();
    ev.stopPropagation();
    const url = vetUrl(a.getAttribute(LINK_ATTRIBUTE), LINK_PROTOCOLS);
    if (url) open(url);
  };
  root.addEventListener('click', onClick);
  root.addEventListener('auxclick', onClick);
  return () => {
    root.removeEventListener('click', onClick);
    root.removeEventListener('auxclick', onClick);
  };
}
