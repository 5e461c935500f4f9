import * as l10n from '@vscode/l10n';
import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import type { PulseConfig } from '../config/pulseConfig';
import type { EventRecorder } from '../events/recorder';
import type { Insights } from '../../protocol/sidebar';
import { CommandClassifier, categoryForTask, validateCommandPatterns } from './commandClassifier';
import type { GitQueries } from './gitQueries';
import { NewHireTracker } from './newHire';
import { SetupTracker } from './setupTracker';
import type { SetupWatch } from './setupWatch';
import { StuckDetector, type CommandOutcome, type FailureStreak, type StuckOffer } from './stuckDetector';
import { shareableTaskName, taskProgramLine } from './taskName';

// The friction signals' decisions over plain facts: what a task or terminal command that
// ended means (its category, the events sharing allows, setup time, stuck streaks), the
// new hire's first commit, and the developer's own timeline for the sidebar.
// src/host/signalsController.ts turns the editor's events into the calls below.

/** One build, test or install that ended, as the rest of DX Pulse sees it. */
export interface ObservedOutcome extends CommandOutcome {
  readonly source: 'task' | 'terminal';
  readonly exitCode: number | undefined;
  /** How long it ran (tasks), for the local build-and-test loop of the CI section. */
  readonly durationMs?: number;
}

export type TaskGroupName = 'build' | 'test' | 'clean' | 'rebuild' | 'other' | 'none';

/** A task process that ended, in plain terms. */
export interface EndedTask {
  readonly name: string;
  readonly group: TaskGroupName;
  readonly source: string;
  readonly exitCode: number | undefined;
  readonly durationMs: number;
  readonly commandLine?: string;
  /** From the task definition, for naming the program a task runs. */
  readonly type?: string;
  readonly script?: string;
  readonly tsconfig?: string;
}

/** The open repository, as signals need it. */
export interface SignalsRepo {
  readonly key: string;
  readonly setup: SetupWatch;
  /** Absent outside a git repository: no new-hire tracking there. */
  readonly git?: GitQueries;
}

export interface SignalsSessionOptions {
  readonly clock: Clock;
  readonly log: Log;
  readonly recorder: Pick<EventRecorder, 'record'>;
  /** Where the trackers' state lives across restarts (VS Code's globalState). */
  readonly store: { get(key: string): unknown; set(key: string, value: unknown): void };
  readonly config: PulseConfig;
}

const SETUP_KEY = 'setup';
const NEW_HIRE_KEY = 'newHire';

export class SignalsSession {
  private readonly _onDidObserve = new Emitter<ObservedOutcome>();
  /** Every classified outcome (onboarding and surveys listen). */
  readonly onDidObserve = this._onDidObserve.event;
  private readonly _onDidStuck = new Emitter<StuckOffer>();
  readonly onDidStuck = this._onDidStuck.event;
  private readonly _onDidFirstCommit = new Emitter<void>();
  readonly onDidFirstCommit = this._onDidFirstCommit.event;
  private readonly _onDidChange = new Emitter<void>();
  /** The developer's own timeline changed (sidebar refresh). */
  readonly onDidChange = this._onDidChange.event;

  private _classifier!: CommandClassifier;
  private _stuck!: StuckDetector;
  /** Shareable task name -> the command line it last ran (see programLineFor). */
  private readonly _taskLines = new Map<string, string>();
  private readonly _setup: SetupTracker;
  private _newHire: { tracker: NewHireTracker; dispose(): void } | undefined;
  private _repoKey: string | undefined;
  /** features.signals: when false, no stuck offer, no setup or streak in the sidebar. */
  private _on = true;

  constructor(private readonly o: SignalsSessionOptions) {
    this._setup = new SetupTracker({ clock: o.clock, log: o.log, state: o.store.get(SETUP_KEY) });
    this._setup.onDidChangeState((s) => o.store.set(SETUP_KEY, s));
    this.applyConfig(o.config);
  }

  applyConfig(c: PulseConfig): void {
    this._on = c.features.signals !== false;
    const { patterns, problems } = validateCommandPatterns(patternList(c.signals.commandPatterns));
    for (const p of problems) this.o.log.warn(`command pattern ignored: ${p}`);
    // Only the developer's own settings may make a program keep more words; the merged
    // value above may come from the repository (.dx/pulse.yaml or .vscode/settings.json).
    const userPatterns = validateCommandPatterns(patternList(c.local.userCommandPatterns)).patterns;
    this._classifier = new CommandClassifier({ patterns, userPatterns });
    this._stuck = new StuckDetector({ clock: this.o.clock, failures: c.signals.stuck.failures, windowMinutes: c.signals.stuck.windowMinutes });
  }

  /** A repository was opened (or none). Checks for a first commit made while DX Pulse was not running. */
  async openRepo(repo: SignalsRepo | undefined): Promise<void> {
    this._newHire?.dispose();
    this._newHire = undefined;
    this._repoKey = repo?.key;
    if (!repo) return;
    this._setup.repoOpened(repo.key, repo.setup.measurable ? { since: repo.setup.since } : { measurable: false, reason: repo.setup.reason });
    if (repo.git) {
      const storeKey = `${NEW_HIRE_KEY}:${repo.key}`;
      const tracker = new NewHireTracker({ clock: this.o.clock, log: this.o.log, git: repo.git, state: this.o.store.get(storeKey) });
      const sub = tracker.onDidChangeState((s) => this.o.store.set(storeKey, s));
      const entry = { tracker, dispose: () => sub.dispose() };
      this._newHire = entry;
      try {
        await tracker.checkAutoStart();
        // Another repository may have been opened meanwhile: then this one is done with.
        if (this._newHire !== entry) return;
        await this.checkFirstCommit();
      } catch (e) {
        this.o.log.warn(`new-hire check failed: ${errorMessage(e)}`);
      }
    }
    this._onDidChange.fire();
  }

  /** "I'm new here": start measuring time to first commit now. */
  async startNewHire(): Promise<boolean> {
    if (!this._newHire) return false;
    await this._newHire.tracker.start();
    this._onDidChange.fire();
    return true;
  }

  /** The repo's HEAD log changed: maybe the new hire's first commit. */
  async checkFirstCommit(): Promise<void> {
    const done = await this._newHire?.tracker.check();
    if (done) {
      this.o.recorder.record('newHire.firstCommit', done);
      this._onDidFirstCommit.fire();
      this._onDidChange.fire();
    }
  }

  taskEnded(t: EndedTask): void {
    const category = categoryForTask(t.group === 'none' ? undefined : t.group, t.commandLine, this._classifier);
    const name = shareableTaskName(t.name);
    const line = taskProgramLine({ commandLine: t.commandLine, type: t.type, script: t.script, tsconfig: t.tsconfig });
    if (line) this._taskLines.set(name, line);
    this.o.recorder.record('task.ended', { exitCode: t.exitCode, name, group: t.group, source: t.source.slice(0, 60), durationMs: t.durationMs, category });
    this._observe({ command: name, category, success: t.exitCode === 0, source: 'task', exitCode: t.exitCode, durationMs: t.durationMs });
  }

  terminalCommandEnded(commandLine: string, exitCode: number | undefined, durationMs: number): void {
    const classified = this._classifier.classify(commandLine);
    if (!classified) return;
    this.o.recorder.record('terminal.commandEnded', { exitCode, command: classified.command, category: classified.category, durationMs });
    if (classified.category === 'other') return;
    this._observe({ command: classified.command, category: classified.category, success: exitCode === 0, source: 'terminal', exitCode });
  }

  /**
   * What a failing command runs, for matching docs to its tools: a task's label ("build")
   * names no tool, so the stuck offer looks at the command line the task executed. Kept
   * in memory on this machine only.
   */
  programLineFor(command: string): string {
    return this._taskLines.get(command) ?? command;
  }

  /** The failure streak in progress, for the friction report's context. */
  lastFailure(): FailureStreak | undefined {
    return this._on ? this._stuck.lastFailure() : undefined;
  }

  /** The developer's own view of their setup. */
  insights(): { setupMs?: number; setupFailedAttempts?: number; setupInProgressSince?: number; setupNotMeasured?: string; newHireSince?: number; streak?: FailureStreak } {
    if (!this._on) return {};
    const s = this._repoKey ? this._setup.get(this._repoKey) : undefined;
    const nh = this._newHire?.tracker.toJSON();
    return {
      setupMs: s?.completedAt !== undefined && !s.notMeasurable ? s.completedAt - s.firstOpenedAt : undefined,
      setupFailedAttempts: s?.failedAttempts,
      setupInProgressSince: s && s.completedAt === undefined ? s.firstOpenedAt : undefined,
      setupNotMeasured: s?.notMeasurable ? (s.notMeasurableReason ?? l10n.t('it was set up before DX Pulse could watch')) : undefined,
      newHireSince: nh?.startedAt !== undefined && nh.completedAt === undefined ? nh.startedAt : undefined,
      streak: this._stuck.lastFailure(),
    };
  }

  /** The developer's own friction timeline, as the sidebar shows it. */
  insightsView(): Insights {
    const i = this.insights();
    return {
      setupMinutes: i.setupMs !== undefined ? i.setupMs / 60_000 : undefined,
      setupSince: i.setupInProgressSince,
      setupNotMeasured: i.setupNotMeasured,
      setupFailedAttempts: i.setupFailedAttempts,
      newHireSince: i.newHireSince,
      streak: i.streak ? { command: i.streak.command, failures: i.streak.failures, since: i.streak.since } : undefined,
    };
  }

  private _observe(outcome: ObservedOutcome): void {
    // Onboarding still hears what ran (its checklist is its own feature).
    this._onDidObserve.fire(outcome);
    if (outcome.category === 'other' || !this._on) return;
    if (this._repoKey) {
      const completed = this._setup.observe(this._repoKey, outcome);
      if (completed) this.o.recorder.record('setup.completed', completed);
    }
    const offer = this._stuck.observe(outcome);
    if (offer) {
      this.o.recorder.record('stuck.detected', { command: offer.command, failures: offer.failures, windowMinutes: offer.windowMinutes });
      this._onDidStuck.fire(offer);
    }
    this._onDidChange.fire();
  }

  dispose(): void {
    this._newHire?.dispose();
    for (const e of [this._onDidObserve, this._onDidStuck, this._onDidFirstCommit, this._onDidChange]) e.dispose();
  }
}

function patternList(byCategory: Record<string, readonly string[] | undefined>): { pattern: string; category: string }[] {
  return Object.entries(byCategory).flatMap(([category, patterns]) => (Array.isArray(patterns) ? patterns.map((pattern: string) => ({ pattern, category })) : []));
}
