import type { SurveyDefinition } from './definitions';

// What the survey controller needs from the editor's UI, so host code never imports a
// view: src/views/surveyPrompt.ts implements it with notifications and quick picks, and
// tests script it.

export type PromptChoice =
  | { readonly kind: 'answer' }
  | { readonly kind: 'remindLater' }
  | { readonly kind: 'dontAsk' }
  | { readonly kind: 'dismissed' };

export type RawAnswerMap = Record<string, number | string | string[]>;

export interface SurveyPrompter {
  /** The notification. Resolves when the developer picks a button or closes it. */
  prompt(survey: SurveyDefinition): Promise<PromptChoice>;
  /** Asks a quick survey's questions one by one; undefined when the developer backs out. */
  collect(survey: SurveyDefinition, given: RawAnswerMap): Promise<RawAnswerMap | undefined>;
  /** Brings the sidebar (and its form) into view. */
  showForm(): Promise<void>;
  info(message: string): void;
  warn(message: string, ...actions: { title: string; run: () => void }[]): void;
}

