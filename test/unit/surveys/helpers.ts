import type { SurveyDefinition, SurveyDefinitionInput } from '../../../src/core/surveys/definitions';
import { SurveyDefinition as Schema, parseWith } from '../../../src/core/surveys/definitions';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A fixed, mid-quarter Wednesday: 2025-05-14T12:00:00Z. */
export const T0 = Date.UTC(2025, 4, 14, 12, 0, 0);

/** Parses a definition, failing the test with zod's message if it is invalid. */
export function survey(partial: Partial<SurveyDefinitionInput> & { id?: string } = {}): SurveyDefinition {
  const r = parseWith(Schema, {
    id: 'pulse',
    title: 'Pulse',
    questions: [{ id: 'q', type: 'scale', text: 'How easy?', labels: { low: 'Hard', high: 'Easy' } }],
    trigger: 'quarterly',
    ...partial,
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
