import * as l10n from '@vscode/l10n';
import type { GoldenPathCheckView, GoldenPathView } from '../../src/protocol/sidebar';
import { age, el, foldableSection } from './dom';
import { post } from './vscodeApi';

// The repository's golden-path scorecard: each check the platform (or the repo) defines,
// failing ones first with what to change and a link to the doc or migration entry.

function checkItem(c: GoldenPathCheckView): HTMLElement {
  const mark = el('span', { class: `gp-mark ${c.passed ? 'gp-pass' : 'gp-fail'}`, 'aria-hidden': 'true' }, c.passed ? '✓' : '✗');
  const item = el(
    'li',
    { class: 'gp-check', 'data-testid': 'golden-path-check', 'data-check-id': c.id, 'data-passed': String(c.passed) },
    el('div', { class: 'gp-head' }, mark, el('span', { class: 'gp-title' }, c.title), el('span', { class: 'visually-hidden' }, c.passed ? l10n.t('passes') : l10n.t('fails'))),
    el('div', { class: 'muted gp-detail' }, c.detail),
  );
  if (!c.passed && c.fix) item.append(el('div', { class: 'gp-fix', 'data-testid': 'golden-path-fix' }, c.fix));
  if (!c.passed && (c.docId || c.docUrl)) {
    const link = el('a', { href: '#', class: 'gp-link', 'data-testid': 'golden-path-link' }, c.docId ? l10n.t('How to fix it') : l10n.t('Open the guide'));
    link.addEventListener('click', (e) => {
      e.preventDefault();
      post({ type: 'goldenPath/open', checkId: c.id });
    });
    item.append(el('div', {}, link));
  }
  return item;
}

export function renderGoldenPath(view: GoldenPathView): HTMLElement | undefined {
  if (view.status === 'none') return undefined;
  const glance = view.status === 'ready' ? l10n.t('{0} of {1}', view.passed, view.total) : undefined;
  const { section, body } = foldableSection('golden-path', l10n.t('Golden path'), { class: 'golden-path', 'data-testid': 'golden-path', 'aria-busy': String(view.status === 'loading') }, glance);
  if (view.status === 'loading') {
    body.append(el('div', { class: 'state', role: 'status' }, el('vscode-progress-ring', { 'aria-label': l10n.t('Loading') }), el('span', {}, l10n.t('Checking this repository…'))));
    return section;
  }
  const all = view.passed === view.total;
  body.append(
    el(
      'p',
      { class: 'gp-summary', 'data-testid': 'golden-path-summary' },
      el('strong', {}, all ? l10n.t('On the golden path: all {0} checks pass.', view.total) : l10n.t('{0} of {1} checks pass.', view.passed, view.total)),
      ' ',
      el('span', { class: 'muted' }, l10n.t('checked {0}, on this machine', age(view.evaluatedAt))),
    ),
  );
  const ordered = [...view.checks.filter((c) => !c.passed), ...view.checks.filter((c) => c.passed)];
  body.append(el('ul', { class: 'gp-list', 'aria-label': l10n.t('Golden-path checks') }, ...ordered.map(checkItem)));
  const again = el('vscode-button', { secondary: '' }, l10n.t('Check again'));
  again.addEventListener('click', () => post({ type: 'goldenPath/refresh' }));
  body.append(el('p', {}, again));
  return section;
}
