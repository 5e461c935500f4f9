import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import { formatDiagnostic, type ConfigDiagnostic } from '../config/yamlLoader';
import { loadOnboarding, ONBOARDING_FILE, type OnboardingDefinition, type OnboardingEvent } from './definition';
import { evaluateChecklist, type ChecklistState, type Facts } from './evaluator';
import { emptyFacts, forget, newlyCompleted, parseFacts, remember, timelineMarkdown, type RememberedFacts } from './progress';
import { newTimeline, parseTimeline, recordEvaluation, recordFirstCommit, type OnboardingTimeline } from './timeline';

// The onboarding checklist's decisions and state, over small interfaces: which checklist
// applies (the repo's file wins over the platform's), the facts its checks have seen, the
// per-repository progress kept across restarts, the timeline and the step-completed
// events, and one snapshot for the views that changes only when something real changed.
// src/host/onboardingController.ts feeds it editor facts and applies what it asks for.

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

/** Per-repository progress, kept by the host (VS Code's globalState). */
export interface ProgressStore {
  get(repoKey: string): unknown;
  set(repoKey: string, value: unknown): void;
}

export interface OnboardingSessionOptions {
  readonly clock: Clock;
  readonly log: Log;
  readonly store: ProgressStore;
  /** Whether the onboarding feature is on (features.onboarding). */
  readonly enabled: () => boolean;
  /** A step was completed: the host records `onboarding.stepCompleted`. */
  readonly stepCompleted: (stepId: string, durationMs: number, sinceChecklistMs: number) => void;
  /** Live reads of the editor's settings and extensions (cheap, no events needed). */
  readonly readSetting: (key: string) => unknown;
  readonly installedExtensions: () => ReadonlySet<string>;
}

interface Stored {
  facts: RememberedFacts;
  timeline?: OnboardingTimeline;
}

type CheckOf<T extends string> = Extract<NonNullable<OnboardingDefinition['steps'][number]['check']>, { type: T }>;

export class OnboardingSession {
  private readonly _onDidChange = new Emitter<OnboardingSnapshot>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidComplete = new Emitter<void>();
  /** The checklist went from not complete to complete (not when it was already complete on opening). */
  readonly onDidComplete = this._onDidComplete.event;
  private _wasComplete: boolean | undefined;

  private _repoKey: string | undefined;
  private _file: string | undefined;
  private _repoDef: OnboardingDefinition | undefined;
  private _repoFileState: 'absent' | 'invalid' | 'ok' = 'absent';
  private _platformDef: OnboardingDefinition | undefined;
  private _stored: Stored = { facts: emptyFacts() };
  private _snapshot: OnboardingSnapshot = { status: 'loading' };
  private _snapshotKey = '';
  private _loaded = false;
  private readonly _files = new Map<string, boolean>();
  private readonly _tools = new Map<string, string | undefined>();

  constructor(private readonly o: OnboardingSessionOptions) {}

  get snapshot(): OnboardingSnapshot {
    return this._snapshot;
  }

  /** A repository was opened (or none): its remembered progress comes back, file facts start afresh. */
  openRepo(repoKey: string | undefined, file: string | undefined): void {
    this._repoKey = repoKey;
    this._file = file;
    this._wasComplete = undefined;
    this._repoDef = undefined;
    this._repoFileState = 'absent';
    this._files.clear();
    const raw = repoKey ? (this.o.store.get(repoKey) as { facts?: unknown; timeline?: unknown } | undefined) : undefined;
    this._stored = { facts: parseFacts(raw?.facts), timeline: parseTimeline(raw?.timeline) };
    // Nothing is evaluated until the repo's file was read: no flash of "no checklist".
    this._loaded = repoKey === undefined;
  }

  /**
   * What the repo's checklist file gave: a definition, `invalid` (keeps the last good one
   * until the file is fixed) or `absent`.
   */
  setRepoFile(result: OnboardingDefinition | 'invalid' | 'absent'): void {
    this._loaded = true;
    if (result === 'absent') {
      this._repoDef = undefined;
      this._repoFileState = 'absent';
    } else if (result === 'invalid') {
      this._repoFileState = this._repoDef ? 'ok' : 'invalid';
    } else {
      this._repoDef = result;
      this._repoFileState = 'ok';
    }
  }

  /**
   * Reads the repo's checklist file (`undefined`: there is none), logs what it found and
   * returns the problems for the Problems panel.
   */
  loadRepoFile(text: string | undefined): readonly ConfigDiagnostic[] {
    if (text === undefined) {
      this.setRepoFile('absent');
      return [];
    }
    const result = loadOnboarding(text);
    for (const d of result.diagnostics) this.o.log.warn(formatDiagnostic(ONBOARDING_FILE, d));
    if (result.value) {
      this.o.log.info(`${ONBOARDING_FILE}: ${result.value.steps.length} step(s)${result.diagnostics.length ? `, ${result.diagnostics.length} problem(s) in the Problems panel` : ''}`);
    } else {
      this.o.log.warn(`${ONBOARDING_FILE} could not be read${this.hasLastGoodFile ? '; keeping the last good version until it is fixed' : ''}`);
    }
    this.setRepoFile(result.value ?? 'invalid');
    return result.diagnostics;
  }

  /** A checklist from the platform's configuration; the repo's own file wins when both exist. */
  setPlatformChecklist(def: OnboardingDefinition | undefined): void {
    this._platformDef = def;
  }

  get hasLastGoodFile(): boolean {
    return this._repoDef !== undefined;
  }

  definition(): OnboardingDefinition | undefined {
    if (!this.o.enabled()) return undefined;
    return this._repoDef ?? this._platformDef;
  }

  checksOf<T extends NonNullable<OnboardingDefinition['steps'][number]['check']>['type']>(type: T): CheckOf<T>[] {
    return (this.definition()?.steps ?? []).flatMap((s) => (s.check?.type === type ? [s.check as CheckOf<T>] : []));
  }

  fileChecks(): { path: string; kind?: 'file' | 'folder' }[] {
    return this.checksOf('file').map((c) => ({ path: c.path, kind: c.kind }));
  }

  /** Tools the checklist needs whose version is not known yet. */
  unprobedTools(): string[] {
    return [...new Set(this.checksOf('tool').map((c) => c.name))].filter((t) => !this._tools.has(t));
  }

  /** Tools the current state still waits for (re-probed on focus and after commands). */
  awaitedTools(): readonly string[] {
    const state = this._snapshot.state;
    return state && !state.complete ? state.watch.tools : [];
  }

  /** Paths the current state still waits for: only these are watched. */
  awaitedFiles(): readonly string[] {
    return this._snapshot.state?.watch.files ?? [];
  }

  forgetTools(): void {
    this._tools.clear();
  }

  setTool(name: string, version: string | undefined): void {
    this._tools.set(name, version);
  }

  setFile(path: string, kind: 'file' | 'folder' | undefined, exists: boolean): void {
    this._files.set(fileKey(path, kind), exists);
  }

  rememberEvent(event: OnboardingEvent): void {
    const facts = remember(this._stored.facts, 'events', event);
    if (facts === this._stored.facts) return;
    this._save({ ...this._stored, facts });
    this.evaluate();
  }

  firstCommit(): void {
    if (this.definition()) this._save({ ...this._stored, timeline: recordFirstCommit(this._timeline(), this.o.clock.now()) });
    this.rememberEvent('firstCommit');
  }

  /** A manual tick or untick; false when the step is not one the developer ticks. */
  setManualTick(stepId: string, ticked: boolean): boolean {
    const step = this.definition()?.steps.find((s) => s.id === stepId);
    if (!step || (step.check && step.check.type !== 'manual')) return false;
    // A step waiting for others is not ticked before them (the tree would show it ticked and blocked).
    if (ticked && this._snapshot.state?.steps.find((s) => s.id === stepId)?.status === 'blocked') return false;
    const facts = ticked ? remember(this._stored.facts, 'manualTicks', stepId) : forget(this._stored.facts, 'manualTicks', stepId);
    this._save({ ...this._stored, facts });
    this.evaluate();
    return true;
  }

  /**
   * VS Code has no event for "a command ran", so a command counts when the developer
   * runs it from the checklist's own link (which goes through DX Pulse).
   */
  markCommandRun(commandId: string): void {
    this._save({ ...this._stored, facts: remember(this._stored.facts, 'commandsRun', commandId) });
    this.evaluate();
  }

  /** The developer's own setup timeline, as markdown. */
  timelineMarkdown(): string {
    const def = this.definition();
    return timelineMarkdown({ timeline: this._timeline(), now: this.o.clock.now(), title: def?.title, steps: def?.steps.map((s) => ({ id: s.id, title: s.title })) ?? [] });
  }

  /** Re-evaluates with the facts seen so far; publishes a snapshot only when it changed. */
  evaluate(): void {
    if (!this._loaded) return;
    try {
      const def = this.definition();
      if (!def) {
        this._publish({ status: !this.o.enabled() ? 'disabled' : this._repoFileState === 'invalid' ? 'invalid' : 'none', file: this._file });
        return;
      }
      const state = evaluateChecklist(def, this._facts());
      const before = this._timeline();
      const after = recordEvaluation(before, state, this.o.clock.now());
      if (after !== this._stored.timeline) {
        for (const c of newlyCompleted(before, after)) {
          this.o.log.info(`step '${c.stepId}' done`);
          this.o.stepCompleted(c.stepId.slice(0, 100), c.durationMs, c.sinceChecklistMs);
        }
        this._save({ ...this._stored, timeline: after });
      }
      this._publish({ status: 'ready', source: this._repoDef ? 'repo' : 'platform', definition: def, state, file: this._file });
    } catch (e) {
      this.o.log.error(`evaluating the checklist failed: ${errorMessage(e)}`);
    }
  }

  dispose(): void {
    this._onDidChange.dispose();
    this._onDidComplete.dispose();
  }

  private _facts(): Facts {
    const f = this._stored.facts;
    return {
      fileExists: (p, kind) => this._files.get(fileKey(p, kind)) ?? false,
      toolVersion: (name) => this._tools.get(name),
      commandsRun: new Set(f.commandsRun),
      setting: (key) => this.o.readSetting(key),
      installedExtensions: this.o.installedExtensions(),
      events: new Set(f.events),
      manualTicks: new Set(f.manualTicks),
    };
  }

  private _timeline(): OnboardingTimeline {
    return this._stored.timeline ?? newTimeline(this.o.clock.now());
  }

  /** Views re-render only on a real change: a refresh mid-click would swallow the click. */
  private _publish(next: OnboardingSnapshot): void {
    const key = JSON.stringify(next);
    if (key === this._snapshotKey) return;
    this._snapshotKey = key;
    this._snapshot = next;
    this._onDidChange.fire(next);
    const complete = !!next.state?.complete;
    if (this._wasComplete === false && complete) this._onDidComplete.fire();
    this._wasComplete = complete;
  }

  private _save(next: Stored): void {
    this._stored = next;
    if (this._repoKey) this.o.store.set(this._repoKey, next);
  }
}

function fileKey(p: string, kind: 'file' | 'folder' | undefined): string {
  return `${kind ?? 'any'}:${p}`;
}
