import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { Log } from '../core/common/log';
import { scopedLog } from '../core/common/log';
import { plainText } from '../core/common/plainText';
import type { SurveyResult, SurveySession } from '../core/surveys/surveySession';
import type { TestHooks } from './testHooks';

// DX Pulse: Take a Survey, Show Survey Status, Reset Survey Prompts.

/** Optional arguments of dxPulse.takeSurvey: a survey id, and a response instead of the UI. */
const TakeArgs = z.tuple([
  z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  z.optional(
    z.union([
      z.object({ answers: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.string())])) }),
      z.object({ action: z.enum(['remindLater', 'dontAskAgain']) }),
    ]),
  ),
]);

export function registerSurveyCommands(surveys: SurveySession, log: Log, hooks: TestHooks = { acceptCallerArguments: false }): vscode.Disposable[] {
  const l = scopedLog(log, 'surveys');
  return [
    vscode.commands.registerCommand('dxPulse.takeSurvey', async (...args: unknown[]): Promise<SurveyResult | undefined> => {
      const parsed = TakeArgs.safeParse(args.slice(0, 2));
      if (!parsed.success) {
        l.warn(`dxPulse.takeSurvey: ignored bad arguments: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return { outcome: 'invalid', detail: 'expected (surveyId?: string, response?: { answers } | { action })' }; // l10n-ignore: returned to a calling extension, not shown
      }
      const [id, response] = parsed.data;
      // A survey id only opens that survey for the developer to answer; answers from a
      // caller would be answers the developer never gave.
      if (response && !hooks.acceptCallerArguments) {
        l.warn('dxPulse.takeSurvey: refused answers passed by a caller; only the developer answers a survey');
        return { outcome: 'invalid', detail: 'answers can only come from the developer' }; // l10n-ignore: returned to a calling extension, not shown
      }
      const surveyId = id ?? (await pickSurvey(surveys));
      if (!surveyId) return undefined;
      const result = await surveys.take(surveyId, response);
      if (result.outcome === 'refused' && !response) explainRefusal(surveys, surveyId, result);
      return result;
    }),
    vscode.commands.registerCommand('dxPulse.showSurveyStatus', async () => {
      const status = await surveys.status();
      const last = status.lastDecision;
      const items: vscode.QuickPickItem[] = [
        {
          label: last ? plainText(vscode.l10n.t('Last check ({0}, {1}): {2}', last.trigger, new Date(last.at).toLocaleTimeString(), last.surveyId ? vscode.l10n.t("asked '{0}'", last.surveyId) : (last.blocked ?? vscode.l10n.t('no survey was due')))) : vscode.l10n.t('No check has run in this window yet'),
        },
        ...(status.blocked ? [{ label: vscode.l10n.t('$(circle-slash) {0}', plainText(status.blocked)) }] : []),
        ...status.surveys.map((s) => ({ label: plainText(s.title), description: plainText(s.id), detail: s.eligibility.eligible ? vscode.l10n.t('Would be asked at the next check') : vscode.l10n.t('Not now: {0}', plainText(s.eligibility.detail)) })),
      ];
      if (status.surveys.length === 0) items.push({ label: vscode.l10n.t('No surveys are configured (.dx/pulse.yaml `surveys:` or your platform)') });
      // Not awaited: the command returns the status to callers while the list is open.
      void vscode.window.showQuickPick(items, { title: vscode.l10n.t('DX Pulse: Survey Status'), placeHolder: vscode.l10n.t('Why a survey was or was not asked') });
      return status;
    }),
    vscode.commands.registerCommand('dxPulse.resetSurveyPrompts', async () => {
      const n = await surveys.resetPrompts();
      void vscode.window.showInformationMessage(
        n > 0 ? vscode.l10n.t('Surveys you turned away ({0}) may ask again, no more than once per cooldown.', n) : vscode.l10n.t('No survey was turned away: nothing to reset.'),
      );
      return n;
    }),
  ];
}

async function pickSurvey(surveys: SurveySession): Promise<string | undefined> {
  const all = await surveys.onDemand();
  // Surveys turned away with "Don't ask again" are listed too, so that picking one offers
  // *Ask Me Again* (docs/surveys.md, On demand).
  const open = all.filter((s) => s.listing !== undefined);
  if (open.length === 0) {
    const why = all.length === 0 ? vscode.l10n.t('No surveys are configured for this repository.') : vscode.l10n.t('No survey is open to you right now: {0}.', all.map((s) => !s.eligibility.eligible && s.eligibility.detail).filter(Boolean).join('; '));
    void vscode.window.showInformationMessage(plainText(why));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    open.map(({ survey, listing }) => ({
      label: plainText(survey.title),
      description: survey.questions.length === 1 ? (survey.anonymous ? vscode.l10n.t('1 question, anonymous') : vscode.l10n.t('1 question')) : survey.anonymous ? vscode.l10n.t('{0} questions, anonymous', survey.questions.length) : vscode.l10n.t('{0} questions', survey.questions.length),
      ...(listing === 'dismissed' ? { detail: vscode.l10n.t("You chose \"Don't ask again\": pick it to be asked again") } : {}),
      id: survey.id,
    })),
    { title: vscode.l10n.t('DX Pulse: Take a Survey'), placeHolder: vscode.l10n.t('Which survey would you like to answer?') },
  );
  return pick?.id;
}

function explainRefusal(surveys: SurveySession, surveyId: string, result: SurveyResult): void {
  const detail = result.detail ?? '';
  // By the reason's code, not the detail's words: those depend on the display language.
  const dismissed = result.reason === 'dismissedForever';
  const text = vscode.l10n.t("DX Pulse won't ask this survey: {0}.", plainText(detail));
  if (dismissed) {
    const again = vscode.l10n.t('Ask Me Again');
    void vscode.window.showInformationMessage(text, again).then(async (pick) => {
      if (pick !== again) return;
      await surveys.resetPrompts(surveyId);
      void vscode.commands.executeCommand('dxPulse.takeSurvey', surveyId);
    });
  } else if (result.reason === 'sharingOff') {
    const open = vscode.l10n.t('Open Settings');
    void vscode.window.showWarningMessage(text, open).then((pick) => pick === open && void vscode.commands.executeCommand('workbench.action.openSettings', 'dxPulse.telemetry.level'));
  } else {
    void vscode.window.showInformationMessage(text);
  }
}
