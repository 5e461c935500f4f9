import * as l10n from '@vscode/l10n';
import type { SurveyQuestionView } from '../../protocol/sidebar';
import type { NpsQuestion, ScaleQuestion, SurveyDefinition } from './definitions';
import { dateBoundMs } from './definitions';
import type { Eligibility, SurveyMoment } from './eligibility';
import { audienceMatches } from './eligibility';
import { inCurrentPeriod, periodLabel } from './schedule';
import type { SurveyHistory } from './state';
import { surveyState } from './state';
import { questionName } from './answers';

// How a survey is put to the developer in the editor, decided without the editor: which
// surveys fit one notification, what the score pickers say, and which surveys the
// developer may answer on demand.

/**
 * 'quick': answered from a notification plus at most one quick pick and one input box.
 * A single question, or a scored question followed by an optional free-text "why"
 * (the NPS template's shape: the score is the point, the reason a bonus).
 * 'form': anything longer opens the small form in the sidebar.
 */
export function askStyle(survey: Pick<SurveyDefinition, 'questions'>): 'quick' | 'form' {
  const [first, second, ...rest] = survey.questions;
  if (!first || rest.length > 0) return 'form';
  if (!second) return 'quick';
  const scored = first.type === 'nps' || first.type === 'scale';
  return scored && second.type === 'freeText' && !second.required ? 'quick' : 'form';
}

export interface ScoreItem {
  readonly label: string;
  readonly value: number;
}

/** One entry per score, the ends carrying their words: "0 — Not at all likely" … "10 — Extremely likely". */
export function scoreItems(q: NpsQuestion | ScaleQuestion): ScoreItem[] {
  const items: ScoreItem[] = [];
  for (let v = q.min; v <= q.max; v++) {
    const words = v === q.min ? q.labels.low : v === q.max ? q.labels.high : undefined;
    items.push({ label: words ? `${v} — ${words}` : String(v), value: v });
  }
  return items;
}

/** The notification text for a survey: the question itself when it fits one prompt. */
export function promptText(survey: Pick<SurveyDefinition, 'title' | 'questions'>): string {
  const first = survey.questions[0];
  if (askStyle(survey) === 'form' || !first) {
    const n = survey.questions.length;
    return n === 1 ? l10n.t('{0}: 1 short question, about a minute. Your answers help your platform team.', survey.title) : l10n.t('{0}: {1} short questions, about a minute. Your answers help your platform team.', survey.title, n);
  }
  if (first.type === 'scale') return l10n.t('{0} (1 = {1}, 5 = {2})', first.text, first.labels.low, first.labels.high);
  return first.text;
}

/** Problems name questions by id; the developer knows them by their number. */
export function readableProblems(survey: Pick<SurveyDefinition, 'questions'>, problems: readonly string[]): string[] {
  return problems.map((p) => survey.questions.reduce((text, q, i) => text.split(questionName(q.id)).join(l10n.t('Question {0}', i + 1)), p));
}

/**
 * Whether the developer may answer a survey they asked for (DX Pulse: Take a Survey).
 * Asking for it lifts the rules about *when* to ask (cooldown, session grace, debugging,
 * remind-later, prompt limits, triggers, sampling); what still holds is whether the
 * survey runs at all for them, "Don't ask again", and one answer per period.
 */
export function onDemandEligibility(
  moment: Pick<SurveyMoment, 'now' | 'userIsNewHire' | 'repoId' | 'repoHashes' | 'team'>,
  history: SurveyHistory,
  enabled: boolean,
  survey: SurveyDefinition,
): Eligibility {
  const { now } = moment;
  if (!enabled) return { eligible: false, reason: 'surveysOff', detail: l10n.t('surveys are turned off in the settings') };
  const state = surveyState(history, survey.id);
  if (state.dismissedForever) return { eligible: false, reason: 'dismissedForever', detail: l10n.t("you chose \"Don't ask again\" for '{0}'", survey.title) };
  if (survey.startDate && !(now >= dateBoundMs(survey.startDate, 'start'))) return { eligible: false, reason: 'notStarted', detail: l10n.t("'{0}' starts on {1}", survey.title, survey.startDate) };
  if (survey.endDate && !(now <= dateBoundMs(survey.endDate, 'end'))) return { eligible: false, reason: 'ended', detail: l10n.t("'{0}' ended on {1}", survey.title, survey.endDate) };
  if (!audienceMatches(survey.audience, { ...moment, sessionStartedAt: 0, debugging: false, inFailureStreak: false })) {
    return { eligible: false, reason: 'audience', detail: l10n.t("'{0}' is for another team, repository or group", survey.title) };
  }
  const schedule = survey.trigger.kind === 'schedule' ? survey.trigger.schedule : survey.trigger.repeat;
  if (state.answeredAt !== undefined && (!schedule || inCurrentPeriod(schedule, now, state.answeredAt))) {
    return { eligible: false, reason: 'alreadyAnswered', detail: schedule ? l10n.t("you already answered '{0}' this {1}", survey.title, periodLabel(schedule)) : l10n.t("you already answered '{0}'", survey.title) };
  }
  return { eligible: true };
}

/**
 * How DX Pulse: Take a Survey lists a survey: `open` (asked at once), `dismissed` (the
 * developer chose "Don't ask again"; listed so that they can pick it and choose *Ask Me
 * Again*), or undefined (not listed: not for them, ended, or already answered).
 */
export function onDemandListing(
  moment: Pick<SurveyMoment, 'now' | 'userIsNewHire' | 'repoId' | 'repoHashes' | 'team'>,
  history: SurveyHistory,
  enabled: boolean,
  survey: SurveyDefinition,
): 'open' | 'dismissed' | undefined {
  const e = onDemandEligibility(moment, history, enabled, survey);
  if (e.eligible) return 'open';
  if (e.reason !== 'dismissedForever') return undefined;
  const state = surveyState(history, survey.id);
  const undismissed: SurveyHistory = { ...history, surveys: { ...history.surveys, [survey.id]: { ...state, dismissedForever: false } } };
  return onDemandEligibility(moment, undismissed, enabled, survey).eligible ? 'dismissed' : undefined;
}

/** A question as the sidebar form shows it. */
export function questionView(q: SurveyDefinition['questions'][number]): SurveyQuestionView {
  switch (q.type) {
    case 'nps':
    case 'scale':
      return { id: q.id, type: q.type, text: q.text, required: q.required, min: q.min, max: q.max, labels: q.labels };
    case 'singleChoice':
      return { id: q.id, type: q.type, text: q.text, required: q.required, choices: q.choices };
    case 'multipleChoice':
      return { id: q.id, type: q.type, text: q.text, required: q.required, choices: q.choices, maxSelections: q.maxSelections };
    case 'freeText':
      return { id: q.id, type: q.type, text: q.text, required: q.required, maxLength: q.maxLength, ...(q.placeholder ? { placeholder: q.placeholder } : {}) };
  }
}
