import type { Clock } from '../common/clock';
import type { CommandCategory } from '../events/kinds';

// Notices a developer stuck on the same build or test: N failures of one command within M
// minutes. One offer per streak: a success of that command, or M minutes with no failure,
// ends the streak; only a new streak can bring a new offer.

export interface CommandOutcome {
  /** Reduced command (program + subcommand), or a task name. */
  readonly command: string;
  readonly category: CommandCategory;
  readonly success: boolean;
}

export interface StuckOffer {
  readonly command: string;
  readonly failures: number;
  readonly windowMinutes: number;
  /** When the streak's first failure happened (ms since epoch). */
  readonly since: number;
}

export interface FailureStreak {
  readonly command: string;
  readonly failures: number;
  readonly since: number;
  readonly lastFailureAt: number;
}

export interface StuckDetectorOptions {
  readonly clock: Clock;
  /** Failures that make a streak (default 3). */
  readonly failures?: number;
  /** Window in minutes the failures must fall in (default 15). */
  readonly windowMinutes?: number;
}

interface Streak {
  /** Failure times inside the window. */
  times: number[];
  since: number;
  offered: boolean;
}

const MAX_TRACKED = 200;

export class StuckDetector {
  private readonly clock: Clock;
  private readonly threshold: number;
  private readonly windowMinutes: number;
  private readonly windowMs: number;
  private readonly streaks = new Map<string, Streak>();
  private lastFailed: string | undefined;

  constructor(options: StuckDetectorOptions) {
    this.clock = options.clock;
    this.threshold = Math.max(1, Math.floor(options.failures ?? 3));
    this.windowMinutes = options.windowMinutes !== undefined && options.windowMinutes > 0 ? options.windowMinutes : 15;
    this.windowMs = this.windowMinutes * 60_000;
  }

  /** Feeds one finished command; returns an offer the first time a streak reaches N failures. */
  observe(outcome: CommandOutcome): StuckOffer | undefined {
    if (outcome.category !== 'build' && outcome.category !== 'test') return undefined;
    const now = this.clock.now();
    const key = outcome.command;
    if (outcome.success) {
      this.streaks.delete(key);
      if (this.lastFailed === key) this.lastFailed = undefined;
      return undefined;
    }
    let s = this.current(key, now);
    if (!s) {
      s = { times: [], since: now, offered: false };
      this.streaks.set(key, s);
      this.prune(now);
    }
    s.times.push(now);
    this.lastFailed = key;
    if (!s.offered && s.times.length >= this.threshold) {
      s.offered = true;
      return { command: key, failures: s.times.length, windowMinutes: this.windowMinutes, since: s.since };
    }
    return undefined;
  }

  /** The streak still going for the most recently failed command (for a friction report's context). */
  lastFailure(): FailureStreak | undefined {
    if (!this.lastFailed) return undefined;
    const s = this.current(this.lastFailed, this.clock.now());
    if (!s) return undefined;
    return { command: this.lastFailed, failures: s.times.length, since: s.since, lastFailureAt: s.times[s.times.length - 1]! };
  }

  /** The streak of `key` with failures older than the window removed; undefined once it has ended. */
  private current(key: string, now: number): Streak | undefined {
    const s = this.streaks.get(key);
    if (!s) return undefined;
    s.times = s.times.filter((t) => now - t <= this.windowMs && t <= now);
    if (s.times.length === 0) {
      this.streaks.delete(key);
      return undefined;
    }
    return s;
  }

  private prune(now: number): void {
    if (this.streaks.size <= MAX_TRACKED) return;
    for (const key of [...this.streaks.keys()]) this.current(key, now);
    while (this.streaks.size > MAX_TRACKED) this.streaks.delete(this.streaks.keys().next().value!);
  }
}
