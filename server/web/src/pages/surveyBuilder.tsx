// "Your own questions" on the Surveys page: one editor per question, for every question
// type of docs/surveys.md, writing the same JSON the server and the extension read.
import { parseSurveyEntries } from '../../../../src/core/surveys/templates';

export const QUESTION_TYPES = ['nps', 'scale', 'singleChoice', 'multipleChoice', 'freeText'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const TYPE_LABELS: Record<QuestionType, string> = {
  nps: 'NPS (0–10, would you recommend…)',
  scale: 'scale (1–5)',
  singleChoice: 'one choice',
  multipleChoice: 'several choices',
  freeText: 'free text',
};

export interface QuestionDraft {
  type: QuestionType;
  id: string;
  text: string;
  /** nps: what is being recommended. */
  subject: string;
  /** scale: the words at 1 and 5. */
  low: string;
  high: string;
  /** choice questions: one per line. */
  choices: string;
  required: boolean;
}

export const newQuestion = (n: number, type: QuestionType = 'scale'): QuestionDraft => ({
  type,
  id: `q${n}`,
  text: '',
  subject: 'the developer platform',
  low: 'Very hard',
  high: 'Very easy',
  choices: '',
  required: type !== 'freeText',
});

/** A draft in the docs/surveys.md question format (only the fields its type has). */
export function questionJson(q: QuestionDraft): Record<string, unknown> {
  const base = { id: q.id.trim(), type: q.type };
  // Free text is optional by default, everything else required: write only what differs.
  const required = q.required === (q.type === 'freeText') ? { required: q.required } : {};
  switch (q.type) {
    case 'nps':
      return { ...base, subject: q.subject.trim(), ...required };
    case 'scale':
      return { ...base, text: q.text.trim(), labels: { low: q.low.trim(), high: q.high.trim() }, ...required };
    case 'singleChoice':
    case 'multipleChoice':
      return { ...base, text: q.text.trim(), choices: q.choices.split('\n').map((c) => c.trim()).filter(Boolean), ...required };
    case 'freeText':
      return { ...base, text: q.text.trim(), ...required };
  }
}

/** What the extension would say about this survey: empty when it would show it. */
export function surveyProblems(survey: unknown): string[] {
  return parseSurveyEntries([survey]).problems;
}

export function QuestionBuilder({ questions, onChange }: { questions: QuestionDraft[]; onChange: (next: QuestionDraft[]) => void }) {
  const update = (i: number, patch: Partial<QuestionDraft>) => onChange(questions.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, by: number) => {
    const next = [...questions];
    const [q] = next.splice(i, 1);
    next.splice(i + by, 0, q!);
    onChange(next);
  };
  return (
    <div class="question-builder" data-testid="question-builder">
      {questions.map((q, i) => {
        const field = (k: 'id' | 'text' | 'subject' | 'low' | 'high') => (e: Event) => update(i, { [k]: (e.target as HTMLInputElement).value });
        return (
          <fieldset data-question={i}>
            <legend>Question {i + 1}</legend>
            <div class="form-grid">
              <label>
                Type{' '}
                <select name={`q${i}-type`} value={q.type} onChange={(e) => update(i, { type: (e.target as HTMLSelectElement).value as QuestionType })}>
                  {QUESTION_TYPES.map((t) => (
                    <option value={t}>{TYPE_LABELS[t]}</option>
                  ))}
                </select>
              </label>
              <label>
                Id <input name={`q${i}-id`} value={q.id} onInput={field('id')} pattern="[a-z0-9][a-z0-9._\-]{0,63}" required />
              </label>
              <label>
                <input type="checkbox" name={`q${i}-required`} checked={q.required} onChange={(e) => update(i, { required: (e.target as HTMLInputElement).checked })} /> required
              </label>
            </div>
            {q.type === 'nps' ? (
              <label class="block">
                How likely are you to recommend <input name={`q${i}-subject`} value={q.subject} onInput={field('subject')} maxLength={120} /> to a colleague?
              </label>
            ) : (
              <label class="block">
                Question <input name={`q${i}-text`} value={q.text} onInput={field('text')} maxLength={300} placeholder="What would you like to know?" />
              </label>
            )}
            {q.type === 'scale' && (
              <div class="form-grid">
                <label>
                  1 means <input name={`q${i}-low`} value={q.low} onInput={field('low')} maxLength={60} />
                </label>
                <label>
                  5 means <input name={`q${i}-high`} value={q.high} onInput={field('high')} maxLength={60} />
                </label>
              </div>
            )}
            {(q.type === 'singleChoice' || q.type === 'multipleChoice') && (
              <label class="block">
                Choices, one per line (2 to 12)
                <textarea name={`q${i}-choices`} rows={4} value={q.choices} onInput={(e) => update(i, { choices: (e.target as HTMLTextAreaElement).value })} />
              </label>
            )}
            <div class="row-actions">
              <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move question ${i + 1} up`}>
                ↑
              </button>
              <button type="button" onClick={() => move(i, 1)} disabled={i === questions.length - 1} aria-label={`Move question ${i + 1} down`}>
                ↓
              </button>
              <button type="button" onClick={() => onChange(questions.filter((_, j) => j !== i))} disabled={questions.length === 1} aria-label={`Remove question ${i + 1}`}>
                Remove
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...questions, newQuestion(questions.length + 1)])}>
        Add a question
      </button>
    </div>
  );
}
