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
  // Only absolute http(s)/mailto survive DOMPurify's own check; the hook re-checks with URL().
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
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
}

let purifier: ReturnType<typeof DOMPurify> | undefined;
let currentBase: string | undefined;

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
      if (url) node.setAttribute('src', url);
      else node.removeAttribute('src');
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
  try {
    return p.sanitize(html, { ...PURIFY_CONFIG, RETURN_DOM_FRAGMENT: true });
  } finally {
    currentBase = undefined;
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
