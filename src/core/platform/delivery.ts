import type { Clock } from '../common/clock';
import { Disposable, Emitter, toDisposable, type Event } from '../common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../common/log';
import type { EventEnvelope } from '../events/envelope';
import type { OutboxSource } from '../outbox/types';
import { MAX_BATCH_BYTES, type RejectedEvent } from './contract';
import type { SendOutcome, Sink } from './sink';
import { isAnonymous } from '../privacy/anonymity';

// Defaults, from /work/shared/notes/field-facts.md (WakaTime: 25 per request, up to 1000
// per sync, flushed at most every 30 s):
// - 30 s interval: friction events are not urgent, and one wake-up per 30 s costs
//   nothing on a laptop battery; a burst (a failing build loop) still goes in one request.
// - 100 per request, not 25: our envelopes are small (~0.5-1 KB), so 100 is ~100 KB,
//   far under the 1 MB request limit, and a 400 bisects in at most 7 extra requests.
// - 1000 per cycle, like WakaTime's sync, so one window never monopolises the network
//   after a long offline spell; a remaining backlog continues after 1 s, not 30 s.
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_MAX_EVENTS_PER_CYCLE = 1000;
export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_BACKOFF_BASE_MS = 2_000;
export const DEFAULT_BACKOFF_MAX_MS = 5 * 60_000;

export type DeliveryHealth =
  | { readonly state: 'healthy' }
  /** Sends have failed for at least `offlineAfterMs`; events wait in the outbox. */
  | { readonly state: 'offline'; readonly since: number; readonly lastError: string }
  /** Not signed in, or the token was refused: nothing is sent until credentials change. */
  | { readonly state: 'authFailed'; readonly message: string }
  /** The server refused events for good; shown until acknowledgeDrops(). */
  | { readonly state: 'dropping'; readonly count: number; readonly lastReason: string };

export type DrainStop = 'empty' | 'cycleLimit' | 'retry' | 'authFailed' | 'notAllowed' | 'noLease' | 'waiting' | 'aborted';

export interface DrainReport {
  readonly delivered: number;
  readonly dropped: number;
  readonly stoppedBy: DrainStop;
}

/** Only the lease holder delivers (see lease.ts). */
export interface DeliveryLease {
  tryAcquire(): Promise<boolean>;
}

export interface DeliveryOptions {
  readonly outbox: OutboxSource;
  readonly sink: Sink;
  readonly log: Log;
  readonly clock: Clock;
  /** The telemetry gate: VS Code's telemetry level narrowed by our own setting. */
  readonly isAllowed: () => boolean;
  /**
   * Whether this event may still be sent now. Sharing can be narrowed after an event was
   * queued (e.g. from `all` to `signals`): such events are removed, counted as dropped,
   * and never sent. Every event passes when absent.
   */
  readonly maySend?: (event: EventEnvelope) => boolean;
  readonly lease?: DeliveryLease;
  /** [0, 1); Math.random by default. */
  readonly random?: () => number;
  /** Resolves after `ms` or as soon as `signal` aborts; a real timer by default. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly batchSize?: number;
  readonly maxBatchBytes?: number;
  readonly maxEventsPerCycle?: number;
  readonly intervalMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Upper bound on an honoured Retry-After, against a server asking for days. */
  readonly maxRetryAfterMs?: number;
  /** How long sends must keep failing before health says offline. */
  readonly offlineAfterMs?: number;
}

/**
 * Moves events from the outbox to a sink. An event leaves the outbox only when the
 * sink acknowledged it (2xx) or refused it for good (400 after bisecting down to it);
 * everything else leaves it queued, so a crash or kill at any point loses nothing
 * (the server de-duplicates what was sent twice).
 */
export class DeliveryLoop extends Disposable {
  private readonly _onDidChangeHealth = this._register(new Emitter<DeliveryHealth>());
  readonly onDidChangeHealth: Event<DeliveryHealth> = this._onDidChangeHealth.event;

  private readonly log: Log;
  private readonly o: Required<Omit<DeliveryOptions, 'lease'>> & { lease?: DeliveryLease };
  private _health: DeliveryHealth = { state: 'healthy' };
  private failures = 0;
  private failingSince: number | undefined;
  private lastError = '';
  private nextAttemptAt = 0;
  private authMessage: string | undefined;
  private droppedUnseen = 0;
  private lastDropReason = '';
  private _droppedTotal = 0;
  private _deliveredTotal = 0;
  private current: AbortController | undefined;
  private wake: AbortController | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private started = false;
  private lastStop: DrainStop = 'empty';

  constructor(options: DeliveryOptions) {
    super();
    this.log = scopedLog(options.log, `delivery:${options.sink.name}`);
    this.o = {
      random: Math.random,
      sleep: defaultSleep,
      batchSize: DEFAULT_BATCH_SIZE,
      maxBatchBytes: MAX_BATCH_BYTES,
      maxEventsPerCycle: DEFAULT_MAX_EVENTS_PER_CYCLE,
      intervalMs: DEFAULT_INTERVAL_MS,
      backoffBaseMs: DEFAULT_BACKOFF_BASE_MS,
      backoffMaxMs: DEFAULT_BACKOFF_MAX_MS,
      maxRetryAfterMs: 60 * 60_000,
      offlineAfterMs: 2 * 60_000,
      maySend: () => true,
      ...options,
    };
    this._register(toDisposable(() => {
      this.current?.abort();
      this.wake?.abort();
    }));
  }

  get health(): DeliveryHealth {
    return this._health;
  }
  get deliveredTotal(): number {
    return this._deliveredTotal;
  }
  get droppedTotal(): number {
    return this._droppedTotal;
  }

  /** Runs cycles every interval (or when the backoff ends) until disposed. */
  start(): void {
    if (this.started || this.isDisposed) return;
    this.started = true;
    void this.run();
  }

  /** New events or a changed setting: try now (backoff and rate limits still apply). */
  kick(): void {
    this.wake?.abort();
  }

  /** The host calls this when the token changes (sign in/out): leaves authFailed. */
  credentialsChanged(): void {
    this.authMessage = undefined;
    this.nextAttemptAt = 0;
    this.failures = 0;
    this.updateHealth();
    this.kick();
  }

  /** The host calls this when the telemetry gate may have changed. */
  allowedChanged(): void {
    if (!this.o.isAllowed()) {
      // Stop the moment telemetry is off: cancel the request in flight (its events stay queued).
      this.current?.abort();
    } else {
      this.kick();
    }
  }

  /** The user saw the dropped count (status bar details). */
  acknowledgeDrops(): void {
    this.droppedUnseen = 0;
    this.updateHealth();
  }

  /** For deactivate: one cycle, bounded by `timeoutMs` whatever the network does. */
  async flush(timeoutMs: number): Promise<DrainReport> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<DrainReport>((resolve) => {
      timer = setTimeout(() => {
        this.current?.abort();
        resolve({ delivered: 0, dropped: 0, stoppedBy: 'aborted' });
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.drainOnce(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One cycle; exposed for tests and for flush. Never rejects. */
  drainOnce(): Promise<DrainReport> {
    return this.exclusive(() => this.cycle());
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(): Promise<void> {
    while (!this.isDisposed) {
      const now = this.o.clock.now();
      let delay = this.lastStop === 'cycleLimit' ? Math.min(1000, this.o.intervalMs) : this.o.intervalMs;
      if (this.nextAttemptAt > now) delay = this.nextAttemptAt - now;
      this.wake = new AbortController();
      await this.o.sleep(delay, this.wake.signal);
      if (this.isDisposed) break;
      const report = await this.drainOnce();
      this.lastStop = report.stoppedBy;
    }
  }

  private async cycle(): Promise<DrainReport> {
    let delivered = 0;
    let dropped = 0;
    const done = (stoppedBy: DrainStop): DrainReport => ({ delivered, dropped, stoppedBy });
    if (this.isDisposed) return done('aborted');
    if (!this.o.isAllowed()) return done('notAllowed');
    if (this.authMessage !== undefined) return done('authFailed');
    if (this.o.clock.now() < this.nextAttemptAt) return done('waiting');
    const abort = new AbortController();
    this.current = abort;
    try {
      while (delivered + dropped < this.o.maxEventsPerCycle) {
        if (this.o.lease && !(await this.o.lease.tryAcquire())) return done('noLease');
        if (!this.o.isAllowed()) return done('notAllowed');
        if (abort.signal.aborted) return done('aborted');
        const read = await this.o.outbox.readBatch(Math.min(this.o.batchSize, this.o.maxEventsPerCycle - delivered - dropped));
        if (read.length === 0) {
          this.succeeded();
          return done('empty');
        }
        const batch = read.filter((e) => this.o.maySend(e));
        if (batch.length < read.length) {
          const keep = new Set(batch.map((e) => e.id));
          dropped += await this.discardUnshareable(read.filter((e) => !keep.has(e.id)));
          if (batch.length === 0) continue;
        }
        // Anonymous answers never share a request with identified events (privacy/anonymity.ts).
        const together = batch.filter((e) => !isAnonymous(e));
        const groups = [...(together.length ? [together] : []), ...batch.filter(isAnonymous).map((e) => [e])];
        for (const group of groups) {
          const r = await this.deliver(group, abort.signal);
          delivered += r.delivered;
          dropped += r.dropped;
          if (r.stop) return done(this.stopped(r.stop));
          this.succeeded();
        }
      }
      return done('cycleLimit');
    } catch (e) {
      // The outbox failed (disk full, corrupt file): back off like a network error.
      return done(this.stopped({ kind: 'retry', message: `outbox: ${errorMessage(e)}` }));
    } finally {
      if (this.current === abort) this.current = undefined;
    }
  }

  /** Sends, splitting on 400 until the bad events are isolated; sends the rest. */
  private async deliver(events: readonly EventEnvelope[], signal: AbortSignal): Promise<{ delivered: number; dropped: number; stop?: SendOutcome }> {
    if (this.byteSize(events) > this.o.maxBatchBytes) {
      if (events.length === 1) {
        return { delivered: 0, dropped: await this.drop(events, `the event is larger than the ${this.o.maxBatchBytes}-byte request limit`), stop: undefined };
      }
      return this.deliverHalves(events, signal);
    }
    if (!this.o.isAllowed() || signal.aborted) return { delivered: 0, dropped: 0, stop: { kind: 'aborted', message: 'stopped' } };
    let outcome: SendOutcome;
    try {
      outcome = await this.o.sink.send(events, signal);
    } catch (e) {
      outcome = { kind: 'retry', message: errorMessage(e) };
    }
    if (outcome.kind === 'ok') {
      const bad = this.matching(events, outcome.rejected);
      const badIds = new Set(bad.map((b) => b.id));
      const good = events.filter((e) => !badIds.has(e.id)).map((e) => e.id);
      if (good.length) await this.o.outbox.acknowledge(good);
      this._deliveredTotal += good.length;
      const dropped = bad.length ? await this.dropRejected(bad) : 0;
      return { delivered: good.length, dropped };
    }
    if (outcome.kind === 'badRequest') {
      if (events.length === 1) {
        const reason = outcome.rejected.find((r) => r.id === events[0]!.id)?.reason ?? outcome.message;
        return { delivered: 0, dropped: await this.drop(events, reason) };
      }
      const named = this.matching(events, outcome.rejected);
      if (named.length > 0 && named.length < events.length) {
        // Trust but verify: drop what the server named, then send the rest, which
        // bisects again if the server was wrong about it.
        const namedIds = new Set(named.map((n) => n.id));
        const dropped = await this.dropRejected(named);
        const rest = await this.deliver(events.filter((e) => !namedIds.has(e.id)), signal);
        return { ...rest, dropped: rest.dropped + dropped };
      }
      return this.deliverHalves(events, signal);
    }
    return { delivered: 0, dropped: 0, stop: outcome };
  }

  private async deliverHalves(events: readonly EventEnvelope[], signal: AbortSignal): Promise<{ delivered: number; dropped: number; stop?: SendOutcome }> {
    const mid = Math.ceil(events.length / 2);
    const a = await this.deliver(events.slice(0, mid), signal);
    if (a.stop) return a;
    const b = await this.deliver(events.slice(mid), signal);
    return { delivered: a.delivered + b.delivered, dropped: a.dropped + b.dropped, stop: b.stop };
  }

  private matching(events: readonly EventEnvelope[], rejected: readonly RejectedEvent[]): RejectedEvent[] {
    const ids = new Set(events.map((e) => e.id));
    const seen = new Set<string>();
    return rejected.filter((r) => ids.has(r.id) && !seen.has(r.id) && seen.add(r.id));
  }

  private async dropRejected(rejected: readonly RejectedEvent[]): Promise<number> {
    // One outbox call per distinct reason keeps the reasons the outbox records accurate.
    const byReason = new Map<string, string[]>();
    for (const r of rejected) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.id]);
    let n = 0;
    for (const [reason, ids] of byReason) n += await this.dropIds(ids, reason);
    return n;
  }

  /** Not a failure: the developer narrowed sharing, so these are removed, never sent. */
  private async discardUnshareable(events: readonly EventEnvelope[]): Promise<number> {
    await this.o.outbox.reject(events.map((e) => e.id), 'sharing was narrowed after the event was recorded');
    this.log.info(`removed ${events.length} queued event(s) that sharing no longer allows (${[...new Set(events.map((e) => e.kind))].join(', ')})`);
    return events.length;
  }

  private drop(events: readonly EventEnvelope[], reason: string): Promise<number> {
    return this.dropIds(events.map((e) => e.id), reason);
  }

  private async dropIds(ids: readonly string[], reason: string): Promise<number> {
    await this.o.outbox.reject(ids, reason);
    this.log.warn(`dropped ${ids.length} event(s) the server refused: ${reason} (ids: ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''})`);
    this._droppedTotal += ids.length;
    this.droppedUnseen += ids.length;
    this.lastDropReason = reason;
    this.updateHealth();
    return ids.length;
  }

  private byteSize(events: readonly EventEnvelope[]): number {
    return Buffer.byteLength(JSON.stringify({ events }), 'utf8');
  }

  private succeeded(): void {
    if (this.failures > 0) this.log.info(`delivery works again after ${this.failures} failed attempt(s)`);
    this.failures = 0;
    this.failingSince = undefined;
    this.nextAttemptAt = 0;
    this.updateHealth();
  }

  private stopped(outcome: SendOutcome): DrainStop {
    const now = this.o.clock.now();
    switch (outcome.kind) {
      case 'authFailed':
        this.authMessage = outcome.message;
        this.log.warn(`${outcome.message}; delivery paused until credentials change`);
        this.updateHealth();
        return 'authFailed';
      case 'aborted':
        return 'aborted';
      case 'retry': {
        this.failures++;
        this.failingSince ??= now;
        this.lastError = outcome.message;
        const ceiling = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** Math.min(this.failures - 1, 30));
        // Full jitter (AWS architecture blog): spreads out windows that failed together.
        const backoff = Math.floor(this.o.random() * ceiling);
        const delay = outcome.retryAfterMs !== undefined ? Math.min(outcome.retryAfterMs, this.o.maxRetryAfterMs) : backoff;
        this.nextAttemptAt = now + delay;
        this.log.warn(`${outcome.message}; attempt ${this.failures}, retrying in ${Math.round(delay / 1000)} s`);
        this.updateHealth();
        return 'retry';
      }
      default:
        return 'retry';
    }
  }

  private updateHealth(): void {
    const now = this.o.clock.now();
    let h: DeliveryHealth;
    if (this.authMessage !== undefined) h = { state: 'authFailed', message: this.authMessage };
    else if (this.failingSince !== undefined && now - this.failingSince >= this.o.offlineAfterMs) h = { state: 'offline', since: this.failingSince, lastError: this.lastError };
    else if (this.droppedUnseen > 0) h = { state: 'dropping', count: this.droppedUnseen, lastReason: this.lastDropReason };
    else h = { state: 'healthy' };
    if (JSON.stringify(h) !== JSON.stringify(this._health)) {
      this._health = h;
      this._onDidChangeHealth.fire(h);
    }
  }
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    t.unref?.();
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
