import * as z from 'zod/mini';
import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import type { EventData } from '../events/kinds';
import type { CommandOutcome } from './stuckDetector';

// Setup time per repository on this machine: from the first time it is opened to its first
// successful build or test, with the failed attempts and install runs in between. The state
// is plain JSON the host keeps in globalState (it outlives windows and restarts).

const RepoSetup = z.object({
  firstOpenedAt: z.number(),
  failedAttempts: z.int().check(z.nonnegative()),
  installRuns: z.int().check(z.nonnegative()),
  /** Set once setup completed (or was found not measurable); no event after that. */
  completedAt: z.optional(z.number()),
  /** Opened before DX Pulse could see it being set up: never reported. */
  notMeasurable: z.optional(z.boolean()),
  /** Why, in words for the developer's own view (see setupWatch.ts). */
  notMeasurableReason: z.optional(z.string()),
});
export type RepoSetup = z.infer<typeof RepoSetup>;

export const SetupState = z.object({ version: z.literal(1), repos: z.record(z.string(), RepoSetup) });
export type SetupState = z.infer<typeof SetupState>;

export interface SetupTrackerOptions {
  readonly clock: Clock;
  readonly log: Log;
  /** What toJSON() returned last time (from globalState); anything invalid starts afresh, with a log line. */
  readonly state?: unknown;
  /** Most repositories remembered; the oldest completed ones go first. Default 500. */
  readonly maxRepos?: number;
}

export type SetupCompleted = EventData<'setup.completed'>;

export class SetupTracker {
  private readonly _onDidChangeState = new Emitter<SetupState>();
  /** Fires after every change; the host persists toJSON() then. */
  readonly onDidChangeState = this._onDidChangeState.event;

  private readonly clock: Clock;
  private readonly maxRepos: number;
  private readonly repos: Record<string, RepoSetup>;

  constructor(options: SetupTrackerOptions) {
    this.clock = options.clock;
    this.maxRepos = options.maxRepos ?? 500;
    let repos: Record<string, RepoSetup> = {};
    if (options.state !== undefined) {
      const r = SetupState.safeParse(options.state);
      if (r.success) repos = { ...r.data.repos };
      else options.log.warn(`[setup] stored setup state is unreadable and starts afresh: ${errorMessage(z.prettifyError(r.error))}`);
    }
    this.repos = repos;
  }

  /**
   * The repository is open in a window. The first call starts its setup clock. Pass
   * `measurable: false` when it was clearly set up before (the host may know, e.g. it was
   * opened before DX Pulse was installed): it will then never be reported.
   */
  repoOpened(repoKey: string, options: { measurable?: boolean; since?: number; reason?: string } = {}): void {
    if (this.repos[repoKey]) return;
    const now = this.clock.now();
    this.repos[repoKey] = options.measurable === false
      ? { firstOpenedAt: now, failedAttempts: 0, installRuns: 0, completedAt: now, notMeasurable: true, ...(options.reason ? { notMeasurableReason: options.reason } : {}) }
      : { firstOpenedAt: Math.min(options.since ?? now, now), failedAttempts: 0, installRuns: 0 };
    this.trim();
    this.changed();
  }

  /** Feeds a finished build/test/install; returns the setup.completed data exactly once per repository. */
  observe(repoKey: string, outcome: CommandOutcome): SetupCompleted | undefined {
    if (!this.repos[repoKey]) this.repoOpened(repoKey);
    const r = this.repos[repoKey]!;
    if (r.completedAt !== undefined) return undefined;
    if (outcome.category === 'install') {
      r.installRuns++;
      this.changed();
      return undefined;
    }
    if (outcome.category !== 'build' && outcome.category !== 'test') return undefined;
    if (!outcome.success) {
      r.failedAttempts++;
      this.changed();
      return undefined;
    }
    const now = this.clock.now();
    r.completedAt = now;
    this.changed();
    return { durationMs: Math.max(0, now - r.firstOpenedAt), failedAttempts: r.failedAttempts, installRuns: r.installRuns, firstSuccess: outcome.category };
  }

  /** This repository's setup so far, for the developer's own view. */
  get(repoKey: string): RepoSetup | undefined {
    const r = this.repos[repoKey];
    return r ? { ...r } : undefined;
  }

  toJSON(): SetupState {
    return { version: 1, repos: Object.fromEntries(Object.entries(this.repos).map(([k, v]) => [k, { ...v }])) };
  }

  dispose(): void {
    this._onDidChangeState.dispose();
  }

  private changed(): void {
    this._onDidChangeState.fire(this.toJSON());
  }

  private trim(): void {
    const keys = Object.keys(this.repos);
    if (keys.length <= this.maxRepos) return;
    // Completed ones first (nothing left to measure), then oldest opened.
    keys.sort((a, b) => {
      const ra = this.repos[a]!;
      const rb = this.repos[b]!;
      const ca = ra.completedAt === undefined ? 1 : 0;
      const cb = rb.completedAt === undefined ? 1 : 0;
      return ca - cb || ra.firstOpenedAt - rb.firstOpenedAt;
    });
    for (const k of keys.slice(0, keys.length - this.maxRepos)) delete this.repos[k];
  }
}
