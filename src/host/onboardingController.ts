import * as vscode from 'vscode';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable, MutableDisposable } from '../core/common/lifecycle';
import { scopedLog, type Log } from '../core/common/log';
import { SerialQueue } from '../core/common/serialQueue';
import type { EventRecorder } from '../core/events/recorder';
import { ONBOARDING_FILE, type OnboardingDefinition } from '../core/onboarding/definition';
import { eventForOutcome } from '../core/onboarding/progress';
import { OnboardingSession, type OnboardingSnapshot } from '../core/onboarding/session';
import type { ConfigService } from './configService';
import { publishConfigDiagnostics } from './configDiagnostics';
import type { SignalsController } from './signalsController';
import { keyedStore } from './mementoStore';
import { probeToolVersion } from './toolProbe';
import { PathWatchers, pathExists, readTextFile, watchFile } from './workspaceFiles';
import type { OpenRepo, WorkspaceRepo } from './workspaceRepo';

export type { OnboardingSnapshot } from '../core/onboarding/session';

const STATE_KEY = 'dxPulse.onboarding:';
/** Window focus re-probes tools at most this often: focus can flip many times a minute. */
const FOCUS_THROTTLE_MS = 15_000;

export interface OnboardingControllerOptions {
  readonly repo: WorkspaceRepo;
  readonly signals: SignalsController;
  readonly config: ConfigService;
  /** The same collection ConfigService uses, so all of DX Pulse's file problems sit together. */
  readonly diagnostics: vscode.DiagnosticCollection;
  readonly recorder: EventRecorder;
  readonly globalState: vscode.Memento;
  readonly log: Log;
  readonly clock?: Clock;
  /** Runs `<tool> --version`; the default uses execFile with a short timeout. */
  readonly probeTool?: (name: string) => Promise<string | undefined>;
}

/**
 * The onboarding checklist over the editor. The decisions live in OnboardingSession
 * (src/core/onboarding/session.ts); this forwards the editor's facts to it and re-checks
 * only on the events that can change them: watchers for the paths still awaited, window
 * focus for tools, settings and extension changes, task ends and commits. Nothing polls.
 */
export class OnboardingController extends Disposable {
  private readonly _log: Log;
  private readonly _clock: Clock;
  private readonly _probe: (name: string) => Promise<string | undefined>;
  private readonly _session: OnboardingSession;
  private readonly _queue: SerialQueue;
  readonly onDidChange: OnboardingSession['onDidChange'];
  readonly onDidComplete: OnboardingSession['onDidComplete'];
  private _repo: OpenRepo | undefined;
  /** Watches the paths the checklist still awaits; a done step needs no watching. */
  private readonly _awaited = this._register(new PathWatchers(() => this._queue.enqueue('re-checking files', () => this._statFiles())));
  private readonly _fileWatcher = this._register(new MutableDisposable<vscode.FileSystemWatcher>());
  private _lastFocusProbe = 0;

  constructor(private readonly o: OnboardingControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'onboarding');
    this._clock = o.clock ?? systemClock;
    this._queue = new SerialQueue(this._log);
    this._probe = o.probeTool ?? ((name) => probeToolVersion(name, this._log));
    this._session = this._register(new OnboardingSession({
      clock: this._clock,
      log: this._log,
      store: keyedStore(o.globalState, STATE_KEY, this._log),
      enabled: () => o.config.config.features.onboarding !== false,
      stepCompleted: (stepId, durationMs, sinceChecklistMs) => o.recorder.record('onboarding.stepCompleted', { stepId, durationMs, sinceChecklistMs }),
      readSetting: (key) => {
        const i = vscode.workspace.getConfiguration().inspect(key);
        return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
      },
      installedExtensions: () => new Set(vscode.extensions.all.map((e) => e.id)),
    }));
    this.onDidChange = this._session.onDidChange;
    this.onDidComplete = this._session.onDidComplete;
    this._register(this._session.onDidChange(() => this._awaited.reconcile(this._repo?.folder, this._session.awaitedFiles())));

    this._register(o.repo.onDidChange(() => void this._queue.enqueue('opening the repository', () => this._openRepo())));
    this._register(o.config.onDidChange(() => this._session.evaluate()));
    this._register(o.signals.onDidObserve((outcome) => {
      const event = eventForOutcome(outcome);
      if (event) this._session.rememberEvent(event);
      // An install or a version manager run in a terminal may have put a tool on PATH.
      const tools = this._session.awaitedTools();
      if (tools.length) void this._queue.enqueue('re-checking tools after a command', () => this._probeTools(tools));
    }));
    this._register(o.signals.onDidFirstCommit(() => this._session.firstCommit()));
    this._register(vscode.window.onDidChangeWindowState((e) => {
      if (!e.focused || this._session.snapshot.state?.complete !== false) return;
      if (this._clock.now() - this._lastFocusProbe < FOCUS_THROTTLE_MS) return;
      this._lastFocusProbe = this._clock.now();
      const tools = this._session.awaitedTools();
      void this._queue.enqueue('re-checking on window focus', async () => {
        await Promise.all([this._probeTools(tools), this._statFiles()]);
      });
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (this._session.checksOf('setting').some((c) => e.affectsConfiguration(c.key))) this._session.evaluate();
    }));
    this._register(vscode.extensions.onDidChange(() => {
      if (this._session.checksOf('extension').length) this._session.evaluate();
    }));
    void this._queue.enqueue('opening the repository', () => this._openRepo());
  }

  get snapshot(): OnboardingSnapshot {
    return this._session.snapshot;
  }

  /** Resolves when the work queued so far (loading, probing) is done. */
  whenIdle(): Promise<void> {
    return this._queue.whenIdle();
  }

  setPlatformChecklist(def: OnboardingDefinition | undefined): void {
    this._session.setPlatformChecklist(def);
    void this._queue.enqueue('applying the platform checklist', () => this._recheckAll());
  }

  /** Re-reads the checklist file and re-checks everything now (the view's Refresh). */
  refresh(): Promise<void> {
    return this._queue.enqueue('refreshing', async () => {
      await this._loadFile();
      this._session.forgetTools();
      await this._recheckAll();
    });
  }

  setManualTick(stepId: string, ticked: boolean): boolean {
    return this._session.setManualTick(stepId, ticked);
  }

  markCommandRun(commandId: string): void {
    this._session.markCommandRun(commandId);
  }

  timelineMarkdown(): string {
    return this._session.timelineMarkdown();
  }

  /** The repo's checklist file, for "open the file" actions. */
  fileUri(): vscode.Uri | undefined {
    return this._repo && vscode.Uri.joinPath(this._repo.folder, ONBOARDING_FILE);
  }

  private async _openRepo(): Promise<void> {
    const repo = await this.o.repo.ready;
    this._awaited.clear();
    this._repo = repo;
    this._session.openRepo(repo?.key, this.fileUri()?.toString());
    this._fileWatcher.value = repo && watchFile(repo.folder, ONBOARDING_FILE, () => void this._queue.enqueue(`reloading ${ONBOARDING_FILE}`, async () => {
      await this._loadFile();
      await this._recheckAll();
    }));
    await this._loadFile();
    await this._recheckAll();
    // The snapshot may not have changed (same progress as before): watch what it awaits anyway.
    this._awaited.reconcile(this._repo?.folder, this._session.awaitedFiles());
  }

  private async _loadFile(): Promise<void> {
    const uri = this.fileUri();
    if (!uri) return;
    // No file (or it was deleted): no repo checklist, and no stale problems.
    publishConfigDiagnostics(this.o.diagnostics, uri, this._session.loadRepoFile(await readTextFile(uri)));
  }

  private async _recheckAll(): Promise<void> {
    await Promise.all([this._probeTools(this._session.unprobedTools()), this._statFiles()]);
  }

  private async _probeTools(names: readonly string[]): Promise<void> {
    await Promise.all(names.map(async (n) => this._session.setTool(n, await this._probe(n))));
    this._session.evaluate();
  }

  private async _statFiles(): Promise<void> {
    const folder = this._repo?.folder;
    if (folder) await Promise.all(this._session.fileChecks().map(async (c) => this._session.setFile(c.path, c.kind, await pathExists(folder, c.path, c.kind, this._log))));
    this._session.evaluate();
  }
}
