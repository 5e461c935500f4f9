import * as l10n from '@vscode/l10n';
import type { Audience, Schedule, SurveyDefinition, TriggerEventKind } from './definitions';
import { dateBoundMs } from './definitions';
import { drawFor, isSampledIn } from './sampling';
import { DAY_MS, inCurrentPeriod, periodLabel } from './schedule';
import type { SurveyHistory } from './state';
import { eventsSince, surveyState } from './state';
import { repoIdentity } from '../privacy/repoIdentity';

// Whether a survey may be shown right now: a pure function of the moment, the history,
// the settings and the definition, so every never-nag rule is testable with a fake
// clock. The rules follow VS Code's own NPS survey and its inline survey scheduler:
// ask only at a calm moment, rarely, never twice in a cooldown, and honour "never".

/** What is true right now. The host builds it from the session and the signals. */
export interface SurveyMoment {
  now: number;
  sessionStartedAt: number;
  debugging: boolean;
  inFailureStreak: boolean;
  userIsNewHire: boolean;
  /** The normalized remote URL (`github.com/acme/shop`); globs in `audience.repos` match it. */
  repoId?: string;
  /**
   * Other ids of the same repository an exact `audience.repos` entry may name: its
   * SHA-256 (the id events carry when names are not shared) and, with an organization's
   * salt, the salted id. See repoIdsFor.
   */
  repoHashes?: readonly string[];
  team?: string;
  /** The trigger event that just happened, if this check follows one. Record it first. */
  event?: TriggerEventKind;
}

/** The floor for the cooldown across all surveys; nothing can make prompts more frequent. */
export const DEFAULT_COOLDOWN_DAYS = 7;
export const DEFAULT_SESSION_GRACE_MINUTES = 5;
/** Unanswered prompts of one survey allowed per schedule period (or ever, for one-off event surveys). */
export const DEFAULT_MAX_PROMPTS_PER_PERIOD = 2;

export interface SurveySettings {
  /** The user's switch (dxPulse.surveys.enabled). False: no survey, ever. */
  enabled: boolean;
  /** The user's cooldown in days; it may lengthen the default, never shorten it. */
  userCooldownDays?: number;
  /** The platform's cooldown in days; likewise it may only lengthen. */
  platformCooldownDays?: number;
  sessionGraceMinutes?: number;
  maxPromptsPerPeriod?: number;
}

export type IneligibleReason =
  | 'surveysOff'
  | 'dismissedForever'
  | 'notStarted'
  | 'ended'
  | 'debugging'
  | 'sessionTooNew'
  | 'failureStreak'
  | 'cooldown'
  | 'remindLater'
  | 'alreadyAnswered'
  | 'promptLimit'
  | 'audience'
  | 'notSampled'
  | 'waitingForEvent'
  | 'eventCountNotReached';

export type Eligibility = { eligible: true } | { eligible: false; reason: IneligibleReason; detail: string };

function no(reason: IneligibleReason, detail: string): Eligibility {
  return { eligible: false, reason, detail };
}

function positiveOr(n: number | undefined, fallback: number): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

/** max(user, platform, floor): the platform can never ask more often than the user allows. */
export function effectiveCooldownDays(settings: SurveySettings): number {
  return Math.max(
    DEFAULT_COOLDOWN_DAYS,
    positiveOr(settings.userCooldownDays, 0),
    positiveOr(settings.platformCooldownDays, 0),
  );
}

/**
 * The schedule that bounds "answered once per period" and the prompt limit. One-off
 * event surveys have none: once answered, never again.
 */
function repeatSchedule(survey: SurveyDefinition): Schedule | undefined {
  return survey.trigger.kind === 'schedule' ? survey.trigger.schedule : survey.trigger.repeat;
}

/**
 * Checks run from the most permanent reason to the most fleeting, so the reason given
 * is the one that explains the longest wait.
 */
export function checkEligibility(
  moment: SurveyMoment,
  history: SurveyHistory,
  settings: SurveySettings,
  survey: SurveyDefinition,
): Eligibility {
  const { now } = moment;
  const state = surveyState(history, survey.id);

  if (!settings.enabled) return no('surveysOff', l10n.t('surveys are turned off in the settings'));
  if (state.dismissedForever) return no('dismissedForever', l10n.t("\"Don't ask again\" was chosen for '{0}'", survey.id));

  if (survey.startDate && !(now >= dateBoundMs(survey.startDate, 'start'))) {
    return no('notStarted', l10n.t("'{0}' starts on {1}", survey.id, survey.startDate));
  }
  if (survey.endDate && !(now <= dateBoundMs(survey.endDate, 'end'))) {
    return no('ended', l10n.t("'{0}' ended on {1}", survey.id, survey.endDate));
  }

  if (!audienceMatches(survey.audience, moment)) return no('audience', l10n.t("this user, repo or team is not in the audience of '{0}'", survey.id));
  if (!isSampledIn(drawFor(history, survey.id), survey.sampling)) {
    return no('notSampled', l10n.t("this install is not in the {0} % sample of '{1}'", Math.round(survey.sampling * 100), survey.id));
  }

  const schedule = repeatSchedule(survey);
  if (state.answeredAt !== undefined && (!schedule || inCurrentPeriod(schedule, now, state.answeredAt))) {
    return no('alreadyAnswered', schedule ? l10n.t("'{0}' was answered this {1}", survey.id, periodLabel(schedule)) : l10n.t("'{0}' was already answered", survey.id));
  }
  const maxPrompts = Math.floor(positiveOr(settings.maxPromptsPerPeriod, DEFAULT_MAX_PROMPTS_PER_PERIOD));
  const promptsInPeriod = schedule ? state.promptedAt.filter((t) => inCurrentPeriod(schedule, now, t)).length : state.promptedCount;
  if (promptsInPeriod >= maxPrompts) {
    return no('promptLimit', schedule ? l10n.t("'{0}' was shown {1} times this {2} without an answer", survey.id, promptsInPeriod, periodLabel(schedule)) : l10n.t("'{0}' was shown {1} times already without an answer", survey.id, promptsInPeriod));
  }

  if (state.remindAt !== undefined && now < state.remindAt) {
    return no('remindLater', l10n.t("\"Remind me later\" holds '{0}' until {1}", survey.id, new Date(state.remindAt).toISOString()));
  }
  const cooldownDays = effectiveCooldownDays(settings);
  if (history.lastPromptedAt !== undefined && now < history.lastPromptedAt + cooldownDays * DAY_MS) {
    return no('cooldown', l10n.t('a survey was shown less than {0} days ago', cooldownDays));
  }

  if (moment.debugging) return no('debugging', l10n.t('the user is debugging'));
  if (moment.inFailureStreak) return no('failureStreak', l10n.t('the user is in the middle of a failure streak'));
  // 0 is a real choice here (the developer's own), unlike a cooldown or a prompt limit.
  const grace = settings.sessionGraceMinutes;
  const graceMinutes = grace !== undefined && Number.isFinite(grace) && grace >= 0 ? grace : DEFAULT_SESSION_GRACE_MINUTES;
  if (now < moment.sessionStartedAt + graceMinutes * 60_000) {
    return no('sessionTooNew', l10n.t('the session started less than {0} minutes ago', graceMinutes));
  }

  if (survey.trigger.kind === 'event') {
    const { on, count } = survey.trigger;
    if (moment.event !== on) return no('waitingForEvent', l10n.t("'{0}' is asked right after '{1}'", survey.id, on));
    const seen = eventsSince(history, survey.id, on);
    if (seen < count) return no('eventCountNotReached', l10n.t("'{0}' waits for {1} '{2}' events, {3} so far", survey.id, count, on, seen));
  }
  return { eligible: true };
}

export interface SkippedSurvey {
  surveyId: string;
  reason: IneligibleReason;
  detail: string;
}

export interface SurveyPick {
  /** The one survey to show now, if any. */
  survey?: SurveyDefinition;
  /** Why each other survey was not picked (for the log and the diagnostics view). */
  skipped: SkippedSurvey[];
}

/**
 * Picks at most one survey. Among eligible ones: a survey whose event just happened
 * beats a scheduled one (the moment is the point), then the one shown least recently,
 * then the order of the definitions.
 */
export function pickSurvey(
  moment: SurveyMoment,
  history: SurveyHistory,
  settings: SurveySettings,
  surveys: readonly SurveyDefinition[],
): SurveyPick {
  const skipped: SkippedSurvey[] = [];
  const eligible: { survey: SurveyDefinition; index: number }[] = [];
  surveys.forEach((survey, index) => {
    const e = checkEligibility(moment, history, settings, survey);
    if (e.eligible) eligible.push({ survey, index });
    else skipped.push({ surveyId: survey.id, reason: e.reason, detail: e.detail });
  });
  const lastShown = (s: SurveyDefinition) => surveyState(history, s.id).promptedAt.at(-1) ?? -Infinity;
  eligible.sort(
    (a, b) =>
      Number(b.survey.trigger.kind === 'event') - Number(a.survey.trigger.kind === 'event') ||
      lastShown(a.survey) - lastShown(b.survey) ||
      a.index - b.index,
  );
  return { survey: eligible[0]?.survey, skipped };
}

// ------------------------------------------------------------------------------ audience

export function audienceMatches(audience: Audience, moment: SurveyMoment): boolean {
  if (audience.newHires && !moment.userIsNewHire) return false;
  if (audience.repos.length > 0) {
    const repo = moment.repoId;
    const hashes = (moment.repoHashes ?? []).map((h) => h.toLowerCase());
    const matches = (p: string) => (repo !== undefined && repoMatches(p, repo)) || hashes.includes(p.trim().toLowerCase());
    if (!audience.repos.some(matches)) return false;
  }
  if (audience.teams.length > 0) {
    const team = moment.team?.trim().toLowerCase();
    if (!team || !audience.teams.some((t) => t.trim().toLowerCase() === team)) return false;
  }
  return true;
}

/**
 * The ids `audience.repos` compares exactly, besides the normalized remote: the SHA-256
 * of the remote, and the salted id when an organization sets `dxPulse.privacy.repoIdSalt`.
 */
export function repoIdsFor(normalizedRemote: string, salt: string): string[] {
  const ids = [repoIdentity(normalizedRemote, false).id];
  if (salt) ids.push(repoIdentity(normalizedRemote, false, salt).id);
  return ids;
}

/**
 * A repo entry is an exact id or a glob: `*` and `?` stay within one path segment,
 * `**` spans segments. Case-insensitive, as hosts treat repository paths.
 */
export function repoMatches(pattern: string, repoId: string): boolean {
  const p = pattern.trim().toLowerCase();
  const id = repoId.trim().toLowerCase();
  if (p === id) return true;
  if (!/[*?]/.test(p)) return false;
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(id);
}

/**
 * A team as the platform names it: a Backstage owner reference (`group:default/payments`)
 * reduced to its name (`payments`); undefined when empty.
 */
export function teamName(ref: string | undefined): string | undefined {
  const t = ref?.trim().replace(/^group:/i, '').split('/').pop()?.trim();
  return t ? t : undefined;
}
