import type { PromptChoice, RawAnswerMap, SurveyPrompter } from '../../../src/core/surveys/prompter';
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

/** A scripted prompter: answers as told, and remembers what it was asked. */
export class ScriptedPrompter implements SurveyPrompter {
  readonly asked: string[] = [];
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  formsShown = 0;
  constructor(public choice: PromptChoice, public answers: RawAnswerMap | undefined = undefined) {}
  async prompt(s: { id: string }): Promise<PromptChoice> {
    this.asked.push(s.id);
    return this.choice;
  }
  async collect(): Promise<RawAnswerMap | undefined> {
    return this.answers;
  }
  async showForm(): Promise<void> {
    this.formsShown++;
  }
  info(m: string): void {
    this.infos.push(m);
  }
  warn(m: string): void {
    this.warnings.push(m);
  }
}
