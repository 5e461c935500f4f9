import * as vscode from 'vscode';

/**
 * What the suites under test/vscode may steer, and nothing else can. A command can be run
 * by any other extension and by a `command:` link in any markdown the editor renders (a
 * checklist, a doc, a hover), with arguments of the link's choosing: a file to overwrite,
 * a token to sign in with, answers to submit. Outside the extension's Test mode no such
 * argument is ever honoured and every confirmation is a real modal; in Test mode the
 * suites may switch arguments off (to see exactly what any other caller gets) and answer
 * confirmations in place of a person.
 */
export interface TestHooks {
  acceptCallerArguments: boolean;
  /** Test mode only: answers a confirmation (returns the chosen button, or undefined to cancel). */
  answerConfirmation?: (message: string, detail: string) => string | undefined;
  /** Test mode only: the extension's global storage folder, for the suites to look at. */
  readonly storageDir?: string;
  /** Test mode only: forgets which days activity.day was sent, so a suite can see today's again. */
  forgetActivityDays?: () => Promise<void>;
}

/** A modal warning with one action; resolves to true only when the developer chose it. */
export async function confirmModal(hooks: TestHooks, message: string, detail: string, action: string): Promise<boolean> {
  const pick = hooks.answerConfirmation ? hooks.answerConfirmation(message, detail) : await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return pick === action;
}
