// A survey's results question by question, from its answers: NPS (with the seed's bands),
// 1-5 scales, choices and free text, each hidden below the minimum group. Free text is
// shown without any identity, newest first. Pure.
import { scaleSummary } from '../../../../src/core/surveys/nps';
import { parseWith, SurveyEntry, type Question, type SurveyDefinition } from '../../../../src/core/surveys/definitions';
import { resolveSurveyEntries } from '../../../../src/core/surveys/templates';
import { npsBand, npsOf, type NpsNumbers } from './nps';
import { hidden, type Hidden } from './suppression';

/** Stored definitions (full or template references) as definitions; invalid ones skipped. */
export function surveyDefinitions(stored: readonly unknown[]): SurveyDefinition[] {
  const entries = stored.flatMap((s) => {
    const r = parseWith(SurveyEntry, s);
    return r.ok ? [r.value] : [];
  });
  return resolveSurveyEntries(entries).surveys;
}

export interface Answered {
  readonly time: string;
  readonly answers: readonly { questionId: string; value: unknown }[];
}

export type QuestionResult =
  | { id: string; type: 'nps'; text: string; result: (NpsNumbers & { band: string }) | Hidden }
  | { id: string; type: 'scale'; text: string; result: { n: number; mean: number; median: number; distribution: number[] } | Hidden }
  | { id: string; type: 'singleChoice' | 'multipleChoice'; text: string; result: { n: number; choices: { id: string; label: string; count: number }[] } | Hidden }
  | { id: string; type: 'freeText'; text: string; result: { n: number; answers: { time: string; text: string }[] } | Hidden };

export function questionText(q: Question): string {
  return q.text;
}

export function surveyResults(def: SurveyDefinition, answered: readonly Answered[], minGroup: number): { respondents: number; questions: QuestionResult[] } {
  const valuesOf = (id: string) => answered.flatMap((a) => a.answers.filter((x) => x.questionId === id).map((x) => ({ time: a.time, value: x.value })));
  const questions = def.questions.map((q): QuestionResult => {
    const vals = valuesOf(q.id);
    const text = questionText(q);
    switch (q.type) {
      case 'nps': {
        const r = npsOf(vals.map((v) => v.value as number), minGroup);
        return { id: q.id, type: 'nps', text, result: 'nps' in r ? { ...r, band: npsBand(r.nps) } : r };
      }
      case 'scale': {
        const r = scaleSummary(vals.map((v) => v.value), { minGroupSize: minGroup });
        return { id: q.id, type: 'scale', text, result: r.suppressed ? hidden(minGroup, 'respondents') : { n: r.respondents, mean: r.mean, median: r.median, distribution: r.distribution } };
      }
      case 'singleChoice':
      case 'multipleChoice': {
        const picked = vals.map((v) => (Array.isArray(v.value) ? v.value : [v.value]).map(String));
        if (picked.length < minGroup) return { id: q.id, type: q.type, text, result: hidden(minGroup, 'respondents') };
        const choices = q.choices.map((c) => ({ id: c.id, label: c.label, count: picked.filter((p) => p.includes(c.id)).length }));
        return { id: q.id, type: q.type, text, result: { n: picked.length, choices } };
      }
      case 'freeText': {
        const texts = vals.filter((v) => typeof v.value === 'string' && v.value.trim() !== '').map((v) => ({ time: v.time, text: v.value as string }));
        if (answered.length < minGroup) return { id: q.id, type: 'freeText', text, result: hidden(minGroup, 'respondents') };
        return { id: q.id, type: 'freeText', text, result: { n: texts.length, answers: texts.sort((a, b) => b.time.localeCompare(a.time)) } };
      }
    }
  });
  return { respondents: answered.length, questions };
}

/** Calendar quarter of an ISO time, e.g. 2026-Q1. */
export const quarterOf = (iso: string) => `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
