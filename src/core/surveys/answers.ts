import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import type { Question, SurveyDefinition } from './definitions';

// Checks an answer set against its survey and builds the `survey.answered` event data.
// Answers arrive from a quick pick or the sidebar webview, so nothing about them is
// trusted: types, ranges, choice ids, lengths and required questions are all checked.

export const SURVEY_ANSWERED_KIND = 'survey.answered';
export const SURVEY_ANSWERED_SCHEMA_VERSION = 1;

export const AnswerValue = z.union([z.number(), z.string(), z.array(z.string())]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** The `data` of a `survey.answered` event. */
export const SurveyAnsweredData = z.object({
  surveyId: z.string(),
  answers: z.array(z.object({ questionId: z.string(), value: AnswerValue })),
  anonymous: z.boolean(),
});
export type SurveyAnsweredData = z.infer<typeof SurveyAnsweredData>;

/** Raw answers: by question id, or as the list the event carries. */
export type RawAnswers = Readonly<Record<string, unknown>> | readonly { questionId: string; value: unknown }[];

export type AnswerValidation = { ok: true; data: SurveyAnsweredData } | { ok: false; problems: string[] };

/** "question 'q1'": how problems name a question; readableProblems turns it into its number. */
export function questionName(id: string): string {
  return l10n.t("question '{0}'", id);
}

function toMap(raw: RawAnswers): Map<string, unknown> | string {
  const m = new Map<string, unknown>();
  if (Array.isArray(raw)) {
    for (const a of raw as readonly unknown[]) {
      if (!a || typeof a !== 'object' || typeof (a as { questionId?: unknown }).questionId !== 'string') {
        return l10n.t('each answer must be {0}', '{ questionId, value }'); // l10n-ignore: the shape, in code
      }
      const { questionId, value } = a as { questionId: string; value: unknown };
      if (m.has(questionId)) return l10n.t('{0} is answered twice', questionName(questionId));
      m.set(questionId, value);
    }
    return m;
  }
  if (!raw || typeof raw !== 'object') return l10n.t('answers must be an object or a list');
  for (const [k, v] of Object.entries(raw)) m.set(k, v);
  return m;
}

/** Blank answers (undefined, null, '', whitespace, []) count as not answered. */
function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function checkValue(q: Question, v: unknown): { value: AnswerValue } | { problem: string } {
  const where = questionName(q.id);
  switch (q.type) {
    case 'nps':
    case 'scale':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < q.min || v > q.max) {
        return { problem: l10n.t('{0} needs a whole number from {1} to {2}, got {3}', where, q.min, q.max, describe(v)) };
      }
      return { value: v };
    case 'singleChoice':
      if (typeof v !== 'string' || !q.choices.some((c) => c.id === v)) {
        return { problem: l10n.t('{0} needs one of {1}, got {2}', where, q.choices.map((c) => `'${c.id}'`).join(', '), describe(v)) };
      }
      return { value: v };
    case 'multipleChoice': {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return { problem: l10n.t('{0} needs a list of choice ids, got {1}', where, describe(v)) };
      const unknown = v.filter((x) => !q.choices.some((c) => c.id === x));
      if (unknown.length) return { problem: l10n.t('{0}: unknown choice {1}', where, unknown.map((x) => `'${x}'`).join(', ')) };
      if (new Set(v).size !== v.length) return { problem: l10n.t('{0}: a choice is selected twice', where) };
      if (v.length > q.maxSelections) return { problem: l10n.t('{0}: at most {1} choices, got {2}', where, q.maxSelections, v.length) };
      // Definition order, so equal answers compare equal downstream.
      return { value: q.choices.map((c) => c.id).filter((id) => v.includes(id)) };
    }
    case 'freeText': {
      if (typeof v !== 'string') return { problem: l10n.t('{0} needs text, got {1}', where, describe(v)) };
      const text = v.trim();
      if (text.length > q.maxLength) return { problem: l10n.t('{0}: at most {1} characters, got {2}', where, q.maxLength, text.length) };
      return { value: text };
    }
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? l10n.t('a {0}-character text', v.length) : JSON.stringify(v);
  if (Array.isArray(v)) return l10n.t('a list');
  return v === null ? 'null' : typeof v === 'number' ? String(v) : typeof v;
}

/**
 * Validates answers against the survey. Answers come out in question order; optional
 * questions left blank are omitted. At least one question must be answered.
 */
export function validateAnswers(survey: SurveyDefinition, raw: RawAnswers): AnswerValidation {
  const map = toMap(raw);
  if (typeof map === 'string') return { ok: false, problems: [map] };
  const problems: string[] = [];
  const known = new Set(survey.questions.map((q) => q.id));
  for (const id of map.keys()) if (!known.has(id)) problems.push(l10n.t("'{0}' has no question '{1}'", survey.id, id));

  const answers: SurveyAnsweredData['answers'] = [];
  for (const q of survey.questions) {
    const v = map.get(q.id);
    if (isBlank(v)) {
      if (q.required) problems.push(l10n.t('{0} needs an answer', questionName(q.id)));
      continue;
    }
    const r = checkValue(q, v);
    if ('problem' in r) problems.push(r.problem);
    else answers.push({ questionId: q.id, value: r.value });
  }
  if (problems.length === 0 && answers.length === 0) problems.push(l10n.t('no question was answered'));
  return problems.length ? { ok: false, problems } : { ok: true, data: { surveyId: survey.id, answers, anonymous: survey.anonymous } };
}

/** Which identifying envelope fields a survey's answer event may carry. */
export interface EventIdentity {
  installId: boolean;
  sessionId: boolean;
}

/**
 * Anonymous surveys: the caller must leave installId and sessionId out of the envelope.
 * `identifyAllowed` is the privacy switch (`dxPulse.surveys.identifyAnswers`, off by
 * default): an attributed survey is sent attributed only when it is on as well.
 */
export function eventIdentityFor(survey: Pick<SurveyDefinition, 'anonymous'>, identifyAllowed = true): EventIdentity {
  const identified = !survey.anonymous && identifyAllowed;
  return { installId: identified, sessionId: identified };
}

/** Returns a copy of the envelope fields without the ids the survey may not carry. */
export function withEventIdentity<T extends { installId?: string; sessionId?: string }>(
  fields: T,
  survey: Pick<SurveyDefinition, 'anonymous'>,
  identifyAllowed = true,
): T {
  const allowed = eventIdentityFor(survey, identifyAllowed);
  const out = { ...fields };
  if (!allowed.installId) delete out.installId;
  if (!allowed.sessionId) delete out.sessionId;
  return out;
}
