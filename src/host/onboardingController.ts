import * as vscode from 'vscode';
import { systemClock, type Clock } from '../core/common/clock';
import { Disposable, Emitter } from '../core/common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../core/common/log';
import { formatDiagnostic } from '../core/config/yamlLoader';
import type { EventRecorder } from '../core/events/recorder';
import { loadOnboarding, ONBOARDING_FILE, outsideWorkspaceReason, type OnboardingDefinition, type OnboardingEvent } from '../core/onboarding/definition';
import { evaluateChecklist, type ChecklistState, type Facts } from '../core/onboarding/evaluator';
import { emptyFacts, eventForOutcome, forget, newlyCompleted, parseFacts, remember, timelineMarkdown, type RememberedFacts } from '../core/onboarding/progress';
import { newTimeline, parseTimeline, recordEvaluation, recordFirstCommit, type OnboardingTimeline } from '../core/onboarding/timeline';
import type { ConfigService } from './configService';
import { publishConfigDiagnostics } from './configDiagnostics';
import type { SignalsController } from './signalsController';
import { probeToolVersion } from './toolProbe';
import type { OpenRepo, WorkspaceRepo } from './workspaceRepo';

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

export type OnboardingStatus = 'loading' | 'none' | 'invalid' | 'disabled' | 'ready';

/** What the views render; also what `dxPulse.onboarding.state` returns (plain JSON). */
export interface OnboardingSnapshot {
  readonly status: OnboardingStatus;
  /** Where the checklist came from. */
  readonly source?: 'repo' | 'platform';
  readonly definition?: OnboardingDefinition;
  readonly state?: ChecklistState;
  /** The repo file, when there is one. */
  readonly file?: string;
}

interface Stored {
  facts: RememberedFacts;
  timeline?: OnboardingTimeline;
}

/**
 * The onboarding checklist over the editor: loads `.dx/onboarding.yaml` (or a checklist
 * the platform provides), observes the facts its checks need, and re-evaluates only on
 * the events that can change them: watchers for the paths still awaited, window focus
 * for tools, settings and extension changes, task ends and commits. Nothing polls.
 */
export class OnboardingController extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<OnboardingSnapshot>());
  readonly onDidChange = this._onDidChange.event;

  private readonly _log: Log;
  private readonly _clock: Clock;
  private readonly _probe: (name: string) => Promise<string | undefined>;
  private _repo: OpenRepo | undefined;
  private _repoDef: OnboardingDefinition | undefined;
  private _repoFileState: 'absent' | 'invalid' | 'ok' = 'absent';
  private _platformDef: OnboardingDefinition | undefined;
  private _stored: Stored = { facts: emptyFacts() };
  private _snapshot: OnboardingSnapshot = { status: 'loading' };
  private _snapshotKey = '';
  private _loaded = false;

  private readonly _files = new Map<string, boolean>();
  private readonly _tools = new Map<string, string | undefined>();
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

    this._register(o.repo.onDidChange(() => this._enqueue('opening the repository', () => this._openRepo())));
    this._register(o.config.onDidChange(() => this._evaluate()));
    this._register(o.signals.onDidObserve((outcome) => {
      const event = eventForOutcome(outcome);
      if (event) this._rememberEvent(event);
      // An install or a version manager run in a terminal may have put a tool on PATH.
      if (this._snapshot.state?.watch.tools.length) this._enqueue('re-checking tools after a command', () => this._probeTools(this._snapshot.state!.watch.tools));
    }));
    this._register(o.signals.onDidFirstCommit(() => {
      if (this._definition()) this._updateStored({ ...this._stored, timeline: recordFirstCommit(this._timeline(), this._clock.now()) });
      this._rememberEvent('firstCommit');
    }));
    this._register(vscode.window.onDidChangeWindowState((e) => {
      if (!e.focused || !this._snapshot.state || this._snapshot.state.complete) return;
      if (this._clock.now() - this._lastFocusProbe < FOCUS_THROTTLE_MS) return;
      this._lastFocusProbe = this._clock.now();
      const watch = this._snapshot.state.watch;
      this._enqueue('re-checking on window focus', async () => {
        await Promise.all([this._probeTools(watch.tools), this._statFiles(this._fileChecks())]);
      });
    }));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      const keys = this._checksOf('setting').map((c) => c.key);
      if (keys.some((k) => e.affectsConfiguration(k))) this._evaluate();
    }));
    this._register(vscode.extensions.onDidChange(() => {
      if (this._checksOf('extension').length) this._evaluate();
    }));
    this._register({ dispose: () => this._disposeWatchers() });
    this._enqueue('opening the repository', () => this._openRepo());
  }

  get snapshot(): OnboardingSnapshot {
    return this._snapshot;
  }

  /** Resolves when the work queued so far (loading, probing) is done. */
  whenIdle(): Promise<void> {
    return this._queue;
  }

  /**
   * A checklist from the platform's configuration. The repo's own file wins when both
   * exist: it is the more specific of the two.
   */
  setPlatformChecklist(def: OnboardingDefinition | undefined): void {
    this._platformDef = def;
    this._enqueue('applying the platform checklist', () => this._recheckAll());
  }

  /** Re-reads the checklist file and re-checks everything now (the view's Refresh). */
  refresh(): Promise<void> {
    this._enqueue('refreshing', async () => {
      if (this._repo) await this._loadFile(this._fileUri(this._repo));
      this._tools.clear();
      await this._recheckAll();
    });
    return this._queue;
  }

  /** A manual tick or untick; false when the step is not one the developer ticks. */
  setManualTick(stepId: string, ticked: boolean): boolean {
    const step = this._definition()?.steps.find((s) => s.id === stepId);
    if (!step || (step.check && step.check.type !== 'manual')) return false;
    const facts = ticked ? remember(this._stored.facts, 'manualTicks', stepId) : forget(this._stored.facts, 'manualTicks', stepId);
    this._updateStored({ ...this._stored, facts });
    this._evaluate();
    return true;
  }

  /**
   * VS Code has no event for "a command ran", so a command counts when the developer
   * runs it from the checklist's own link (which goes through DX Pulse).
   */
  markCommandRun(commandId: string): void {
    this._updateStored({ ...this._stored, facts: remember(this._stored.facts, 'commandsRun', commandId) });
    this._evaluate();
  }

  /** The developer's own setup timeline, as markdown. */
  timelineMarkdown(): string {
    const def = this._definition();
    const tl = this._stored.timeline ?? newTimeline(this._clock.now());
    return timelineMarkdown({ timeline: tl, now: this._clock.now(), title: def?.title, steps: def?.steps.map((s) => ({ id: s.id, title: s.title })) ?? [] });
  }

  /** The repo's checklist file, for "open the file" actions. */
  fileUri(): vscode.Uri | undefined {
    return this._repo ? this._fileUri(this._repo) : undefined;
  }

  // ---- loading ---------------------------------------------------------------

  private async _openRepo(): Promise<void> {
    const repo = await this.o.repo.ready;
    this._disposeWatchers();
    this._fileWatcher?.dispose();
    this._fileWatcher = undefined;
    this._files.clear();
    this._repo = repo;
    this._repoDef = undefined;
    this._repoFileState = 'absent';
    this._stored = { facts: emptyFacts() };
    if (repo) {
      const raw = this.o.globalState.get<{ facts?: unknown; timeline?: unknown }>(`${STATE_KEY}:${repo.key}`);
      this._stored = { facts: parseFacts(raw?.facts), timeline: parseTimeline(raw?.timeline) };
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
    this._loaded = true;
    await this._recheckAll();
  }

  private async _loadFile(uri: vscode.Uri): Promise<void> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      // No file (or it was deleted): no repo checklist, and no stale problems.
      this.o.diagnostics.delete(uri);
      this._repoDef = undefined;
      this._repoFileState = 'absent';
      return;
    }
    const result = loadOnboarding(text);
    publishConfigDiagnostics(this.o.diagnostics, uri, result.diagnostics);
    for (const d of result.diagnostics) this._log.warn(formatDiagnostic(ONBOARDING_FILE, d));
    if (result.value) {
      this._repoDef = result.value;
      this._repoFileState = 'ok';
      this._log.info(`${ONBOARDING_FILE}: ${result.value.steps.length} step(s)${result.diagnostics.length ? `, ${result.diagnostics.length} problem(s) in the Problems panel` : ''}`);
    } else {
      // Keep the last good checklist (if any) until the file is fixed.
      this._repoFileState = this._repoDef ? 'ok' : 'invalid';
      this._log.warn(`${ONBOARDING_FILE} could not be read${this._repoDef ? '; keeping the last good version until it is fixed' : ''}`);
    }
  }

  private _fileUri(repo: OpenRepo): vscode.Uri {
    return vscode.Uri.joinPath(repo.folder, ONBOARDING_FILE);
  }

  private _definition(): OnboardingDefinition | undefined {
    if (this.o.config.config.features.onboarding === false) return undefined;
    return this._repoDef ?? this._platformDef;
  }

  // ---- facts -----------------------------------------------------------------

  private _checksOf<T extends NonNullable<OnboardingDefinition['steps'][number]['check']>['type']>(type: T): Extract<NonNullable<OnboardingDefinition['steps'][number]['check']>, { type: T }>[] {
    return (this._definition()?.steps ?? []).flatMap((s) => (s.check?.type === type ? [s.check as Extract<typeof s.check, { type: T }>] : []));
  }

  private _fileChecks(): { path: string; kind?: 'file' | 'folder' }[] {
    return this._checksOf('file').map((c) => ({ path: c.path, kind: c.kind }));
  }

  private async _recheckAll(): Promise<void> {
    const tools = [...new Set(this._checksOf('tool').map((c) => c.name))].filter((t) => !this._tools.has(t));
    await Promise.all([this._probeTools(tools), this._statFiles(this._fileChecks())]);
  }

  private async _probeTools(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    await Promise.all(names.map(async (n) => this._tools.set(n, await this._probe(n))));
    this._evaluate();
  }

  private async _statFiles(checks: readonly { path: string; kind?: 'file' | 'folder' }[]): Promise<void> {
    const folder = this._repo?.folder;
    if (folder) {
      await Promise.all(checks.map(async (c) => this._files.set(fileKey(c.path, c.kind), await pathExists(folder, c.path, c.kind, this._log))));
    }
    this._evaluate();
  }

  private _rememberEvent(event: OnboardingEvent): void {
    const facts = remember(this._stored.facts, 'events', event);
    if (facts === this._stored.facts) return;
    this._updateStored({ ...this._stored, facts });
    this._evaluate();
  }

  private _facts(): Facts {
    const f = this._stored.facts;
    return {
      fileExists: (p, kind) => this._files.get(fileKey(p, kind)) ?? false,
      toolVersion: (name) => this._tools.get(name),
      commandsRun: new Set(f.commandsRun),
      setting: (key) => {
        const i = vscode.workspace.getConfiguration().inspect(key);
        return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
      },
      installedExtensions: new Set(vscode.extensions.all.map((e) => e.id)),
      events: new Set(f.events),
      manualTicks: new Set(f.manualTicks),
    };
  }

  // ---- evaluation ------------------------------------------------------------

  private _timeline(): OnboardingTimeline {
    return this._stored.timeline ?? newTimeline(this._clock.now());
  }

  private _evaluate(): void {
    if (!this._loaded) return;
    try {
      const def = this._definition();
      if (!def) {
        this._reconcileWatchers([]);
        this._publish({ status: this.o.config.config.features.onboarding === false ? 'disabled' : this._repoFileState === 'invalid' ? 'invalid' : 'none', file: this._repo && this._fileUri(this._repo).toString() });
        return;
      }
      const state = evaluateChecklist(def, this._facts());
      const now = this._clock.now();
      const before = this._timeline();
      const after = recordEvaluation(before, state, now);
      if (after !== this._stored.timeline) {
        for (const c of newlyCompleted(before, after)) {
          this._log.info(`step '${c.stepId}' done`);
          this.o.recorder.record('onboarding.stepCompleted', { stepId: c.stepId.slice(0, 100), durationMs: c.durationMs });
        }
        this._updateStored({ ...this._stored, timeline: after });
      }
      this._reconcileWatchers(state.watch.files);
      this._publish({ status: 'ready', source: this._repoDef ? 'repo' : 'platform', definition: def, state, file: this._repo && this._fileUri(this._repo).toString() });
    } catch (e) {
      this._log.error(`evaluating the checklist failed: ${errorMessage(e)}`);
    }
  }

  /** Views re-render only on a real change: a refresh mid-click would swallow the click. */
  private _publish(next: OnboardingSnapshot): void {
    const key = JSON.stringify(next);
    if (key === this._snapshotKey) return;
    this._snapshotKey = key;
    this._snapshot = next;
    this._onDidChange.fire(next);
  }

  private _updateStored(next: Stored): void {
    this._stored = next;
    const key = this._repo?.key;
    if (key) void Promise.resolve(this.o.globalState.update(`${STATE_KEY}:${key}`, next)).catch((e: unknown) => this._log.warn(`saving onboarding progress failed: ${errorMessage(e)}`));
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
      this._enqueue('re-checking files', () => this._statFiles(this._fileChecks()));
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

function fileKey(p: string, kind: 'file' | 'folder' | undefined): string {
  return `${kind ?? 'any'}:${p}`;
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
