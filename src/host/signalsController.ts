import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable, MutableDisposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import type { EventRecorder } from '../core/events/recorder';
import { setupWatch, type SetupWatch } from '../core/signals/setupWatch';
import { SignalsSession, type TaskGroupName } from '../core/signals/signalsSession';
import type { ConfigService } from './configService';
import { SimpleGitQueries } from './gitQueries';
import { keyedStore } from './mementoStore';
import { watchFile } from './workspaceFiles';
import type { WorkspaceRepo } from './workspaceRepo';

export type { ObservedOutcome } from '../core/signals/signalsSession';

export interface SignalsControllerOptions {
  readonly recorder: EventRecorder;
  readonly config: ConfigService;
  readonly repo: WorkspaceRepo;
  readonly globalState: vscode.Memento;
  readonly log: Log;
  readonly clock?: Clock;
}

/**
 * Turns what the editor reports (tasks ending, terminal commands ending, commits) into
 * plain facts for SignalsSession (src/core/signals/signalsSession.ts), which classifies
 * them, records the events sharing allows and keeps the developer's own timeline.
 */
export class SignalsController extends Disposable {
  private readonly _session: SignalsSession;
  readonly onDidObserve: SignalsSession['onDidObserve'];
  readonly onDidStuck: SignalsSession['onDidStuck'];
  readonly onDidFirstCommit: SignalsSession['onDidFirstCommit'];
  /** The developer's own timeline changed (sidebar refresh). */
  readonly onDidChange: SignalsSession['onDidChange'];
  private readonly _log: Log;
  private readonly _clock: Clock;
  private readonly _headWatcher = this._register(new MutableDisposable<vscode.FileSystemWatcher>());
  private _repoGeneration = 0;
  private readonly _taskStarts = new Map<vscode.TaskExecution, number>();
  private readonly _terminalStarts = new WeakMap<vscode.TerminalShellExecution, number>();

  constructor(private readonly o: SignalsControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'signals');
    this._clock = o.clock ?? systemClock;
    this._session = this._register(new SignalsSession({ clock: this._clock, log: this._log, recorder: o.recorder, store: keyedStore(o.globalState, 'dxPulse.', this._log), config: o.config.config }));
    ({ onDidObserve: this.onDidObserve, onDidStuck: this.onDidStuck, onDidFirstCommit: this.onDidFirstCommit, onDidChange: this.onDidChange } = this._session);
    this._register(o.config.onDidChange((c) => this._session.applyConfig(c)));

    this._register(vscode.tasks.onDidStartTaskProcess((e) => this._taskStarts.set(e.execution, this._clock.now())));
    this._register(vscode.tasks.onDidEndTaskProcess((e) => this._onTaskEnded(e)));
    // Stable since 1.93; absent when the shell has no shell integration, which is fine.
    this._register(vscode.window.onDidStartTerminalShellExecution((e) => this._terminalStarts.set(e.execution, this._clock.now())));
    this._register(vscode.window.onDidEndTerminalShellExecution((e) => {
      const started = this._terminalStarts.get(e.execution);
      this._session.terminalCommandEnded(e.execution.commandLine.value, e.exitCode, started ? this._clock.now() - started : 0);
    }));
    // WorkspaceRepo fires once it has resolved the first repo, and on every change.
    this._register(o.repo.onDidChange(() => void this._onRepoChanged()));
  }

  lastFailure: SignalsSession['lastFailure'] = () => this._session.lastFailure();
  startNewHire: SignalsSession['startNewHire'] = () => this._session.startNewHire();
  insights: SignalsSession['insights'] = () => this._session.insights();
  insightsView: SignalsSession['insightsView'] = () => this._session.insightsView();
  programLineFor: SignalsSession['programLineFor'] = (command) => this._session.programLineFor(command);

  private async _onRepoChanged(): Promise<void> {
    const generation = ++this._repoGeneration;
    this._headWatcher.value = undefined;
    await this._session.openRepo(undefined);
    const repo = await this.o.repo.ready;
    if (!repo) return;
    const setup = await watchSetup(repo.gitRoot, this._clock.now());
    if (generation !== this._repoGeneration) return;
    await this._session.openRepo({ key: repo.key, setup, git: repo.gitRoot ? new SimpleGitQueries(repo.gitRoot) : undefined });
    if (!repo.gitRoot || generation !== this._repoGeneration) return;
    this._headWatcher.value = watchFile(vscode.Uri.file(repo.gitRoot), '.git/logs/HEAD', () => void this._session.checkFirstCommit().catch((e: unknown) => this._log.warn(`first-commit check failed: ${errorMessage(e)}`)));
  }

  private _onTaskEnded(e: vscode.TaskProcessEndEvent): void {
    const task = e.execution.task;
    if (task.isBackground) return; // watch tasks never "end" in a meaningful way
    const started = this._taskStarts.get(e.execution);
    this._taskStarts.delete(e.execution);
    const def = task.definition as { type?: unknown; script?: unknown; tsconfig?: unknown };
    this._session.taskEnded({
      name: task.name,
      group: taskGroup(task.group),
      source: task.source,
      exitCode: e.exitCode,
      durationMs: started ? this._clock.now() - started : 0,
      commandLine: taskCommandLine(task),
      type: str(def.type),
      script: str(def.script),
      tsconfig: str(def.tsconfig),
    });
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function taskGroup(g: vscode.TaskGroup | undefined): TaskGroupName {
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
async function watchSetup(gitRoot: string | undefined, now: number): Promise<SetupWatch> {
  if (!gitRoot) return setupWatch(undefined, undefined, now);
  const file = path.join(gitRoot, '.git', 'logs', 'HEAD');
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    const end = text.indexOf('\n');
    return setupWatch(end < 0 ? text : text.slice(0, end), stat.birthtimeMs > 0 ? stat.birthtimeMs : undefined, now);
  } catch {
    return setupWatch(undefined, undefined, now);
  }
}
