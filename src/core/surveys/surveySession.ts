import * as l10n from '@vscode/l10n';
import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import type { EventEnvelope } from '../events/envelope';
import type { EventData } from '../events/kinds';
import type { SurveyView } from '../../protocol/sidebar';
import { validateAnswers, eventIdentityFor } from './answers';
import type { SurveyDefinition, SurveyEntry, TriggerEventKind } from './definitions';
import { checkEligibility, pickSurvey, type Eligibility, type IneligibleReason, type SkippedSurvey, type SurveyMoment, type SurveySettings } from './eligibility';
import { askStyle, onDemandEligibility, onDemandListing, questionView, readableProblems } from './presentation';
import type { PromptChoice, RawAnswerMap, SurveyPrompter } from './prompter';
import { ensureSampleDraws } from './sampling';
import { parseSurveyHistory, recordAnswered, recordDontAskAgain, recordPrompted, recordRemindLater, recordTriggerEvent, type SurveyHistory } from './state';
import { resolveSurveyEntries } from './templates';

// When to ask which survey, and every answer, "Remind me later" and "Don't ask again",
// over small interfaces: the shared history store (re-read before each decision so
// windows agree), the moment the host observes, the prompter and the event recorder.
// The rules themselves are pure functions beside this file; src/host/surveyController.ts
// forwards the editor's triggers and supplies the moment.

export interface SurveyPrefs {
  /** dxPulse.surveys.enabled */
  readonly enabled: boolean;
  /** dxPulse.surveys.cooldownDays */
  readonly cooldownDays: number;
  /** dxPulse.surveys.sessionGraceMinutes: no automatic prompt this early in a session. */
  readonly sessionGraceMinutes?: number;
}

/** The survey history every window shares (VS Code's globalState in the host). */
export interface HistoryStore {
  get(): unknown;
  update(value: SurveyHistory): Promise<void>;
}

/** What the host observes about this moment: everything SurveyMoment has but the time and the event. */
export type ObservedMoment = Omit<SurveyMoment, 'now' | 'sessionStartedAt' | 'event'>;

export interface SurveySessionOptions {
  readonly store: HistoryStore;
  readonly prompter: SurveyPrompter;
  /** The developer's survey settings, read at each decision. */
  readonly prefs: () => SurveyPrefs;
  /** dxPulse.surveys.identifyAnswers: whether attributed surveys may carry the install id. */
  readonly identifyAnswers: () => boolean;
  /** features.surveys for this repository. */
  readonly featureOn: () => boolean;
  /** Whether a survey answer may be recorded now (the sharing gate). */
  readonly mayRecordAnswers: () => boolean;
  /** Records survey.answered; undefined when sharing does not allow it. */
  readonly record: (data: EventData<'survey.answered'>) => EventEnvelope | undefined;
  /** Records survey.shown and survey.dismissed (response rate and prompt fatigue); absent: not recorded. */
  readonly recordPrompt?: <K extends 'survey.shown' | 'survey.dismissed'>(kind: K, data: EventData<K>) => EventEnvelope | undefined;
  /** The team owning the open repository, carried by anonymous answers only (NPS per team). */
  readonly team?: () => Promise<string | undefined>;
  readonly observe: () => Promise<ObservedMoment>;
  readonly log: Log;
  readonly clock: Clock;
  /** When this window's session began (activation). */
  readonly sessionStartedAt: number;
}

export type DecisionTrigger = TriggerEventKind | 'schedule';

/** What an automatic check decided, for the log and DX Pulse: Show Survey Status. */
export interface SurveyDecision {
  readonly at: number;
  readonly trigger: DecisionTrigger;
  /** The survey shown, if one was. */
  readonly surveyId?: string;
  /** Why nothing was shown, when the reason was not per survey. */
  readonly blocked?: string;
  readonly skipped: readonly SkippedSurvey[];
}

export type SurveyOutcome = 'answered' | 'remindLater' | 'dontAskAgain' | 'dismissed' | 'formOpened' | 'refused' | 'invalid';
export interface SurveyResult {
  readonly outcome: SurveyOutcome;
  readonly surveyId?: string;
  /** Why it was refused or invalid, for a person (translated). */
  readonly detail?: string;
  /** Why it was refused, for code: the detail's wording depends on the display language. */
  readonly reason?: RefusalReason;
}

export type RefusalReason = IneligibleReason | 'unknownSurvey' | 'featureOff' | 'sharingOff' | 'promptOpen' | 'closed';

/** A scripted response instead of the UI (other extensions, keybindings, tests). */
export type SurveyResponse = { readonly answers: RawAnswerMap } | { readonly action: 'remindLater' | 'dontAskAgain' };

export class SurveySession {
  private readonly _onDidChange = new Emitter<void>();
  /** The sidebar form changed. */
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidDecide = new Emitter<SurveyDecision>();
  readonly onDidDecide = this._onDidDecide.event;

  private readonly _log: Log;
  private readonly _clock: Clock;
  private readonly _sessionStartedAt: number;
  private _surveys: SurveyDefinition[] = [];
  private _queue: Promise<unknown> = Promise.resolve();
  private _asking = false;
  private _form: { survey: SurveyDefinition; problems: string[] } | undefined;
  private _thanks: { survey: SurveyDefinition; queued: boolean } | undefined;
  private _lastDecision: SurveyDecision | undefined;

  constructor(private readonly o: SurveySessionOptions) {
    this._log = o.log;
    this._clock = o.clock;
    this._sessionStartedAt = o.sessionStartedAt;
  }

  /** The surveys configured for this repository (the merged config's `surveys`). */
  setSurveys(entries: readonly SurveyEntry[]): void {
    const { surveys, problems } = resolveSurveyEntries(entries);
    for (const p of problems) this._log.warn(`survey skipped: ${p}`);
    this._surveys = surveys;
    if (this._form && !surveys.some((s) => s.id === this._form!.survey.id)) {
      this._form = undefined;
      this._onDidChange.fire();
    }
  }

  dispose(): void {
    this._onDidChange.dispose();
    this._onDidDecide.dispose();
  }

  /** For the onboarding feature: the checklist was completed. */
  onboardingCompleted(): void {
    this.trigger('onboardingCompleted');
  }

  /** For the docs feature: a changelog entry was read. */
  changelogRead(): void {
    this.trigger('changelogRead');
  }

  get lastDecision(): SurveyDecision | undefined {
    return this._lastDecision;
  }

  get surveys(): readonly SurveyDefinition[] {
    return this._surveys;
  }

  /** A trigger event happened, or a scheduled check is due: maybe ask. Never throws. */
  trigger(trigger: DecisionTrigger): void {
    void this.check(trigger).catch((e: unknown) => this._log.error(`survey check after ${trigger} failed: ${errorMessage(e)}`));
  }

  /** Records the event, decides, and asks when a survey is due. Resolves with the decision. */
  async check(trigger: DecisionTrigger): Promise<SurveyDecision> {
    const moment = await this._moment(trigger === 'schedule' ? undefined : trigger);
    const decision = await this._mutate((h0) => {
      let h = trigger === 'schedule' ? h0 : recordTriggerEvent(h0, trigger);
      h = ensureSampleDraws(h, this._surveys.map((s) => s.id));
      const blocked = this._asking ? l10n.t('another survey prompt is open') : this._blocked()?.detail;
      if (blocked) return { history: h, value: { at: moment.now, trigger, blocked, skipped: [] } as SurveyDecision };
      const pick = pickSurvey(moment, h, this._settings(), this._surveys);
      if (pick.survey) h = recordPrompted(h, pick.survey.id, moment.now);
      return { history: h, value: { at: moment.now, trigger, surveyId: pick.survey?.id, skipped: pick.skipped } as SurveyDecision };
    });
    this._lastDecision = decision;
    this._onDidDecide.fire(decision);
    if (decision.surveyId) {
      this._log.info(`after ${trigger}: asking '${decision.surveyId}'`);
      const survey = this._surveys.find((s) => s.id === decision.surveyId)!;
      void this._ask(survey, false).catch((e: unknown) => this._log.error(`asking '${survey.id}' failed: ${errorMessage(e)}`));
    } else {
      const why = decision.blocked ?? (decision.skipped.map((s) => `${s.surveyId}: ${s.detail}`).join('; ') || 'no surveys are configured'); // l10n-ignore: a log line
      this._log.debug(`after ${trigger}: no survey (${why})`);
    }
    return decision;
  }

  /** Surveys the developer may answer now on request, and why the others can't be. */
  async onDemand(): Promise<{ survey: SurveyDefinition; eligibility: Eligibility; listing: 'open' | 'dismissed' | undefined }[]> {
    const moment = await this._moment(undefined);
    const history = this._read();
    const enabled = this.o.prefs().enabled && this.o.featureOn();
    return this._surveys.map((survey) => ({ survey, eligibility: onDemandEligibility(moment, history, enabled, survey), listing: onDemandListing(moment, history, enabled, survey) }));
  }

  /** Why each survey would or would not be asked automatically right now. */
  async status(): Promise<{ lastDecision?: SurveyDecision; blocked?: string; surveys: { id: string; title: string; eligibility: Eligibility }[] }> {
    const moment = await this._moment(undefined);
    const history = this._read();
    const settings = this._settings();
    return {
      lastDecision: this._lastDecision,
      blocked: this._blocked()?.detail,
      surveys: this._surveys.map((s) => ({ id: s.id, title: s.title, eligibility: checkEligibility(moment, history, settings, s) })),
    };
  }

  /**
   * DX Pulse: Take a Survey. The developer asked, so the timing rules are lifted (see
   * onDemandEligibility); sharing, "Don't ask again" and one answer per period still hold.
   */
  async take(surveyId: string, response?: SurveyResponse): Promise<SurveyResult> {
    const survey = this._surveys.find((s) => s.id === surveyId);
    if (!survey) return { outcome: 'refused', surveyId, reason: 'unknownSurvey', detail: l10n.t("no survey '{0}' is configured for this repository", surveyId) };
    const blocked = this._blocked();
    if (blocked) return { outcome: 'refused', surveyId, ...blocked };
    const moment = await this._moment(undefined);
    const e = onDemandEligibility(moment, this._read(), this.o.prefs().enabled, survey);
    if (!e.eligible) return { outcome: 'refused', surveyId, reason: e.reason, detail: e.detail };
    if (response) {
      this._shown(survey, true);
      if ('answers' in response) return this._submit(survey, response.answers);
      await this._mutate((h) => ({ history: response.action === 'remindLater' ? recordRemindLater(h, survey.id, this._clock.now()) : recordDontAskAgain(h, survey.id, this._clock.now()), value: undefined }));
      this._dismissed(survey, response.action === 'remindLater' ? 'remindLater' : 'never');
      return { outcome: response.action, surveyId };
    }
    if (this._asking) return { outcome: 'refused', surveyId, reason: 'promptOpen', detail: l10n.t('another survey prompt is open') };
    await this._mutate((h) => ({ history: recordPrompted(h, survey.id, this._clock.now()), value: undefined }));
    // The developer asked for it: straight to the questions, not a notification asking again (#14 item 14).
    return this._ask(survey, true);
  }

  /** Lets the surveys the developer turned away (all, or one) ask again; cooldowns still apply. */
  async resetPrompts(onlyId?: string): Promise<number> {
    return this._mutate((h) => {
      let n = 0;
      const surveys = Object.fromEntries(
        Object.entries(h.surveys).map(([id, s]) => {
          if (onlyId !== undefined && id !== onlyId) return [id, s];
          if (s.dismissedForever || s.remindAt !== undefined) n++;
          return [id, { ...s, dismissedForever: false, remindAt: undefined }];
        }),
      );
      return { history: { ...h, surveys }, value: n };
    });
  }

  // ---------------------------------------------------------------------- the sidebar form

  view(): SurveyView {
    if (this._form) {
      const { survey, problems } = this._form;
      return { status: 'form', surveyId: survey.id, title: survey.title, anonymous: survey.anonymous, questions: survey.questions.map(questionView), problems };
    }
    if (this._thanks) return { status: 'thanks', surveyId: this._thanks.survey.id, title: this._thanks.survey.title, queued: this._thanks.queued };
    return { status: 'none' };
  }

  async submitForm(surveyId: string, answers: RawAnswerMap): Promise<SurveyResult> {
    const survey = this._form?.survey;
    if (!survey || survey.id !== surveyId) return { outcome: 'refused', surveyId, reason: 'closed', detail: l10n.t('this survey is no longer open') };
    return this._submit(survey, answers);
  }

  async formChoice(surveyId: string, choice: 'remindLater' | 'dontAskAgain' | 'close'): Promise<void> {
    const open = this._form?.survey.id === surveyId || this._thanks?.survey.id === surveyId;
    if (!open) return;
    // Closing the thanks is no dismissal: the survey was answered.
    if (this._form?.survey.id === surveyId) this._dismissed(this._form.survey, choice === 'remindLater' ? 'remindLater' : choice === 'dontAskAgain' ? 'never' : 'closed');
    if (choice !== 'close') {
      await this._mutate((h) => ({ history: choice === 'remindLater' ? recordRemindLater(h, surveyId, this._clock.now()) : recordDontAskAgain(h, surveyId, this._clock.now()), value: undefined }));
      this._log.info(`'${surveyId}': ${choice} (from the form)`);
    }
    this._form = undefined;
    this._thanks = undefined;
    this._onDidChange.fire();
  }

  // ---------------------------------------------------------------------------- internals

  private async _ask(survey: SurveyDefinition, requested = false): Promise<SurveyResult> {
    this._asking = true;
    try {
      this._shown(survey, requested);
      const choice: PromptChoice = requested ? { kind: 'answer' } : await this.o.prompter.prompt(survey);
      if (!requested) this._log.info(`'${survey.id}': ${choice.kind}`);
      const now = this._clock.now();
      switch (choice.kind) {
        case 'dismissed':
          this._dismissed(survey, 'closed');
          return { outcome: 'dismissed', surveyId: survey.id };
        case 'remindLater':
          await this._mutate((h) => ({ history: recordRemindLater(h, survey.id, now), value: undefined }));
          this._dismissed(survey, 'remindLater');
          return { outcome: 'remindLater', surveyId: survey.id };
        case 'dontAsk':
          await this._mutate((h) => ({ history: recordDontAskAgain(h, survey.id, now), value: undefined }));
          this._dismissed(survey, 'never');
          return { outcome: 'dontAskAgain', surveyId: survey.id };
        case 'answer':
          if (askStyle(survey) === 'form') {
            this._form = { survey, problems: [] };
            this._thanks = undefined;
            this._onDidChange.fire();
            await this.o.prompter.showForm();
            return { outcome: 'formOpened', surveyId: survey.id };
          }
          break;
      }
      const answers = await this.o.prompter.collect(survey, {});
      if (!answers) {
        this._dismissed(survey, 'closed');
        return { outcome: 'dismissed', surveyId: survey.id };
      }
      return await this._submit(survey, answers);
    } finally {
      this._asking = false;
    }
  }

  private async _submit(survey: SurveyDefinition, raw: RawAnswerMap): Promise<SurveyResult> {
    const v = validateAnswers(survey, raw);
    if (!v.ok) {
      this._log.warn(`answers to '${survey.id}' refused: ${v.problems.join('; ')}`);
      if (this._form?.survey.id === survey.id) {
        this._form = { survey, problems: readableProblems(survey, v.problems) };
        this._onDidChange.fire();
      } else {
        this.o.prompter.warn(l10n.t('Your answer to "{0}" could not be used: {1}.', survey.title, v.problems.join('; ')));
      }
      return { outcome: 'invalid', surveyId: survey.id, detail: v.problems.join('; ') };
    }
    // Anonymous unless the survey is attributed and the privacy switch allows it.
    const anonymous = this._anonymous(survey);
    // The team goes only with anonymous answers: an attributed one carries the repository.
    const team = anonymous ? await this._team() : undefined;
    const event = this.o.record({ ...v.data, anonymous, ...(team ? { team } : {}) });
    await this._mutate((h) => ({ history: recordAnswered(h, survey.id, this._clock.now()), value: undefined }));
    const wasForm = this._form?.survey.id === survey.id;
    this._form = undefined;
    if (wasForm) {
      this._thanks = { survey, queued: !!event };
      this._onDidChange.fire();
    }
    if (event) {
      if (!wasForm) this.o.prompter.info(l10n.t('Thanks! Your answer to "{0}" is queued for your platform team.', survey.title));
    } else {
      this.o.prompter.warn(l10n.t('Your answer to "{0}" was not sent: sharing is off (VS Code telemetry, or dxPulse.telemetry.level is not "all").', survey.title));
    }
    return { outcome: 'answered', surveyId: survey.id };
  }

  private _anonymous(survey: SurveyDefinition): boolean {
    return !eventIdentityFor(survey, this.o.identifyAnswers()).installId;
  }

  private _shown(survey: SurveyDefinition, onRequest: boolean): void {
    this.o.recordPrompt?.('survey.shown', { surveyId: survey.id, anonymous: this._anonymous(survey), onRequest });
  }

  private _dismissed(survey: SurveyDefinition, choice: 'remindLater' | 'never' | 'closed'): void {
    this.o.recordPrompt?.('survey.dismissed', { surveyId: survey.id, anonymous: this._anonymous(survey), choice });
  }

  private async _team(): Promise<string | undefined> {
    try {
      const t = (await this.o.team?.())?.trim();
      return t ? t.slice(0, 200) : undefined;
    } catch (e) {
      this._log.warn(`the team for an anonymous answer is unknown: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /** A reason no survey may be asked at all, or undefined. */
  private _blocked(): { reason: RefusalReason; detail: string } | undefined {
    if (!this.o.prefs().enabled) return { reason: 'surveysOff', detail: l10n.t('surveys are turned off (dxPulse.surveys.enabled)') };
    if (!this.o.featureOn()) return { reason: 'featureOff', detail: l10n.t('surveys are turned off for this repository (features.surveys)') };
    // Asking for answers that can't be sent would waste the developer's time.
    if (!this.o.mayRecordAnswers()) return { reason: 'sharingOff', detail: l10n.t('survey answers cannot be sent: sharing is off (VS Code telemetry, or dxPulse.telemetry.level is not "all")') };
    return undefined;
  }

  private _settings(): SurveySettings {
    const p = this.o.prefs();
    return { enabled: p.enabled, userCooldownDays: p.cooldownDays, sessionGraceMinutes: p.sessionGraceMinutes };
  }

  private async _moment(event: TriggerEventKind | undefined): Promise<SurveyMoment> {
    return { ...(await this.o.observe()), now: this._clock.now(), sessionStartedAt: this._sessionStartedAt, event };
  }

  /** Always the latest stored history: another window may have written it. */
  private _read(): SurveyHistory {
    const { history, problem } = parseSurveyHistory(this.o.store.get(), this._clock.now());
    if (problem) this._log.warn(problem);
    return history;
  }

  /** Read, change, write, one at a time in this window. */
  private _mutate<T>(fn: (h: SurveyHistory) => { history: SurveyHistory; value: T }): Promise<T> {
    const run = this._queue.then(async () => {
      const { history, value } = fn(this._read());
      await this.o.store.update(history);
      return value;
    });
    this._queue = run.catch(() => undefined);
    return run;
  }
}
