import * as vscode from 'vscode';
import { plainText } from '../core/common/plainText';
import type { FreeTextQuestion, Question, SurveyDefinition } from '../core/surveys/definitions';
import { promptText, scoreItems } from '../core/surveys/presentation';
import type { PromptChoice, RawAnswerMap, SurveyPrompter } from '../core/surveys/prompter';
import { SIDEBAR_VIEW_ID } from './sidebarView';

// The editor's side of asking: a non-modal notification, then quick picks and input
// boxes for a quick survey, or the sidebar form for a longer one. No state here: the
// survey controller decides and remembers.


export class NotificationSurveyPrompter implements SurveyPrompter {
  async prompt(survey: SurveyDefinition): Promise<PromptChoice> {
    // Scores go in a quick pick even for a 1-5 scale: five score buttons beside "Remind Me
    // Later" and "Don't Ask Again" do not fit a notification (VS Code truncates them all).
    const answer = vscode.l10n.t('Answer');
    const remindLater = vscode.l10n.t('Remind Me Later');
    const dontAsk = vscode.l10n.t("Don't Ask Again");
    const pick = await vscode.window.showInformationMessage(plainText(promptText(survey)), answer, remindLater, dontAsk);
    if (pick === undefined) return { kind: 'dismissed' };
    if (pick === remindLater) return { kind: 'remindLater' };
    if (pick === dontAsk) return { kind: 'dontAsk' };
    return { kind: 'answer' };
  }

  async collect(survey: SurveyDefinition, given: RawAnswerMap): Promise<RawAnswerMap | undefined> {
    const answers: RawAnswerMap = { ...given };
    for (const [i, q] of survey.questions.entries()) {
      if (answers[q.id] !== undefined) continue;
      const title = survey.questions.length > 1 ? vscode.l10n.t('{0} ({1}/{2})', plainText(survey.title), i + 1, survey.questions.length) : plainText(survey.title);
      const value = await askOne(q, title);
      if (value === undefined) {
        // Backing out of an optional follow-up still sends what was answered.
        if (!q.required && Object.keys(answers).length > 0) continue;
        return undefined;
      }
      answers[q.id] = value;
    }
    return answers;
  }

  async showForm(): Promise<void> {
    await vscode.commands.executeCommand(`${SIDEBAR_VIEW_ID}.focus`);
  }

  // Messages may quote a survey's title or a platform's reason: plain text only.
  info(message: string): void {
    void vscode.window.showInformationMessage(plainText(message));
  }

  warn(message: string, ...actions: { title: string; run: () => void }[]): void {
    void vscode.window.showWarningMessage(plainText(message), ...actions.map((a) => a.title)).then((t) => actions.find((a) => a.title === t)?.run());
  }
}

async function askOne(q: Question, title: string): Promise<number | string | string[] | undefined> {
  switch (q.type) {
    case 'nps':
    case 'scale': {
      const items = scoreItems(q).map((s) => ({ label: plainText(s.label), value: s.value }));
      const pick = await vscode.window.showQuickPick(items, { title, placeHolder: plainText(q.text), ignoreFocusOut: true });
      return pick?.value;
    }
    case 'singleChoice': {
      const pick = await vscode.window.showQuickPick(q.choices.map((c) => ({ label: plainText(c.label), id: c.id })), { title, placeHolder: plainText(q.text), ignoreFocusOut: true });
      return pick?.id;
    }
    case 'multipleChoice': {
      const picks = await vscode.window.showQuickPick(q.choices.map((c) => ({ label: plainText(c.label), id: c.id })), {
        title,
        placeHolder: vscode.l10n.t('{0} (up to {1}; Enter when done)', plainText(q.text), q.maxSelections),
        canPickMany: true,
        ignoreFocusOut: true,
      });
      return picks ? picks.map((p) => p.id) : undefined;
    }
    case 'freeText':
      return askText(q, title);
  }
}

async function askText(q: FreeTextQuestion, title: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: q.required ? plainText(q.text) : vscode.l10n.t('{0} (optional: Escape to skip)', plainText(q.text)),
    placeHolder: q.placeholder ? plainText(q.placeholder) : vscode.l10n.t('Please leave out secrets and names.'),
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().length > q.maxLength ? vscode.l10n.t('{0}/{1} characters: please shorten it.', v.trim().length, q.maxLength) : q.required && !v.trim() ? vscode.l10n.t('This question needs an answer.') : undefined),
  });
  return text?.trim() ? text.trim() : undefined;
}
