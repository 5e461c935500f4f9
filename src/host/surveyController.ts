import * as vscode from 'vscode';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable } from '../core/common/lifecycle';
import { scopedLog, type Log } from '../core/common/log';
import type { EventRecorder } from '../core/events/recorder';
import { resolveServiceIdentity } from '../core/metrics/serviceIdentity';
import { SURVEY_ANSWERED_KIND } from '../core/surveys/answers';
import { DEFAULT_SESSION_GRACE_MINUTES, repoIdsFor, teamName } from '../core/surveys/eligibility';
import type { SurveyPrompter } from '../core/surveys/prompter';
import { SurveySession, type ObservedMoment, type SurveyPrefs } from '../core/surveys/surveySession';
import type { ConfigService } from './configService';
import type { SignalsController } from './signalsController';
import type { TelemetryGate } from './telemetryGate';
import type { WorkspaceRepo } from './workspaceRepo';

export type { DecisionTrigger, SurveyDecision, SurveyOutcome, SurveyPrefs, SurveyResponse, SurveyResult } from '../core/surveys/surveySession';

/** globalState key: one history per install, shared by every window. */
export const SURVEY_HISTORY_KEY = 'dxPulse.surveys.history';
const HOUR_MS = 3_600_000;

export interface SurveyControllerOptions {
  readonly globalState: vscode.Memento;
  readonly config: ConfigService;
  readonly gate: TelemetryGate;
  readonly signals: SignalsController;
  readonly repo: WorkspaceRepo;
  readonly recorder: EventRecorder;
  readonly prompter: SurveyPrompter;
  /** The developer's survey settings, read at each decision. */
  readonly prefs: () => SurveyPrefs;
  /** dxPulse.surveys.identifyAnswers: whether attributed surveys may carry the install id. */
  readonly identifyAnswers: () => boolean;
  readonly log: Log;
  readonly clock?: Clock;
  /** Scheduled checks: the first after the session grace period, then at this interval. */
  readonly checkIntervalMs?: number;
}

/**
 * Surveys over the editor. The decisions and the history live in SurveySession
 * (src/core/surveys/surveySession.ts); this forwards the editor's triggers (builds, fixed
 * streaks, a schedule), and tells it what the moment looks like (debugging, the repo, its team).
 */
export class SurveyController extends Disposable {
  readonly session: SurveySession;
  private readonly _log: Log;
  /** The last catalog problem logged, so each is logged once. */
  private _catalogProblem: string | undefined;

  constructor(private readonly o: SurveyControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'surveys');
    const clock = o.clock ?? systemClock;
    this.session = new SurveySession({
      store: { get: () => o.globalState.get(SURVEY_HISTORY_KEY), update: async (h) => o.globalState.update(SURVEY_HISTORY_KEY, h) },
      prompter: o.prompter,
      prefs: o.prefs,
      identifyAnswers: o.identifyAnswers,
      featureOn: () => o.config.config.features.surveys,
      mayRecordAnswers: () => o.gate.mayRecord(SURVEY_ANSWERED_KIND),
      record: (data) => o.recorder.record(SURVEY_ANSWERED_KIND, data),
      recordPrompt: (kind, data) => o.recorder.record(kind, data),
      // The catalog's owner, else the team the configuration (repo file or platform) names.
      team: async () => teamName((await this._teamOf()) ?? o.config.config.metrics.team),
      observe: () => this._observe(),
      log: this._log,
      clock,
      sessionStartedAt: clock.now(),
    });
    this._register(this.session);
    this.session.setSurveys(o.config.config.surveys);
    this._register(o.config.onDidChange((c) => this.session.setSurveys(c.surveys)));

    this._register(
      o.signals.onDidObserve((outcome) => {
        if (!outcome.success || outcome.category === 'other' || outcome.category === 'install') return;
        // Fires before the stuck detector sees this success, so the streak is still there.
        const streak = o.signals.lastFailure();
        const fixed = streak !== undefined && streak.command === outcome.command && streak.failures >= 2;
        this.session.trigger(fixed ? 'streakFixed' : 'buildSucceeded');
        if (fixed) this.session.trigger('buildSucceeded');
      }),
    );

    // Schedule checks: never a fast timer. The first once the session grace period is over.
    const graceMs = (o.prefs().sessionGraceMinutes ?? DEFAULT_SESSION_GRACE_MINUTES) * 60_000 + 5_000;
    const first = setTimeout(() => {
      this.session.trigger('schedule');
      const every = setInterval(() => this.session.trigger('schedule'), Math.max(o.checkIntervalMs ?? HOUR_MS, HOUR_MS));
      this._register({ dispose: () => clearInterval(every) });
    }, graceMs);
    this._register({ dispose: () => clearTimeout(first) });
  }

  private async _observe(): Promise<ObservedMoment> {
    const insights = this.o.signals.insights();
    const repo = this.o.repo.current;
    return {
      debugging: vscode.debug.activeDebugSession !== undefined,
      // Any failure still inside the stuck window: not a calm moment.
      inFailureStreak: insights.streak !== undefined,
      userIsNewHire: insights.newHireSince !== undefined,
      repoId: repo?.normalizedRemote,
      repoHashes: repo?.normalizedRemote ? repoIdsFor(repo.normalizedRemote, this.o.config.config.local.repoIdSalt) : undefined,
      team: await this._teamOf(),
    };
  }

  /** The owning team from catalog-info.yaml (WorkspaceRepo reads the file once per repository). */
  private async _teamOf(): Promise<string | undefined> {
    const repo = this.o.repo.current;
    if (!repo) return undefined;
    const catalogText = await this.o.repo.catalogText(); // no catalog: no team
    const identity = resolveServiceIdentity({ catalogText, remoteUrl: repo.remoteUrl, folderName: repo.folder.path.split('/').pop() ?? '' });
    if (identity.catalogProblem && identity.catalogProblem !== this._catalogProblem) this._log.warn(`team for survey audiences unknown: ${identity.catalogProblem}`);
    this._catalogProblem = identity.catalogProblem;
    return identity.team;
  }
}
