import * as z from 'zod/mini';
import type { Clock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { errorMessage, type Log } from '../common/log';
import type { EventData } from '../events/kinds';
import type { GitQueries } from './gitQueries';

// Time to first commit for a new hire, for one repository. New-hire mode starts when the
// developer says "I'm new here", or on first open when the repository has no commit by the
// configured user.email; the first commit they author afterwards ends it, once.

export const NewHireState = z.object({
  version: z.literal(1),
  /** The automatic check ran once; it never runs again for this repository. */
  autoChecked: z.boolean(),
  startedAt: z.optional(z.number()),
  startedBy: z.optional(z.enum(['command', 'noCommitsByUser'])),
  /** The email in use when the mode started; the commit must be theirs. */
  email: z.optional(z.string()),
  completedAt: z.optional(z.number()),
});
export type NewHireState = z.infer<typeof NewHireState>;

export type NewHireFirstCommit = EventData<'newHire.firstCommit'>;

export interface NewHireTrackerOptions {
  readonly clock: Clock;
  readonly log: Log;
  readonly git: GitQueries;
  /** What toJSON() returned last time; anything invalid starts afresh, with a log line. */
  readonly state?: unknown;
}

export class NewHireTracker {
  private readonly _onDidChangeState = new Emitter<NewHireState>();
  readonly onDidChangeState = this._onDidChangeState.event;

  private readonly clock: Clock;
  private readonly log: Log;
  private readonly git: GitQueries;
  private state: NewHireState = { version: 1, autoChecked: false };
  private checking: Promise<NewHireFirstCommit | undefined> | undefined;

  constructor(options: NewHireTrackerOptions) {
    this.clock = options.clock;
    this.log = options.log;
    this.git = options.git;
    if (options.state !== undefined) {
      const r = NewHireState.safeParse(options.state);
      if (r.success) this.state = r.data;
      else this.log.warn(`[newHire] stored state is unreadable and starts afresh: ${z.prettifyError(r.error)}`);
    }
  }

  get isActive(): boolean {
    return this.state.startedAt !== undefined && this.state.completedAt === undefined;
  }

  /** "I'm new here". Restarts nothing once a first commit was measured. */
  async start(): Promise<void> {
    if (this.state.startedAt !== undefined) return;
    this.begin('command', await this.email());
  }

  /** On opening the repository: starts new-hire mode if the user has no commit here yet. Runs once per repository. */
  async checkAutoStart(): Promise<boolean> {
    if (this.state.autoChecked || this.state.startedAt !== undefined) return false;
    const email = await this.email();
    if (!email) return false; // asked again next time: an email may be configured later
    let has: boolean;
    try {
      has = await this.git.hasCommitBy(email);
    } catch (e) {
      this.log.warn(`[newHire] could not ask git for commits by the user: ${errorMessage(e)}`);
      return false;
    }
    this.state = { ...this.state, autoChecked: true };
    if (has) {
      this.changed();
      return false;
    }
    this.begin('noCommitsByUser', email);
    return true;
  }

  /** After a commit (or a HEAD change): the event data if the new hire's first commit just appeared. */
  check(): Promise<NewHireFirstCommit | undefined> {
    // Overlapping callers wait for the question already asked and get nothing: the event is returned once.
    if (this.checking) return this.checking.then(() => undefined);
    this.checking = this.doCheck().finally(() => (this.checking = undefined));
    return this.checking;
  }

  toJSON(): NewHireState {
    return { ...this.state };
  }

  dispose(): void {
    this._onDidChangeState.dispose();
  }

  private async doCheck(): Promise<NewHireFirstCommit | undefined> {
    if (!this.isActive) return undefined;
    const startedAt = this.state.startedAt!;
    const email = this.state.email ?? (await this.email());
    if (!email) return undefined;
    let first: { hash: string; time: Date } | undefined;
    try {
      // git's --since has one-second resolution
      first = await this.git.firstCommitBy(email, new Date(Math.floor(startedAt / 1000) * 1000));
    } catch (e) {
      this.log.warn(`[newHire] could not ask git for the first commit: ${errorMessage(e)}`);
      return undefined;
    }
    if (!first || !this.isActive) return undefined;
    const at = Math.max(first.time.getTime(), startedAt);
    this.state = { ...this.state, email, completedAt: at };
    this.changed();
    return { durationMs: at - startedAt, startedBy: this.state.startedBy ?? 'command', ...(/^[0-9a-f]{7,64}$/.test(first.hash) ? { sha: first.hash } : {}) };
  }

  private begin(startedBy: 'command' | 'noCommitsByUser', email: string | undefined): void {
    this.state = { ...this.state, autoChecked: true, startedAt: this.clock.now(), startedBy, ...(email ? { email } : {}) };
    this.changed();
  }

  private async email(): Promise<string | undefined> {
    try {
      return await this.git.userEmail();
    } catch (e) {
      this.log.warn(`[newHire] could not read git user.email: ${errorMessage(e)}`);
      return undefined;
    }
  }

  private changed(): void {
    this._onDidChangeState.fire(this.toJSON());
  }
}
