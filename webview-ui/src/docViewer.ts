// The doc viewer: one platform doc or changelog entry in an editor tab, rendered through
// the very sanitizer the sidebar uses (never VS Code's markdown preview, whose safety
// depends on the user's preview security setting).
import type { DocContent, DocShowNotification } from '../../src/protocol/docViewer';
import * as l10n from '@vscode/l10n';
import './l10n';
import { el } from './dom';
import { interceptLinks, renderUntrustedHtml, vetUrl } from './markdown';
import styles from './styles.css';
import { getViewState, post, setViewState } from './vscodeApi';

const sheet = new CSSStyleSheet();
sheet.replaceSync(styles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
document.body.classList.add('doc-viewer');

const app = document.getElementById('app') as HTMLElement;

function render(doc: DocContent): void {
  const title = el('h1', { class: 'doc-viewer-title', 'data-testid': 'doc-title' }, doc.title);
  const source = doc.sourceUrl ? vetUrl(doc.sourceUrl, new Set(['https:', 'http:'])) : undefined;
  const meta = el(
    'p',
    { class: 'muted doc-meta' },
    doc.meta ?? '',
    source ? `${doc.meta ? ' · ' : ''}${l10n.t('from')} ` : '',
    source ? el('a', { href: source, 'data-dx-href': source, title: l10n.t('Opens {0} — {1}', new URL(source).host, source) }, new URL(source).host) : '',
  );
  const body = el('div', { class: 'md', 'data-testid': 'doc-body' });
  body.append(renderUntrustedHtml(doc.html, { baseUrl: doc.baseUrl, imageHosts: doc.images.hosts, remoteImages: doc.images.remote }));
  const article = el('article', { 'aria-labelledby': 'doc-title' }, title, meta, body);
  title.id = 'doc-title';
  app.replaceChildren(article);
  document.title = doc.title;
}

interceptLinks(app, (url) => {
  if (/^https?:\/\//i.test(url)) post({ type: 'sidebar/openLink', url });
});

window.addEventListener('message', (event: MessageEvent<DocShowNotification>) => {
  const msg = event.data;
  if (msg?.type === 'doc/show') {
    setViewState({ doc: msg.doc });
    render(msg.doc);
  }
});

const saved = getViewState<{ doc?: DocContent }>({}).doc;
if (saved) render(saved);
post({ type: 'doc/ready' });
