import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import * as l10n from '@vscode/l10n';
import './l10n';
import type { HostNotification, SidebarState } from '../../src/protocol/sidebar';
import { renderCi } from './ciSection';
import { el, setLocale } from './dom';
import { renderDocs, showingAllDocs } from './docsSection';
import { renderGoldenPath } from './goldenPathSection';
import { renderInsights } from './insightsSection';
import { renderMetrics, selectedMetric } from './metricsSection';
import { renderReports } from './reportsSection';
import { SectionSlots } from './sectionSlots';
import { renderSurvey } from './surveySection';
import styles from './styles.css';
import { getViewState, post, setViewState } from './vscodeApi';

const sheet = new CSSStyleSheet();
sheet.replaceSync(styles);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const app = document.getElementById('app') as HTMLElement;
const FIRST_PAINT = 'dx-pulse:metrics-first-paint';

/** The survey form last rendered, so it is scrolled to and focused once, when it opens. */
let shownFormId: string | undefined;

function renderFooter(state: SidebarState): HTMLElement {
  const sharing =
    state.sharing === 'off'
      ? l10n.t('Nothing leaves this machine: sharing is off.')
      : state.sharing === 'signals'
        ? l10n.t('Only automatic friction signals are shared with your platform team.')
        : l10n.t('Friction signals and what you submit yourself (reports, survey answers) are shared, when a platform is configured.');
  return el(
    'footer',
    { class: 'muted' },
    el('p', { 'data-testid': 'telemetry-state' }, el('vscode-badge', {}, state.sharing === 'off' ? l10n.t('sharing off') : l10n.t('sharing: {0}', state.sharing)), ' ', sharing),
    el('p', {}, button(l10n.t('Show collected data'), 'dxPulse.showCollectedData'), ' ', button(l10n.t('Report friction'), 'dxPulse.reportFriction')),
    el('p', {}, l10n.t('DX Pulse {0}', state.version)),
  );
}

// The sections top to bottom. Each key is what its render reads, view state included:
// a card click or "Show more" re-posts the same state and must still re-render its section.
const sections = new SectionSlots<SidebarState>(app, [
  { id: 'survey', key: (s) => s.survey, render: (s) => renderSurvey(s.survey) },
  { id: 'metrics', key: (s) => [s.metrics, selectedMetric()], render: (s) => renderMetrics(s.metrics) },
  { id: 'ci', key: (s) => s.ci, render: (s) => renderCi(s.ci) },
  { id: 'goldenPath', key: (s) => s.goldenPath, render: (s) => renderGoldenPath(s.goldenPath ?? { status: 'none' }) },
  { id: 'reports', key: (s) => s.reports, render: (s) => renderReports(s.reports) },
  { id: 'docs', key: (s) => [s.docs, showingAllDocs()], render: (s) => renderDocs(s.docs) },
  { id: 'insights', key: (s) => s.insights, render: (s) => renderInsights(s.insights) },
  { id: 'footer', key: (s) => [s.sharing, s.version], render: renderFooter },
]);

function render(state: SidebarState): void {
  setLocale(state.locale);
  const focusedEntry = document.activeElement?.closest('[data-entry-id]')?.getAttribute('data-entry-id') ?? undefined;
  const rendered = sections.update(state, state.locale);
  // A docs refresh replaces the docs section: keep the focus on the entry that had it (and
  // on one just revealed), or it would throw the keyboard user back to the top.
  if (rendered.has('docs')) {
    const keep = revealing && Date.now() - revealing.at < 3000 ? revealing.id : focusedEntry;
    if (keep) focusEntry(keep, false);
  }
  // A survey form that just opened is brought into view with its first field focused: it
  // sits at the top while the view may be scrolled far below (#14 item 14).
  const formId = state.survey.status === 'form' ? state.survey.surveyId : undefined;
  if (formId && formId !== shownFormId) {
    const form = document.querySelector<HTMLElement>('[data-testid="survey-form"]');
    form?.scrollIntoView({ block: 'start' });
    form?.querySelector<HTMLElement>('input, textarea, vscode-radio, vscode-checkbox, vscode-textarea, vscode-textfield, button')?.focus();
  }
  shownFormId = formId;
  // For `npm run bench` (webview_first_paint_ms): when numbers were first on screen.
  if (state.metrics.status === 'ready' && performance.getEntriesByName(FIRST_PAINT).length === 0) performance.mark(FIRST_PAINT);
}

/** The last "Show in DX Pulse", kept for a moment so a state post right after it keeps it. */
let revealing: { id: string; at: number } | undefined;

/** "Show in DX Pulse": unfold the docs, scroll the entry into view, focus it and mark it for a moment. */
function reveal(entryId: string): void {
  revealing = { id: entryId, at: Date.now() };
  focusEntry(entryId, true);
}

function focusEntry(entryId: string, scroll: boolean): void {
  const entry = document.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(entryId)}"]`);
  if (!entry) return;
  const details = entry.closest('section')?.querySelector('details');
  if (details && !details.open) details.open = true;
  if (scroll) entry.scrollIntoView({ block: 'center' });
  (entry.querySelector<HTMLElement>('.doc-title') ?? entry).focus({ preventScroll: !scroll });
  if (revealing?.id === entryId && Date.now() - revealing.at < 3000) {
    entry.classList.add('revealed');
    setTimeout(() => entry.classList.remove('revealed'), 2000);
  }
}

function button(label: string, command: string): HTMLElement {
  const b = el('vscode-button', { secondary: '' }, label);
  b.addEventListener('click', () => post({ type: 'sidebar/runCommand', command }));
  return b;
}

window.addEventListener('message', (event: MessageEvent<HostNotification>) => {
  const msg = event.data;
  if (msg?.type === 'sidebar/state') {
    // Kept across hide/show (no retainContextWhenHidden): the view paints at once next time.
    setViewState({ ...getViewState({}), last: msg.state });
    render(msg.state);
  } else if (msg?.type === 'sidebar/reveal') reveal(msg.entryId);
});

const saved = getViewState<{ last?: SidebarState }>({}).last;
if (saved) render(saved);
post({ type: 'sidebar/ready' });
