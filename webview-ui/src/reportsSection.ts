import * as l10n from '@vscode/l10n';
import type { ReportRowView, ReportsView } from '../../src/protocol/sidebar';
import { age, el, foldableSection, formatDate } from './dom';
import { post } from './vscodeApi';

// "Your reports" (#18, "You said, we did"): the friction reports this install sent, each
// with the status the platform team gave it; matched on this machine, never by asking
// the platform for these ids.

function statusLabel(s: ReportRowView['status']): string {
  switch (s) {
    case 'acknowledged':
      return l10n.t('Acknowledged');
    case 'planned':
      return l10n.t('Planned');
    case 'fixed':
      return l10n.t('Fixed');
    case 'wontFix':
      return l10n.t("Won't fix");
    default:
      return l10n.t('No status yet');
  }
}

export function renderReports(view: ReportsView): HTMLElement | undefined {
  if (view.status === 'none') return undefined;
  const fixed = view.reports.filter((r) => r.status === 'fixed').length;
  const glance = fixed > 0 ? l10n.t('{0} fixed', fixed) : view.reports.length === 1 ? l10n.t('1 report') : l10n.t('{0} reports', view.reports.length);
  const { section, body } = foldableSection('reports', l10n.t('Your reports'), { class: 'reports', 'data-testid': 'reports' }, glance);
  const rows = view.reports.map((r) => {
    const actions: HTMLElement[] = [];
    if (r.changelogId) {
      const open = el('button', { type: 'button', class: 'link', 'data-testid': 'report-changelog' }, l10n.t('What changed'));
      open.addEventListener('click', () => post({ type: 'docs/open', id: r.changelogId! }));
      actions.push(open);
    }
    return el(
      'li',
      { class: 'report', 'data-report-id': r.id, 'data-status': r.status },
      el('span', { class: `report-status status-${r.status}`, 'data-testid': 'report-status' }, statusLabel(r.status)),
      ' ',
      el('span', { class: 'report-text' }, r.text || l10n.t('(no text)')),
      el('div', { class: 'muted report-meta' }, l10n.t('Sent {0}', formatDate(r.sentAt)), ...actions.flatMap((a) => [' · ', a])),
    );
  });
  body.append(el('ul', { class: 'report-list' }, ...rows));
  const refresh = el('button', { type: 'button', class: 'link', 'data-testid': 'reports-refresh' }, view.refreshing ? l10n.t('Checking…') : l10n.t('Check again'));
  refresh.addEventListener('click', () => post({ type: 'reports/refresh' }));
  body.append(
    el(
      'p',
      { class: 'muted source' },
      view.problem ? el('span', { role: 'status', 'data-testid': 'reports-problem' }, view.problem, ' ') : null,
      view.fetchedAt !== undefined ? l10n.t('Statuses checked {0}.', age(view.fetchedAt)) : null,
      ' ',
      refresh,
    ),
    el('p', { class: 'muted source' }, l10n.t('This list stays on your machine: statuses are matched here, and the platform is never asked about these reports.')),
  );
  return section;
}
