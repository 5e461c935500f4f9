import * as l10n from '@vscode/l10n';
import type { SurveyQuestionView, SurveyView } from '../../src/protocol/sidebar';
import { el } from './dom';
import { getViewState, post, setViewState } from './vscodeApi';

// The longer-survey form. It re-renders when the survey's state changes (problems after
// a submit, say), so what the developer has entered so far lives in the view state (it
// also survives the view being hidden), and focus is put back where it was.

type Draft = Record<string, number | string | string[]>;
interface Saved {
  surveyDraft?: { surveyId: string; answers: Draft };
}

function draftFor(surveyId: string): Draft {
  const d = getViewState<Saved>({}).surveyDraft;
  return d && d.surveyId === surveyId ? { ...d.answers } : {};
}

function saveDraft(surveyId: string, answers: Draft): void {
  setViewState({ ...getViewState<Saved>({}), surveyDraft: { surveyId, answers } });
}

export function renderSurvey(view: SurveyView): HTMLElement | undefined {
  if (view.status === 'none') return undefined;
  if (view.status === 'thanks') {
    const close = el('vscode-button', { secondary: '' }, l10n.t('Close'));
    close.addEventListener('click', () => post({ type: 'survey/close', surveyId: view.surveyId }));
    return el(
      'section',
      { class: 'survey', 'aria-labelledby': 'survey-title', 'data-testid': 'survey-thanks' },
      el('h2', { id: 'survey-title' }, view.title),
      el('p', { role: 'status' }, view.queued ? l10n.t('Thank you: your answers are queued for your platform team.') : l10n.t('Thank you. Your answers were not sent: sharing is off.')),
      el('p', {}, close),
    );
  }

  const focusedId = document.activeElement instanceof HTMLElement && document.activeElement.closest('form.survey-form') ? document.activeElement.id : '';
  const draft = draftFor(view.surveyId);
  const form = el('form', { class: 'survey-form', 'aria-labelledby': 'survey-title', novalidate: '' });
  for (const [i, q] of view.questions.entries()) form.append(renderQuestion(view.surveyId, q, i, draft));
  if (view.problems.length) {
    form.append(el('div', { class: 'survey-problems', role: 'alert', 'data-testid': 'survey-problems' }, el('p', {}, l10n.t('Please check your answers:')), el('ul', {}, ...view.problems.map((p) => el('li', {}, p)))));
  }
  const submit = el('button', { type: 'submit', class: 'primary' }, l10n.t('Submit'));
  const later = el('button', { type: 'button', class: 'secondary' }, l10n.t('Remind me later'));
  const never = el('button', { type: 'button', class: 'secondary' }, l10n.t("Don't ask again"));
  later.addEventListener('click', () => post({ type: 'survey/remindLater', surveyId: view.surveyId }));
  never.addEventListener('click', () => post({ type: 'survey/dontAsk', surveyId: view.surveyId }));
  form.append(el('div', { class: 'survey-actions' }, submit, later, never));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    post({ type: 'survey/submit', surveyId: view.surveyId, answers: draftFor(view.surveyId) });
  });

  if (focusedId) {
    queueMicrotask(() => {
      const target = document.getElementById(focusedId);
      target?.focus();
      if (target instanceof HTMLTextAreaElement) target.setSelectionRange(target.value.length, target.value.length);
    });
  }
  return el(
    'section',
    { class: 'survey', 'aria-labelledby': 'survey-title', 'data-testid': 'survey-form' },
    el('h2', { id: 'survey-title' }, view.title),
    el('p', { class: 'muted' }, view.anonymous ? l10n.t('Anonymous: your answers carry no install or session id.') : l10n.t('Your answers may be linked to this install.')),
    form,
  );
}

function renderQuestion(surveyId: string, q: SurveyQuestionView, index: number, draft: Draft): HTMLElement {
  const id = (suffix: string) => `sq-${q.id}-${suffix}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const set = (v: number | string | string[] | undefined) => {
    const d = draftFor(surveyId);
    if (v === undefined || (Array.isArray(v) && v.length === 0) || v === '') delete d[q.id];
    else d[q.id] = v;
    saveDraft(surveyId, d);
  };
  const legend = el('legend', {}, l10n.t('{0}. {1}', index + 1, q.text), q.required ? el('span', { class: 'muted' }, l10n.t(' (required)')) : el('span', { class: 'muted' }, l10n.t(' (optional)')));
  const fieldset = el('fieldset', { class: `question q-${q.type}`, 'data-question': q.id }, legend);
  const value = draft[q.id];

  switch (q.type) {
    case 'nps':
    case 'scale': {
      const row = el('div', { class: 'scores', role: 'radiogroup', 'aria-label': l10n.t('{0} {1} means {2}, {3} means {4}', q.text, q.min, q.labels.low, q.max, q.labels.high) });
      for (let v = q.min; v <= q.max; v++) {
        const input = el('input', { type: 'radio', name: id('score'), id: id(String(v)), value: String(v) });
        if (value === v) input.checked = true;
        if (q.required) input.required = true;
        input.addEventListener('change', () => set(v));
        row.append(el('label', { class: 'score', for: id(String(v)) }, input, el('span', {}, String(v))));
      }
      fieldset.append(row, el('div', { class: 'score-ends muted', 'aria-hidden': 'true' }, el('span', {}, l10n.t('{0} — {1}', q.min, q.labels.low)), el('span', {}, l10n.t('{0} — {1}', q.max, q.labels.high))));
      break;
    }
    case 'singleChoice':
    case 'multipleChoice': {
      const many = q.type === 'multipleChoice';
      const chosen = new Set(Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
      for (const c of q.choices) {
        const input = el('input', { type: many ? 'checkbox' : 'radio', name: id('choice'), id: id(c.id), value: c.id });
        input.checked = chosen.has(c.id);
        input.addEventListener('change', () => {
          if (!many) return set(c.id);
          const boxes = Array.from(fieldset.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
          set(boxes.filter((b) => b.checked).map((b) => b.value));
        });
        fieldset.append(el('div', { class: 'choice' }, input, el('label', { for: id(c.id) }, c.label)));
      }
      if (many && q.maxSelections < q.choices.length) fieldset.append(el('p', { class: 'muted' }, l10n.t('Choose up to {0}.', q.maxSelections)));
      break;
    }
    case 'freeText': {
      const counter = el('span', { class: 'muted counter', id: id('count'), 'aria-live': 'polite' });
      const area = el('textarea', { id: id('text'), rows: '3', maxlength: String(q.maxLength), 'aria-describedby': id('count'), 'aria-label': q.text, placeholder: q.placeholder ?? l10n.t('Please leave out secrets and names.') });
      area.value = typeof value === 'string' ? value : '';
      const count = () => (counter.textContent = `${area.value.length}/${q.maxLength}`);
      count();
      area.addEventListener('input', () => {
        count();
        set(area.value);
      });
      fieldset.append(area, counter);
      break;
    }
  }
  return fieldset;
}
