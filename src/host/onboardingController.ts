import * as vscode from 'vscode';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { formatDiagnostic } from '../core/config/yamlLoader';
import type { EventRecorder } from '../core/events/recorder';
import { loadOnboarding, ONBOARDING_FILE, outsideWorkspaceReason, type OnboardingDefinition } from '../core/onboarding/definition';
import { eventForOutcome } from '../core/onboarding/progress';
import { OnboardingSession, type OnboardingSnapshot } from '../core/onboarding/session';
import type { ConfigService } from './configService';
import { publishConfigDiagnostics } from './configDiagnostics';
import type { SignalsController } from './signalsController';
import { probeToolVersion } from './toolProbe';
import type { OpenRepo, WorkspaceRepo } from './workspaceRepo';

export type { OnboardingSnapshot } from '../core/onboarding/session';

const STATE_KEY = 'dxPulse.onboarding';
/** Window focus re-probes tools at most this often: focus can flip many times a minute. */
const FOCUS_THROTTLE_MS = 15_000;
const FILE_DEBOUNCE_MS = 250;

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
  readonly onDidChange: OnboardingSession['onDidChange'];
  readonly onDidComplete: OnboardingSession['onDidComplete'];
  private _repo: OpenRepo | undefined;
  private readonly _watchers = new Map<string, vscode.FileSystemWatcher>();
  private _fileWatcher: vscode.FileSystemWatcher | undefined;
  private _fileTimer: ReturnType<typeof setTimeout> | undefined;
  private _lastFocusProbe = 0;
  private _queue: Promise<void> = Promise.resolve();

  constructor(private readonly o: OnboardingControllerOptions) {
    super();
    this._log = scopedLog(o.log, 'onboarding');
    this._clock = o.clock ?? systemClock;
    this._probe = o.probeTool ?? ((name) => probeToolVersion(name, this._log));
    this._session = new OnboardingSession({
      clock: this._clock,
      log: this._log,
      store: {
        get: (key) => o.globalState.get(`${STATE_KEY}:${key}`),
        set: (key, value) => void Promise.resolve(o.globalState.update(`${STATE_KEY}:${key}`, value)).catch((e: unknown) => this._log.warn(`saving onboarding progress failed: ${errorMessage(e)}`)),
      },
      enabled: () => o.config.config.features.onboarding !== false,
      stepCompleted: (stepId, durationMs) => o.recorder.record('onboarding.stepCompleted', { stepId, durationMs }),
      readSetting: (key) => {
        const i = vscode.workspace.getConfiguration().inspect(key);
        return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
      },
      installedExtensions: () => new Set(vscode.extensions.all.map((e) => e.id)),
    });
    this._register(this._session);
    this.onDidChange = this._session.onDidChange;
    this.onDidComplete = this._session.onDidComplete;
    this._register(this._session.onDidChange(() => this._reconcileWatchers(this._session.awaitedFiles())));

    this._register(o.repo.onDidChange(() => this._enqueue('opening the repository', () => this._openRepo())));
    this._register(o.config.onDidChange(() => this._session.evaluate()));
    this._register(o.signals.onDidObserve((outcome) => {
      const event = eventForOutcome(outcome);
      if (event) this._session.rememberEvent(event);
      // An install or a version manager run in a terminal may have put a tool on PATH.
      const tools = this._session.awaitedTools();
      if (tools.length) this._enqueue('re-checking tools after a command', () => this._probeTools(tools));
    }));
    this._register(o.signals.onDidFirstCommit(() => this._session.firstCommit()));
    this._register(vscode.window.onDidChangeWindowState((e) => {
      const tools = this._session.awaitedTools();
      if (!e.focused || this._session.snapshot.state?.complete !== false) return;
      if (this._clock.now() - this._lastFocusProbe < FOCUS_THROTTLE_MS) return;
      this._lastFocusProbe = this._clock.now();
      this._enqueue('re-checking on window focus', async () => {
        await Promise.all([this._probeTools(tools), this._statFiles()]);
      });
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (this._session.checksOf('setting').some((c) => e.affectsConfiguration(c.key))) this._session.evaluate();
    }));
    this._register(vscode.extensions.onDidChange(() => {
      if (this._session.checksOf('extension').length) this._session.evaluate();
    }));
    this._register({ dispose: () => this._disposeWatchers() });
    this._enqueue('opening the repository', () => this._openRepo());
  }

  get snapshot(): OnboardingSnapshot {
    return this._session.snapshot;
  }

  /** Resolves when the work queued so far (loading, probing) is done. */
  whenIdle(): Promise<void> {
    return this._queue;
  }

  setPlatformChecklist(def: OnboardingDefinition | undefined): void {
    this._session.setPlatformChecklist(def);
    this._enqueue('applying the platform checklist', () => this._recheckAll());
  }

  /** Re-reads the checklist file and re-checks everything now (the view's Refresh). */
  refresh(): Promise<void> {
    this._enqueue('refreshing', async () => {
      if (this._repo) await this._loadFile(this._fileUri(this._repo));
      this._session.forgetTools();
      await this._recheckAll();
    });
    return this._queue;
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
    return this._repo ? this._fileUri(this._repo) : undefined;
  }

  private async _openRepo(): Promise<void> {
    const repo = await this.o.repo.ready;
    this._disposeWatchers();
    this._fileWatcher?.dispose();
    this._fileWatcher = undefined;
    this._repo = repo;
    this._session.openRepo(repo?.key, repo && this._fileUri(repo).toString());
    if (repo) {
      const uri = this._fileUri(repo);
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(repo.folder, ONBOARDING_FILE));
      const reload = () => this._enqueue(`reloading ${ONBOARDING_FILE}`, async () => {
        await this._loadFile(uri);
        await this._recheckAll();
      });
      w.onDidCreate(reload);
      w.onDidChange(reload);
      w.onDidDelete(reload);
      this._fileWatcher = w;
      await this._loadFile(uri);
    }
    await this._recheckAll();
    // The snapshot may not have changed (same progress as before): watch what it awaits anyway.
    this._reconcileWatchers(this._session.awaitedFiles());
  }

  private async _loadFile(uri: vscode.Uri): Promise<void> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      // No file (or it was deleted): no repo checklist, and no stale problems.
      this.o.diagnostics.delete(uri);
      this._session.setRepoFile('absent');
      return;
    }
    const result = loadOnboarding(text);
    publishConfigDiagnostics(this.o.diagnostics, uri, result.diagnostics);
    for (const d of result.diagnostics) this._log.warn(formatDiagnostic(ONBOARDING_FILE, d));
    if (result.value) {
      this._log.info(`${ONBOARDING_FILE}: ${result.value.steps.length} step(s)${result.diagnostics.length ? `, ${result.diagnostics.length} problem(s) in the Problems panel` : ''}`);
    } else {
      this._log.warn(`${ONBOARDING_FILE} could not be read${this._session.hasLastGoodFile ? '; keeping the last good version until it is fixed' : ''}`);
    }
    this._session.setRepoFile(result.value ?? 'invalid');
  }

  private _fileUri(repo: OpenRepo): vscode.Uri {
    return vscode.Uri.joinPath(repo.folder, ONBOARDING_FILE);
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

  /** Watchers only for the paths still awaited; a done step needs no watching. */
  private _reconcileWatchers(paths: readonly string[]): void {
    const folder = this._repo?.folder;
    const wanted = new Set(folder ? paths : []);
    for (const [p, w] of this._watchers) {
      if (!wanted.has(p)) {
        w.dispose();
        this._watchers.delete(p);
      }
    }
    for (const p of wanted) {
      if (this._watchers.has(p)) continue;
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder!, p));
      const changed = () => this._scheduleFileCheck();
      w.onDidCreate(changed);
      w.onDidChange(changed);
      w.onDidDelete(changed);
      this._watchers.set(p, w);
    }
  }

  private _scheduleFileCheck(): void {
    // npm install creates thousands of entries in a burst: check once it settles.
    if (this._fileTimer) clearTimeout(this._fileTimer);
    this._fileTimer = setTimeout(() => {
      this._fileTimer = undefined;
      this._enqueue('re-checking files', () => this._statFiles());
    }, FILE_DEBOUNCE_MS);
  }

  private _disposeWatchers(): void {
    if (this._fileTimer) clearTimeout(this._fileTimer);
    for (const w of this._watchers.values()) w.dispose();
    this._watchers.clear();
  }

  private _enqueue(what: string, work: () => Promise<void>): void {
    this._queue = this._queue.then(work).catch((e: unknown) => this._log.error(`${what} failed: ${errorMessage(e)}`));
  }

  override dispose(): void {
    this._fileWatcher?.dispose();
    super.dispose();
  }
}

const GLOB = /[*?[\]{}]/;

/** Whether a workspace-relative path (or glob) exists, as a file, a folder or either. */
async function pathExists(folder: vscode.Uri, p: string, kind: 'file' | 'folder' | undefined, log: Log): Promise<boolean> {
  // The schema already refuses these; a path outside the workspace is never looked at.
  if (outsideWorkspaceReason(p)) return false;
  try {
    if (GLOB.test(p)) {
      // findFiles only returns files: a folder matches when something is inside it.
      const files = kind !== 'folder' && (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, p), null, 1)).length > 0;
      if (files || kind === 'file') return files;
      return (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `${p.replace(/\/+$/, '')}/**`), null, 1)).length > 0;
    }
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, p));
    if (kind === 'file') return (stat.type & vscode.FileType.File) !== 0;
    if (kind === 'folder') return (stat.type & vscode.FileType.Directory) !== 0;
    return true;
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError) || e.code !== 'FileNotFound') log.debug(`checking ${p} failed: ${errorMessage(e)}`);
    return false;
  }
}
