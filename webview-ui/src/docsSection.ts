import * as l10n from '@vscode/l10n';
import type { DocsEntryView, DocsImagePolicy, DocsView } from '../../src/protocol/sidebar';
import { age, el, foldableSection, formatDate } from './dom';
import { interceptLinks, renderUntrustedHtml } from './markdown';
import { getViewState, post, setViewState } from './vscodeApi';

/** Entries shown before "Show more": the list stays scannable. */
const FIRST_ENTRIES = 25;
const MAX_CACHED_FRAGMENTS = 500;

interface DocsViewState {
  docsAll?: boolean;
  docsOpen?: string[];
}

// Sanitizing is the expensive part of re-rendering this section (on every change of the
// docs state: a refresh, an entry read): keep sanitized fragments and clone them.
const fragments = new Map<string, DocumentFragment>();

/** The image policy of the state being rendered (set by renderDocs). */
let images: DocsImagePolicy = { hosts: [], remote: false };

function untrustedHtml(text: string, baseUrl: string | undefined, label: string): HTMLElement {
  const key = `${baseUrl ?? ''}\n${images.remote}\n${images.hosts.join(' ')}\n${text}`;
  let frag = fragments.get(key);
  if (!frag) {
    frag = renderUntrustedHtml(text, { baseUrl, imageHosts: images.hosts, remoteImages: images.remote });
    if (fragments.size >= MAX_CACHED_FRAGMENTS) fragments.delete(fragments.keys().next().value as string);
    fragments.set(key, frag);
  }
  const box = el('div', { class: 'md', 'aria-label': label });
  box.append(frag.cloneNode(true));
  return box;
}

function openLink(url: string): void {
  // The host accepts http(s) only; mailto and the rest are left alone.
  if (/^https?:\/\//i.test(url)) post({ type: 'sidebar/openLink', url });
}

/** "Show more" was clicked: every entry is listed, not the first few. */
export function showingAllDocs(): boolean {
  return getViewState<DocsViewState>({}).docsAll === true;
}

export function renderDocs(view: DocsView): HTMLElement | undefined {
  if (view.status === 'none') return undefined;
  const glance = view.status === 'ready' && view.unread > 0 ? l10n.t('{0} unread', view.unread) : undefined;
  const { section, heading: title, body } = foldableSection('docs', l10n.t('Platform docs & changelog'), { class: 'docs', 'data-testid': 'docs', 'aria-busy': String(view.status === 'loading' || (view.status === 'ready' && view.refreshing)) }, glance);
  interceptLinks(section, openLink);
  if (view.status === 'loading') {
    body.append(el('div', { class: 'state', role: 'status' }, el('vscode-progress-ring', { 'aria-label': l10n.t('Loading') }), el('span', {}, view.message)));
    return section;
  }
  if (view.status === 'empty') {
    body.append(
      el('div', { class: 'state', role: 'status', 'data-testid': 'docs-empty' }, el('p', {}, el('strong', {}, view.message)), el('p', { class: 'muted' }, view.hint), ...view.problems.map((p) => el('p', { class: 'muted warning-text' }, p)), el('p', {}, button(l10n.t('Try again'), () => post({ type: 'docs/refresh' })))),
    );
    return section;
  }
  images = view.images;
  if (view.unread > 0) title.append(' ', el('vscode-badge', { 'aria-label': l10n.t('{0} unread', view.unread), 'data-testid': 'docs-unread' }, String(view.unread)));
  body.append(
    el(
      'p',
      { class: 'muted source' },
      view.fetchedAt ? l10n.t('updated {0}', age(view.fetchedAt)) : l10n.t('not fetched yet'),
      view.refreshing ? l10n.t(' · refreshing…') : '',
    ),
    el(
      'p',
      { class: 'docs-actions' },
      view.unread > 0 ? button(l10n.t('Mark all read'), () => post({ type: 'docs/markAllRead' }), 'docs-mark-all-read') : null,
      ' ',
      button(l10n.t('Search docs'), () => post({ type: 'sidebar/runCommand', command: 'dxPulse.searchDocs' })),
      ' ',
      button(l10n.t('Refresh'), () => post({ type: 'docs/refresh' })),
    ),
  );
  for (const p of view.problems) body.append(el('div', { class: 'banner warning', role: 'status' }, el('span', {}, l10n.t('Could not refresh: {0}', p))));

  if (view.actionable.length) {
    body.append(el('h3', {}, l10n.t('Action needed')));
    const list = el('ul', { class: 'doc-list', 'aria-label': l10n.t('Breaking changes and deprecations') });
    for (const e of view.actionable) list.append(actionable(e));
    body.append(list);
  }
  if (view.entries.length) {
    const state = getViewState<DocsViewState>({});
    body.append(el('h3', {}, view.actionable.length ? l10n.t('Docs and news') : l10n.t('Docs and changelog')));
    const shown = showingAllDocs() ? view.entries : view.entries.slice(0, FIRST_ENTRIES);
    const list = el('ul', { class: 'doc-list', 'aria-label': l10n.t('Docs and changelog, most relevant first') });
    for (const e of shown) list.append(entry(e, new Set(state.docsOpen ?? [])));
    body.append(list);
    if (shown.length < view.entries.length) {
      body.append(
        button(l10n.t('Show {0} more', view.entries.length - shown.length), () => {
          setViewState({ ...getViewState({}), docsAll: true });
          rerender();
        }, 'docs-show-more'),
      );
    }
  }
  return section;
}

function rerender(): void {
  const saved = getViewState<{ last?: unknown }>({});
  window.dispatchEvent(new MessageEvent('message', { data: { type: 'sidebar/state', state: saved.last } }));
}

function button(label: string, onClick: () => void, testId?: string): HTMLElement {
  const b = el('vscode-button', { secondary: '', ...(testId ? { 'data-testid': testId } : {}) }, label);
  b.addEventListener('click', onClick);
  return b;
}

function titleOf(e: DocsEntryView): HTMLElement {
  if (!e.openable) return el('span', { class: 'doc-title' }, e.title);
  const b = el('button', { type: 'button', class: 'doc-title link', title: e.url ? l10n.t('Open {0}', e.url) : l10n.t('Open in the DX Pulse doc viewer') }, e.title);
  b.addEventListener('click', () => post({ type: 'docs/open', id: e.id }));
  return b;
}

function meta(e: DocsEntryView): HTMLElement {
  const parts = [e.kind === 'changelog' || e.type !== 'announcement' ? e.typeLabel : l10n.t('Doc'), e.version, e.publishedAt && isoDate(e.publishedAt)].filter(Boolean).join(' · ');
  return el('span', { class: 'muted doc-meta' }, parts);
}

function actionable(e: DocsEntryView): HTMLElement {
  const li = el('li', { class: `doc-entry actionable type-${e.type}${e.unread ? ' unread' : ''}`, 'data-testid': 'docs-actionable', 'data-entry-id': e.id, tabindex: '-1' });
  li.append(
    el('div', { class: 'doc-head' }, el('span', { class: `doc-type type-${e.type}` }, e.typeLabel), ' ', titleOf(e), e.unread ? el('span', { class: 'unread-dot', title: l10n.t('Unread'), 'aria-label': l10n.t('unread') }, '●') : null),
  );
  if (e.removal) li.append(el('p', { class: `removal${e.removal.daysLeft <= 14 ? ' soon' : ''}`, 'data-testid': 'docs-removal' }, `${e.removal.text[0].toUpperCase()}${e.removal.text.slice(1)} (${isoDate(e.removal.date)})`));
  if (e.affected) {
    li.append(el('p', { class: 'affected', 'data-testid': 'docs-affected' }, el('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }), l10n.t(' Affects this repository: '), e.affected));
    const files = (e.affectedFiles ?? []).map((path) => {
      const link = el('button', { type: 'button', class: 'link', 'data-testid': 'docs-affected-file', title: l10n.t('Open {0}', path) }, path);
      link.addEventListener('click', () => post({ type: 'sidebar/openRepoFile', path }));
      return link;
    });
    if (files.length) li.append(el('p', { class: 'affected-files muted' }, l10n.t('See '), ...files.flatMap((f, i) => (i ? [', ', f] : [f]))));
  }
  if (e.summary) li.append(el('p', {}, e.summary));
  if (e.migrationHtml) li.append(el('h4', {}, l10n.t('Migration')), untrustedHtml(e.migrationHtml, e.baseUrl, l10n.t('Migration steps for {0}', e.title)));
  if (e.bodyHtml) li.append(details(e, new Set(getViewState<DocsViewState>({}).docsOpen ?? [])));
  if (e.migrationUrl) {
    const a = el('a', { href: e.migrationUrl, 'data-dx-href': e.migrationUrl }, l10n.t('Migration guide'));
    li.append(el('p', {}, a));
  }
  return li;
}

function entry(e: DocsEntryView, open: Set<string>): HTMLElement {
  const li = el('li', { class: `doc-entry${e.unread ? ' unread' : ''}`, 'data-testid': 'docs-entry', 'data-entry-id': e.id, tabindex: '-1' });
  if (e.matches.length) li.title = l10n.t('Matches {0}', e.matches.join(', '));
  li.append(el('div', { class: 'doc-head' }, titleOf(e), e.unread ? el('span', { class: 'unread-dot', title: l10n.t('Unread'), 'aria-label': l10n.t('unread') }, '●') : null), meta(e));
  if (e.summary) li.append(el('p', { class: 'doc-summary' }, e.summary));
  if (e.migrationHtml) li.append(el('h4', {}, l10n.t('Migration')), untrustedHtml(e.migrationHtml, e.baseUrl, l10n.t('Migration steps for {0}', e.title)));
  if (e.bodyHtml) li.append(details(e, open));
  return li;
}

function details(e: DocsEntryView, open: Set<string>): HTMLElement {
  const d = el('details', open.has(e.id) ? { open: '' } : {}, el('summary', {}, l10n.t('Details')), untrustedHtml(e.bodyHtml!, e.baseUrl, l10n.t('Details of {0}', e.title)));
  d.addEventListener('toggle', () => {
    const ids = new Set(getViewState<DocsViewState>({}).docsOpen ?? []);
    if ((d as HTMLDetailsElement).open) ids.add(e.id);
    else ids.delete(e.id);
    setViewState({ ...getViewState({}), docsOpen: [...ids].slice(-100) });
  });
  return d;
}

/** A date the platform sent (ISO), in the sidebar's one date format; anything else as sent. */
function isoDate(text: string): string {
  const t = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  return Number.isFinite(t) ? formatDate(t) : text;
}
