// The sidebar's CI section: pipeline duration of the open repo's default branch and of the
// developer's branch (p50, p90, against the target), failures, flakiness, the slowest job
// and step, where the numbers come from and how old they are, and the local build-and-test
// loop on this machine. Renders the host's CiView (src/core/ci/ciViewModel.ts) and nothing else.
import type { CiBranchView, CiLocalView, CiView } from '../../src/protocol/sidebar';
import { age, el, foldableSection } from './dom';
import { post } from './vscodeApi';
import * as l10n from '@vscode/l10n';

export function renderCi(view: CiView | undefined): HTMLElement | null {
  if (!view || view.status === 'none') return null;
  const glance = view.status === 'ready' ? view.summary : undefined;
  const { section, body } = foldableSection('ci', l10n.t('CI pipeline duration'), { class: 'ci', 'data-testid': 'ci-section', 'aria-busy': String(view.status === 'loading' || (view.status === 'ready' && view.refreshing)) }, glance);
  if (view.status === 'loading') {
    // As the deploy metrics load: a ring and the words (metricsSection.ts registers the ring).
    body.append(el('div', { class: 'state', role: 'status', 'data-testid': 'ci-loading' }, el('vscode-progress-ring', { 'aria-label': l10n.t('Loading') }), el('span', {}, view.message)));
    if (view.local) body.append(renderLocal(view.local));
    return section;
  }
  if (view.status !== 'ready') {
    const kind = view.status;
    const box = el('div', { class: `state ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `ci-${kind}` }, el('p', {}, el('strong', {}, view.message)));
    box.append(el('p', { class: 'muted' }, view.hint), el('p', {}, retryButton(l10n.t('Try again'))));
    body.append(box);
    if (view.local) body.append(renderLocal(view.local));
    return section;
  }
  body.append(
    el('p', { class: 'muted source', 'data-testid': 'ci-source' }, l10n.t('{0} · last {1} days · updated {2}', view.sourceLabel, view.windowDays, age(view.fetchedAt)), view.refreshing ? l10n.t(' · refreshing…') : ''),
    el('p', { 'data-testid': 'ci-summary' }, view.summary),
  );
  if (view.stale) body.append(el('div', { class: 'banner warning', role: 'status' }, el('span', {}, l10n.t('Could not refresh: {0}. Showing runs from {1}.', view.stale, age(view.fetchedAt))), retryButton(l10n.t('Retry'))));
  if (view.quota) body.append(el('p', { class: 'banner warning', role: 'status', 'data-testid': 'ci-quota' }, view.quota));
  for (const b of view.branches) body.append(renderBranch(b));
  body.append(el('p', { class: 'muted' }, view.target));
  if (view.local) body.append(renderLocal(view.local));
  for (const w of view.warnings) body.append(el('p', { class: 'muted warning-text' }, w));
  return section;
}

function renderBranch(b: CiBranchView): HTMLElement {
  const trend = b.trend.direction === 'none' ? null : el('span', { class: `trend trend-${b.trend.direction}` }, ` ${b.trend.text}`);
  return el(
    'div',
    { class: 'ci-branch', 'data-testid': 'ci-branch', 'data-branch': b.branch },
    el('h3', {}, b.label),
    el(
      'p',
      { class: 'ci-numbers' },
      el('span', { class: `card-value${b.overTarget ? ' over-target' : ''}`, 'data-testid': 'ci-p50' }, b.p50),
      el('span', { class: 'muted' }, l10n.t(' p50 · ')),
      el('span', { 'data-testid': 'ci-p90' }, b.p90),
      el('span', { class: 'muted' }, l10n.t(' p90 · {0}', b.runs === 1 ? l10n.t('1 run') : l10n.t('{0} runs', b.runs))),
      trend,
    ),
    el('ul', { class: 'ci-lines' }, ...b.lines.map((l) => el('li', {}, l))),
  );
}

function renderLocal(local: CiLocalView): HTMLElement {
  return el('div', { class: 'ci-local', 'data-testid': 'ci-local' }, el('p', {}, local.summary), el('ul', { class: 'ci-lines muted' }, ...local.lines.map((l) => el('li', {}, l))));
}

function retryButton(label: string): HTMLElement {
  const b = el('vscode-button', { secondary: '' }, label);
  b.addEventListener('click', () => post({ type: 'ci/refresh' }));
  return b;
}
