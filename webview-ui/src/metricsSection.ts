import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import type { DeploymentRowView, MetricCardView, MetricsView } from '../../src/protocol/sidebar';
import { age, el, foldableSection, formatDate } from './dom';
import { getViewState, post, setViewState } from './vscodeApi';
import * as l10n from '@vscode/l10n';

const bandLabel = (band: 'elite' | 'high' | 'medium' | 'low'): string => ({ elite: l10n.t('Elite'), high: l10n.t('High'), medium: l10n.t('Medium'), low: l10n.t('Low') })[band];
const ARROW = { up: '▲', down: '▼', flat: '■' } as const;
/** One vocabulary for the bands, in plain words (docs/metrics.md, "Bands"). */
const bandHelp = (band: 'elite' | 'high' | 'medium' | 'low'): string =>
  ({
    elite: l10n.t('Elite: the best of DORA’s four performance groups (Elite, High, Medium, Low).'),
    high: l10n.t('High: the second of DORA’s four performance groups (Elite, High, Medium, Low).'),
    medium: l10n.t('Medium: the third of DORA’s four performance groups (Elite, High, Medium, Low).'),
    low: l10n.t('Low: the last of DORA’s four performance groups (Elite, High, Medium, Low).'),
  })[band];

/** The card whose explanation is open (view state, so it survives the view being hidden). */
export function selectedMetric(): string | undefined {
  return getViewState<{ metric?: string }>({}).metric;
}

export function renderMetrics(view: MetricsView): HTMLElement {
  const glance = view.status === 'ready' ? view.cards.filter((c) => c.key === 'deploymentFrequency' || c.key === 'leadTime').map((c) => c.value).join(' · ') : undefined;
  const { section, body } = foldableSection('metrics', l10n.t('Deploy metrics'), { class: 'metrics', 'aria-busy': String(view.status === 'loading' || (view.status === 'ready' && view.refreshing)) }, glance);
  switch (view.status) {
    case 'loading':
      body.append(el('div', { class: 'state', role: 'status' }, el('vscode-progress-ring', { 'aria-label': l10n.t('Loading') }), el('span', {}, view.message)));
      return section;
    case 'empty':
      body.append(stateBox('empty', view.message, view.hint, view.sourceLabel));
      return section;
    case 'error':
      body.append(stateBox('error', view.message, view.hint));
      return section;
  }
  const selected = selectedMetric();
  body.append(
    el('p', { class: 'muted source', 'data-testid': 'metrics-source' }, view.team ? l10n.t('{0} · {1} · {2} · updated {3}', view.service, view.team, view.sourceLabel, age(view.fetchedAt)) : l10n.t('{0} · {1} · updated {2}', view.service, view.sourceLabel, age(view.fetchedAt)), view.refreshing ? l10n.t(' · refreshing…') : ''),
    windowSelector(view.windowDays),
  );
  if (view.stale) {
    const retry = el('vscode-button', { secondary: '' }, l10n.t('Retry'));
    retry.addEventListener('click', () => post({ type: 'metrics/refresh' }));
    body.append(el('div', { class: 'banner warning', role: 'status' }, el('span', {}, l10n.t('Could not refresh: {0}. Showing data from {1}.', view.stale, age(view.fetchedAt))), retry));
  }
  const grid = el('div', { class: 'cards', role: 'list' });
  for (const card of view.cards) {
    grid.append(renderCard(card, card.key === selected));
    // The explanation opens right under its card, spanning the grid's width.
    if (card.key === selected) grid.append(renderDetail(card, view.deployments));
  }
  body.append(grid);
  for (const w of view.warnings) body.append(el('p', { class: 'muted warning-text' }, w));
  const explain = el('button', { type: 'button', class: 'link', 'data-testid': 'metrics-explain' }, l10n.t('What these numbers mean'));
  explain.addEventListener('click', () => post({ type: 'sidebar/runCommand', command: 'dxPulse.explainMetrics' }));
  body.append(el('p', {}, explain));
  return section;
}

function stateBox(kind: 'empty' | 'error', message: string, hint: string, sourceLabel?: string): HTMLElement {
  const refresh = el('vscode-button', { secondary: '' }, l10n.t('Try again'));
  refresh.addEventListener('click', () => post({ type: 'metrics/refresh' }));
  const settings = el('vscode-button', { secondary: '' }, l10n.t('Metrics settings'));
  settings.addEventListener('click', () => post({ type: 'sidebar/runCommand', command: 'dxPulse.openMetricsSettings' }));
  return el('div', { class: `state ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `metrics-${kind}` }, el('p', {}, el('strong', {}, message)), el('p', { class: 'muted' }, hint), sourceLabel ? el('p', { class: 'muted' }, l10n.t('Source: {0}', sourceLabel)) : null, el('p', {}, refresh, ' ', settings));
}

function windowSelector(days: number): HTMLElement {
  const group = el('div', { class: 'window', role: 'radiogroup', 'aria-label': l10n.t('Time window') });
  const options = [7, 30, 90] as const;
  for (const d of options) {
    const b = el('button', { type: 'button', role: 'radio', 'aria-checked': String(d === days), tabindex: d === days ? '0' : '-1', class: d === days ? 'selected' : '' }, l10n.t('{0} days', d));
    b.addEventListener('click', () => post({ type: 'metrics/setWindow', days: d }));
    b.addEventListener('keydown', (e) => {
      const i = options.indexOf(d);
      const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? options[(i + 1) % 3] : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? options[(i + 2) % 3] : undefined;
      if (next) {
        e.preventDefault();
        post({ type: 'metrics/setWindow', days: next });
      }
    });
    group.append(b);
  }
  return group;
}

function renderCard(card: MetricCardView, selected: boolean): HTMLElement {
  const band = card.band ? el('span', { class: `band band-${card.band}`, title: bandHelp(card.band) }, bandLabel(card.band)) : null;
  const trend = card.trend.direction === 'none' ? null : el('span', { class: `trend trend-${card.trend.direction}` }, el('span', { class: 'arrow', 'aria-hidden': 'true' }, ARROW[card.trend.arrow]), ` ${card.trend.text}`);
  const button = el(
    'button',
    {
      type: 'button',
      class: `card${selected ? ' selected' : ''}`,
      role: 'listitem',
      'aria-expanded': String(selected),
      'aria-label': l10n.t('{0}: {1}{2}{3}. Show how it was computed.', card.title, card.valueLabel, card.band ? l10n.t(', {0} band', bandLabel(card.band)) : '', card.trend.direction !== 'none' ? `, ${card.trend.text}` : ''),
      'data-metric': card.key,
    },
    el('span', { class: 'card-title' }, card.title),
    el('span', { class: 'card-summary muted' }, card.summary),
    el('span', { class: 'card-value', 'data-testid': `metric-${card.key}` }, card.value),
    el('span', { class: 'card-meta' }, band, trend),
    sparkline(card.series),
  );
  button.addEventListener('click', () => {
    setViewState({ ...getViewState({}), metric: selected ? undefined : card.key });
    const saved = getViewState<{ last?: unknown }>({});
    // Re-render from the state we already have: no round trip to the host.
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'sidebar/state', state: saved.last } }));
  });
  return button;
}

/** A tiny line chart: plain SVG, coloured by the theme, hidden from screen readers (the card says it). */
function sparkline(series: readonly (number | null)[]): SVGElement | null {
  const values = series.map((v) => (v === null ? NaN : v));
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return null;
  const w = 100;
  const h = 24;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || 1;
  const step = w / (values.length - 1);
  const points = values.map((v, i) => (Number.isFinite(v) ? `${(i * step).toFixed(1)},${(h - 2 - ((v - min) / span) * (h - 4)).toFixed(1)}` : null)).filter(Boolean);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points.join(' '));
  svg.append(line);
  return svg;
}

function renderDetail(card: MetricCardView, deployments: readonly DeploymentRowView[]): HTMLElement {
  const ids = new Set(card.deploymentIds);
  const rows = deployments.filter((d) => ids.has(d.id)).slice(0, 50);
  const table = el(
    'table',
    { class: 'deploys' },
    el('caption', { class: 'muted' }, behindText(card.deploymentIds.length, rows.length)),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, l10n.t('Deploy')), el('th', { scope: 'col' }, l10n.t('When')), el('th', { scope: 'col' }, l10n.t('Commits')), el('th', { scope: 'col' }, l10n.t('Lead time')), el('th', { scope: 'col' }, l10n.t('Status')))),
    el('tbody', {}, ...rows.map((d) => el('tr', {}, el('td', { 'data-label': l10n.t('Deploy') }, d.name), el('td', { 'data-label': l10n.t('When') }, formatDate(d.time)), el('td', { 'data-label': l10n.t('Commits') }, String(d.commits)), el('td', { 'data-label': l10n.t('Lead time') }, d.leadTime ?? '—'), el('td', { 'data-label': l10n.t('Status') }, d.failed ? (d.restored ? l10n.t('failed, restored in {0}', d.restored) : l10n.t('failed, not restored')) : d.unplanned ? l10n.t('hotfix') : l10n.t('ok'))))),
  );
  return el('div', { class: 'detail', role: 'region', 'aria-label': l10n.t('How {0} was computed', card.title), 'data-testid': 'metric-detail' }, el('p', {}, card.explanation), card.band ? el('p', { class: 'muted' }, bandHelp(card.band)) : null, ...card.notes.map((n) => el('p', { class: 'muted' }, n)), rows.length ? el('div', { class: 'table-scroll' }, table) : null);
}

/** "12 deployments behind this number, latest 50 shown". */
function behindText(total: number, shown: number): string {
  const all = total === 1 ? l10n.t('1 deployment behind this number') : l10n.t('{0} deployments behind this number', total);
  return shown < total ? l10n.t('{0}, latest {1} shown', all, shown) : all;
}
