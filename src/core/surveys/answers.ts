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

function toMap(raw: RawAnswers): Map<string, unknown> | string {
  const m = new Map<string, unknown>();
  if (Array.isArray(raw)) {
    for (const a of raw as readonly unknown[]) {
      if (!a || typeof a !== 'object' || typeof (a as { questionId?: unknown }).questionId !== 'string') {
        return 'each answer must be { questionId, value }';
      }
      const { questionId, value } = a as { questionId: string; value: unknown };
      if (m.has(questionId)) return `question '${questionId}' is answered twice`;
      m.set(questionId, value);
    }
    return m;
  }
  if (!raw || typeof raw !== 'object') return 'answers must be an object or a list';
  for (const [k, v] of Object.entries(raw)) m.set(k, v);
  return m;
}

/** Blank answers (undefined, null, '', whitespace, []) count as not answered. */
function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function checkValue(q: Question, v: unknown): { value: AnswerValue } | { problem: string } {
  const where = `question '${q.id}'`;
  switch (q.type) {
    case 'nps':
    case 'scale':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < q.min || v > q.max) {
        return { problem: `${where} needs a whole number from ${q.min} to ${q.max}, got ${describe(v)}` };
      }
      return { value: v };
    case 'singleChoice':
      if (typeof v !== 'string' || !q.choices.some((c) => c.id === v)) {
        return { problem: `${where} needs one of ${q.choices.map((c) => `'${c.id}'`).join(', ')}, got ${describe(v)}` };
      }
      return { value: v };
    case 'multipleChoice': {
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return { problem: `${where} needs a list of choice ids, got ${describe(v)}` };
      const unknown = v.filter((x) => !q.choices.some((c) => c.id === x));
      if (unknown.length) return { problem: `${where}: unknown choice ${unknown.map((x) => `'${x}'`).join(', ')}` };
      if (new Set(v).size !== v.length) return { problem: `${where}: a choice is selected twice` };
      if (v.length > q.maxSelections) return { problem: `${where}: at most ${q.maxSelections} choices, got ${v.length}` };
      // Definition order, so equal answers compare equal downstream.
      return { value: q.choices.map((c) => c.id).filter((id) => v.includes(id)) };
    }
    case 'freeText': {
      if (typeof v !== 'string') return { problem: `${where} needs text, got ${describe(v)}` };
      const text = v.trim();
      if (text.length > q.maxLength) return { problem: `${where}: at most ${q.maxLength} characters, got ${text.length}` };
      return { value: text };
    }
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `a ${v.length}-character text` : JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
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
  for (const id of map.keys()) if (!known.has(id)) problems.push(`'${survey.id}' has no question '${id}'`);

  const answers: SurveyAnsweredData['answers'] = [];
  for (const q of survey.questions) {
    const v = map.get(q.id);
    if (isBlank(v)) {
      if (q.required) problems.push(`question '${q.id}' needs an answer`);
      continue;
    }
    const r = checkValue(q, v);
    if ('problem' in r) problems.push(r.problem);
    else answers.push({ questionId: q.id, value: r.value });
  }
  if (problems.length === 0 && answers.length === 0) problems.push('no question was answered');
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
