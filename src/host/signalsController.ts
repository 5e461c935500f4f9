import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemClock } from '../core/common/clock';
import { Disposable, Emitter, MutableDisposable, toDisposable, type DisposableLike } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import type { PulseConfig } from '../core/config/pulseConfig';
import type { EventRecorder } from '../core/events/recorder';
import { CommandClassifier, categoryForTask, validateCommandPatterns } from '../core/signals/commandClassifier';
import { NewHireTracker } from '../core/signals/newHire';
import { SetupTracker } from '../core/signals/setupTracker';
import { setupWatch, type SetupWatch } from '../core/signals/setupWatch';
import { shareableTaskName, taskProgramLine } from '../core/signals/taskName';
import { StuckDetector, type CommandOutcome, type FailureStreak, type StuckOffer } from '../core/signals/stuckDetector';
import type { ConfigService } from './configService';
import { SimpleGitQueries } from './gitQueries';
import type { WorkspaceRepo } from './workspaceRepo';
import type { Insights } from '../protocol/sidebar';

const SETUP_KEY = 'dxPulse.setup';
const NEW_HIRE_KEY = 'dxPulse.newHire';

export interface SignalsControllerOptions {
  readonly recorder: EventRecorder;
  readonly config: ConfigService;
  readonly repo: WorkspaceRepo;
  readonly globalState: vscode.Memento;
  readonly log: Log;
}

/** One build, test or install that ended, as the rest of DX Pulse sees it. */
export interface ObservedOutcome extends CommandOutcome {
  readonly source: 'task' | 'terminal';
  readonly exitCode: number | undefined;
}

/**
 * Turns what the editor reports (tasks ending, terminal commands ending, commits) into
 * plain outcomes for the core detectors, records the events sharing allows, and keeps
 * the developer's own timeline whether or not anything is shared.
 */
export class SignalsController extends Disposable {
  private readonly _onDidObserve = this._register(new Emitter<ObservedOutcome>());
  /** Every classified outcome (onboarding and surveys listen). */
  readonly onDidObserve = this._onDidObserve.event;
  private readonly _onDidStuck = this._register(new Emitter<StuckOffer>());
  readonly onDidStuck = this._onDidStuck.event;
  private readonly _onDidFirstCommit = this._register(new Emitter<void>());
  readonly onDidFirstCommit = this._onDidFirstCommit.event;
  private readonly _onDidChange = this._register(new Emitter<void>());
  /** The developer's own timeline changed (sidebar refresh). */
  readonly onDidChange = this._onDidChange.event;

  private readonly _log: Log;
  // Both are (re)built from the configuration by _applyConfig().
  private _classifier!: CommandClassifier;
  private _stuck!: StuckDetector;
  /** Shareable task name -> the command line it last ran (see programLineFor). */
  private readonly _taskLines = new Map<string, string>();
  private readonly _setup: SetupTracker;
  private _newHire: NewHireTracker | undefined;
  /** The new-hire tracker and HEAD watcher of the open repo, replaced when it changes. */
  private readonly _perRepo = this._register(new MutableDisposable<DisposableLike>());
  private _repoGeneration = 0;
  private readonly _taskStarts = new Map<vscode.TaskExecution, number>();
  private readonly _terminalStarts = new WeakMap<vscode.TerminalShellExecution, number>();

  constructor(private readonly o: SignalsControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'signals');
    this._setup = new SetupTracker({ clock: systemClock, log: o.log, state: o.globalState.get(SETUP_KEY) });
    this._register(this._setup.onDidChangeState((s) => void o.globalState.update(SETUP_KEY, s)));
    this._applyConfig(o.config.config);
    this._register(o.config.onDidChange((c) => this._applyConfig(c)));

    this._register(vscode.tasks.onDidStartTaskProcess((e) => this._taskStarts.set(e.execution, Date.now())));
    this._register(vscode.tasks.onDidEndTaskProcess((e) => this._onTaskEnded(e)));
    // Stable since 1.93; absent when the shell has no shell integration, which is fine.
    this._register(vscode.window.onDidStartTerminalShellExecution((e) => this._terminalStarts.set(e.execution, Date.now())));
    this._register(vscode.window.onDidEndTerminalShellExecution((e) => this._onTerminalEnded(e)));
    // WorkspaceRepo fires once it has resolved the first repo, and on every change.
    this._register(o.repo.onDidChange(() => void this._onRepoChanged()));
  }

  /** The failure streak in progress, for the friction report's context. */
  lastFailure(): FailureStreak | undefined {
    return this._stuck.lastFailure();
  }

  /** "I'm new here": start measuring time to first commit now. */
  async startNewHire(): Promise<boolean> {
    if (!this._newHire) return false;
    await this._newHire.start();
    this._onDidChange.fire();
    return true;
  }

  /** The developer's own view of their setup, shown in the sidebar. */
  insights(): { setupMs?: number; setupFailedAttempts?: number; setupInProgressSince?: number; setupNotMeasured?: string; newHireSince?: number; streak?: FailureStreak } {
    const key = this.o.repo.current?.key;
    const s = key ? this._setup.get(key) : undefined;
    const nh = this._newHire?.toJSON();
    return {
      setupMs: s?.completedAt !== undefined && !s.notMeasurable ? s.completedAt - s.firstOpenedAt : undefined,
      setupFailedAttempts: s?.failedAttempts,
      setupInProgressSince: s && s.completedAt === undefined ? s.firstOpenedAt : undefined,
      setupNotMeasured: s?.notMeasurable ? (s.notMeasurableReason ?? 'it was set up before DX Pulse could watch') : undefined,
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

  /** Called by a file watcher on the repo's HEAD log: maybe the new hire's first commit. */
  async checkFirstCommit(): Promise<void> {
    const done = await this._newHire?.check();
    if (done) {
      this.o.recorder.record('newHire.firstCommit', done);
      this._onDidFirstCommit.fire();
      this._onDidChange.fire();
    }
  }

  private _applyConfig(c: PulseConfig): void {
    const { patterns, problems } = validateCommandPatterns(patternList(c.signals.commandPatterns));
    for (const p of problems) this._log.warn(`command pattern ignored: ${p}`);
    // Only the developer's own settings may make a program keep more words; the merged
    // value above may come from the repository (.dx/pulse.yaml or .vscode/settings.json).
    const userPatterns = validateCommandPatterns(patternList(c.local.userCommandPatterns)).patterns;
    this._classifier = new CommandClassifier({ patterns, userPatterns });
    this._stuck = new StuckDetector({ clock: systemClock, failures: c.signals.stuck.failures, windowMinutes: c.signals.stuck.windowMinutes });
  }

  private async _onRepoChanged(): Promise<void> {
    const generation = ++this._repoGeneration;
    this._perRepo.value = undefined;
    this._newHire = undefined;
    const repo = await this.o.repo.ready;
    if (!repo || generation !== this._repoGeneration) return;
    const watch = await watchSetup(repo.gitRoot);
    this._setup.repoOpened(repo.key, watch.measurable ? { since: watch.since } : { measurable: false, reason: watch.reason });
    if (!repo.gitRoot) return;
    const tracker = new NewHireTracker({ clock: systemClock, log: this.o.log, git: new SimpleGitQueries(repo.gitRoot), state: this.o.globalState.get(`${NEW_HIRE_KEY}:${repo.key}`) });
    tracker.onDidChangeState((s) => void this.o.globalState.update(`${NEW_HIRE_KEY}:${repo.key}`, s));
    const perRepo: DisposableLike[] = [tracker];
    this._perRepo.value = toDisposable(() => perRepo.forEach((d) => d.dispose()));
    this._newHire = tracker;
    try {
      await tracker.checkAutoStart();
      await this.checkFirstCommit();
    } catch (e) {
      this._log.warn(`new-hire check failed: ${errorMessage(e)}`);
    }
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(repo.gitRoot), '.git/logs/HEAD'));
    const onCommit = () => void this.checkFirstCommit().catch((e: unknown) => this._log.warn(`first-commit check failed: ${errorMessage(e)}`));
    watcher.onDidChange(onCommit);
    watcher.onDidCreate(onCommit);
    perRepo.push(watcher);
    this._onDidChange.fire();
  }

  private _onTaskEnded(e: vscode.TaskProcessEndEvent): void {
    const task = e.execution.task;
    if (task.isBackground) return; // watch tasks never "end" in a meaningful way
    const started = this._taskStarts.get(e.execution);
    this._taskStarts.delete(e.execution);
    const group = taskGroup(task.group);
    const commandLine = taskCommandLine(task);
    const category = categoryForTask(group === 'none' ? undefined : group, commandLine, this._classifier);
    const durationMs = started ? Date.now() - started : 0;
    const name = shareableTaskName(task.name);
    const def = task.definition as { type?: unknown; script?: unknown; tsconfig?: unknown };
    const line = taskProgramLine({ commandLine, type: str(def.type), script: str(def.script), tsconfig: str(def.tsconfig) });
    if (line) this._taskLines.set(name, line);
    this.o.recorder.record('task.ended', { exitCode: e.exitCode, name, group, source: task.source.slice(0, 60), durationMs, category });
    this._observe({ command: name, category, success: e.exitCode === 0, source: 'task', exitCode: e.exitCode });
  }

  private _onTerminalEnded(e: vscode.TerminalShellExecutionEndEvent): void {
    const classified = this._classifier.classify(e.execution.commandLine.value);
    if (!classified) return;
    const started = this._terminalStarts.get(e.execution);
    const durationMs = started ? Date.now() - started : 0;
    this.o.recorder.record('terminal.commandEnded', { exitCode: e.exitCode, command: classified.command, category: classified.category, durationMs });
    if (classified.category === 'other') return;
    this._observe({ command: classified.command, category: classified.category, success: e.exitCode === 0, source: 'terminal', exitCode: e.exitCode });
  }

  /**
   * What a failing command runs, for matching docs to its tools: a task's label ("build")
   * names no tool, so the stuck offer looks at the command line the task executed. Kept
   * in memory on this machine only.
   */
  programLineFor(command: string): string {
    return this._taskLines.get(command) ?? command;
  }

  private _observe(outcome: ObservedOutcome): void {
    this._onDidObserve.fire(outcome);
    if (outcome.category === 'other') return;
    const key = this.o.repo.current?.key;
    if (key) {
      const completed = this._setup.observe(key, outcome);
      if (completed) this.o.recorder.record('setup.completed', completed);
    }
    const offer = this._stuck.observe(outcome);
    if (offer) {
      this.o.recorder.record('stuck.detected', { command: offer.command, failures: offer.failures, windowMinutes: offer.windowMinutes });
      this._onDidStuck.fire(offer);
    }
    this._onDidChange.fire();
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function patternList(byCategory: Record<string, readonly string[] | undefined>): { pattern: string; category: string }[] {
  return Object.entries(byCategory).flatMap(([category, patterns]) => (Array.isArray(patterns) ? patterns.map((pattern: string) => ({ pattern, category })) : []));
}

function taskGroup(g: vscode.TaskGroup | undefined): 'build' | 'test' | 'clean' | 'rebuild' | 'other' | 'none' {
  if (!g) return 'none';
  for (const [k, v] of [['build', vscode.TaskGroup.Build], ['test', vscode.TaskGroup.Test], ['clean', vscode.TaskGroup.Clean], ['rebuild', vscode.TaskGroup.Rebuild]] as const) if (g.id === v.id) return k;
  return 'other';
}

function taskCommandLine(task: vscode.Task): string | undefined {
  const ex = task.execution;
  if (ex instanceof vscode.ShellExecution) {
    const cmd = typeof ex.command === 'string' ? ex.command : ex.command?.value;
    const args = (ex.args ?? []).map((a) => (typeof a === 'string' ? a : a.value));
    return ex.commandLine ?? [cmd, ...args].filter(Boolean).join(' ');
  }
  if (ex instanceof vscode.ProcessExecution) return [ex.process, ...ex.args].join(' ');
  return undefined;
}

/** Reads the clone's first reflog line and the reflog's creation time (see core/signals/setupWatch.ts). */
async function watchSetup(gitRoot: string | undefined): Promise<SetupWatch> {
  if (!gitRoot) return setupWatch(undefined, undefined, Date.now());
  const file = path.join(gitRoot, '.git', 'logs', 'HEAD');
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    const end = text.indexOf('\n');
    return setupWatch(end < 0 ? text : text.slice(0, end), stat.birthtimeMs > 0 ? stat.birthtimeMs : undefined, Date.now());
  } catch {
    return setupWatch(undefined, undefined, Date.now());
  }
}
