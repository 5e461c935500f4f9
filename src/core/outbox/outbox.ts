import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../common/clock';
import { systemClock } from '../common/clock';
import { Emitter } from '../common/lifecycle';
import { isProcessAlive } from '../common/process';
import { errorMessage, scopedLog, type Log } from '../common/log';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE } from '../common/privateFiles';
import type { EventEnvelope } from '../events/envelope';
import {
  acksName, claimedName, parseDataFileName, parseJsonl,
  readAcks, readIfExists, sealedName, storedLine, tryRename, unlinkQuietly, writeAtomically,
  type DataFile, type OutboxMeta, type ParsedLine,
} from './outboxFiles';
import { DropLedger, SentHistory, type SentRecord } from './outboxLedgers';
import { ActiveFileWriter } from './outboxWriter';
import type { OutboxSource } from './types';

export interface OutboxOptions {
  /** The outbox directory (the extension's global storage, or a folder in it). */
  readonly dir: string;
  readonly log: Log;
  readonly clock?: Clock;
  /** Bound on undelivered bytes on disk, all windows together. Default 8 MiB. */
  readonly maxBytes?: number;
  /** Bound on undelivered events, all windows together. Default 20 000. */
  readonly maxEvents?: number;
  /** Seal this window's file once it is this old, so other windows can deliver it. Default 60 s. */
  readonly sealAfterMs?: number;
  /** Bytes of sent history kept for the "Show Collected Data" view. Default 1 MiB. */
  readonly maxSentBytes?: number;
  /** Builds the `outbox.dropped` event recorded after a drop (see events/kinds.ts). */
  readonly makeDroppedEvent?: (count: number, reason: string) => EventEnvelope | undefined;
  /** For tests: whether a process still runs. */
  readonly isProcessAlive?: (pid: number) => boolean;
  /**
   * Where events go now (platform/destination.ts). Each event is stamped with it when
   * recorded and delivered only while it still holds: events recorded for another
   * destination (or for none) are dropped, never sent to the new one.
   */
  readonly destination?: () => string;
}

export interface OutboxStats {
  readonly pendingCount: number;
  readonly pendingBytes: number;
  readonly droppedCount: number;
  readonly lastDropReason?: string;
  readonly lastDropTime?: string;
}

export interface DropNotice {
  readonly count: number;
  readonly reason: string;
}

interface Entry extends ParsedLine {
  readonly bytes: number;
}

/** A data file this instance claimed (renamed to c-<me>~<base>) and is delivering. */
interface Claimed {
  readonly base: string;
  readonly file: string;
  entries: Entry[];
  readonly done: Set<string>;
}


/**
 * A durable, bounded outbox shared by every window of the editor, with no lock server.
 *
 * Each instance (one per window) appends to its own file, so writers never contend. A file
 * becomes deliverable once its writer seals it (by age, size, a read, or dispose) or once its
 * writer process is dead; a deliverer then claims it by atomic rename, so two windows never
 * send the same file. A claimed file is never written again, and is deleted only after a
 * re-read shows every event in it acknowledged or rejected.
 *
 * This window's writing is an ActiveFileWriter (outboxWriter.ts, durability there); this
 * class claims, acknowledges, bounds and inspects.
 */
export class Outbox implements OutboxSource {
  private readonly _onDidDrop = new Emitter<DropNotice>();
  /** Fires after events were dropped (outbox full, or rejected by the platform). */
  readonly onDidDrop = this._onDidDrop.event;

  private readonly log: Log;
  private readonly clock: Clock;
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly maxEvents: number;
  private readonly alive: (pid: number) => boolean;
  private readonly drops: DropLedger;
  private readonly sent: SentHistory;
  private readonly maxSentBytes: number;
  /** `<pid>-<random>`: names this writer's files and this deliverer's claims. */
  readonly writerId: string;

  private readonly writer: ActiveFileWriter;
  /** Estimate of undelivered bytes/events on disk, refreshed by every scan. */
  private knownBytes = 0;
  private knownEvents = 0;
  private enforcing = false;
  /** Raised when what is left over the bound cannot be dropped here (other windows' open files). */
  private enforceAboveBytes = 0;
  private enforceAboveEvents = 0;
  private estimated = false;
  private disposed = false;
  private readonly claimed = new Map<string, Claimed>();

  constructor(options: OutboxOptions) {
    this.log = scopedLog(options.log, 'outbox');
    this.clock = options.clock ?? systemClock;
    this.dir = options.dir;
    this.maxBytes = Math.max(4096, options.maxBytes ?? 8 * 1024 * 1024);
    this.maxEvents = Math.max(10, options.maxEvents ?? 20_000);
    this.alive = options.isProcessAlive ?? isProcessAlive;
    this.makeDroppedEvent = options.makeDroppedEvent;
    this.destination = options.destination;
    this.writerId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    ensurePrivateDirSync(this.dir);
    this.writer = new ActiveFileWriter({
      dir: this.dir,
      writerId: this.writerId,
      clock: this.clock,
      log: this.log,
      sealAfterMs: options.sealAfterMs ?? 60_000,
      sealBytes: Math.max(2048, Math.floor(this.maxBytes / 16)),
      onLost: (lines, reason) => this.noteDrop(lines, reason, false),
    });
    this.drops = new DropLedger(this.dir);
    this.maxSentBytes = options.maxSentBytes ?? 1024 * 1024;
    this.sent = new SentHistory(this.dir, this.maxSentBytes);
    this.enforceAboveBytes = this.maxBytes;
    this.enforceAboveEvents = this.maxEvents;
    // The size estimate reads every pending file: done on the first record, not here,
    // so constructing the outbox (in the editor's activate) stays cheap.
  }

  private readonly makeDroppedEvent: OutboxOptions['makeDroppedEvent'];
  private readonly destination: OutboxOptions['destination'];

  /**
   * Records one event. Cheap and synchronous; never throws (a failure is logged and counted).
   * `notBefore` (ms) holds it back from delivery until then.
   */
  record(event: EventEnvelope, options: { notBefore?: number } = {}): void {
    if (this.disposed) {
      this.noteDrop(1, 'recorded after the outbox was closed', false);
      return;
    }
    if (!this.estimated) {
      this.estimated = true;
      this.refreshEstimate();
    }
    const meta: OutboxMeta = { ...(this.destination ? { dest: this.destination() } : {}), ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}) };
    const line = storedLine(event, meta) + '\n';
    this.writer.append(line);
    this.knownBytes += line.length;
    this.knownEvents++;
    if (this.knownBytes > this.enforceAboveBytes || this.knownEvents > this.enforceAboveEvents) this.enforceBound();
  }

  /** Writes buffered lines now (also run at the end of every tick that recorded). */
  flush(): void {
    this.writer.flush();
  }

  /** Stops appending to this window's file and makes it deliverable by any window. */
  seal(): void {
    this.writer.seal();
  }

  // ---- delivery (OutboxSource) ----

  async readBatch(max: number): Promise<EventEnvelope[]> {
    this.seal();
    this.claimAvailable();
    const out: EventEnvelope[] = [];
    const elsewhere: string[] = [];
    const dest = this.destination?.();
    const now = this.clock.now();
    outer: for (const c of this.sortedClaims()) {
      for (const e of c.entries) {
        if (out.length >= max) break outer;
        if (c.done.has(e.event.id)) continue;
        // Events written before destinations were stamped (no `dest`) are delivered as before.
        if (dest !== undefined && e.meta.dest !== undefined && e.meta.dest !== dest) elsewhere.push(e.event.id);
        else if (e.meta.notBefore === undefined || e.meta.notBefore <= now) out.push(e.event);
      }
    }
    if (elsewhere.length > 0) {
      const n = this.markDone(elsewhere, 'r').length;
      // Not reported to the new destination: it has no business knowing about the old one.
      if (n > 0) this.noteDrop(n, 'recorded while another destination (or none) was configured; not sent to the current one', false);
    }
    return out;
  }

  async acknowledge(ids: readonly string[]): Promise<void> {
    const lines = this.markDone(ids, 'a');
    try {
      this.sent.append(new Date(this.clock.now()).toISOString(), lines);
    } catch (e) {
      this.log.warn(`could not add ${lines.length} event(s) to the sent history: ${errorMessage(e)}`);
    }
  }

  async reject(ids: readonly string[], reason: string): Promise<void> {
    const lines = this.markDone(ids, 'r');
    if (lines.length === 0) return;
    // A refused drop report must not beget another one, or a refusing server would loop.
    const onlyDropReports = lines.every((l) => l.includes('"kind":"outbox.dropped"'));
    this.noteDrop(lines.length, `rejected by the platform: ${reason}`, !onlyDropReports);
  }

  /** Marks ids done in the claimed files; returns the lines of those found. */
  private markDone(ids: readonly string[], mark: 'a' | 'r'): string[] {
    const wanted = new Set(ids);
    const lines: string[] = [];
    for (const c of this.sortedClaims()) {
      const fresh: string[] = [];
      for (const e of c.entries) {
        if (wanted.has(e.event.id) && !c.done.has(e.event.id)) {
          c.done.add(e.event.id);
          fresh.push(e.event.id);
          lines.push(e.line);
        }
      }
      if (fresh.length === 0) continue;
      try {
        fs.appendFileSync(path.join(this.dir, acksName(c.base)), fresh.map((id) => `${mark} ${id}\n`).join(''), { mode: PRIVATE_FILE_MODE });
      } catch (e) {
        // The ids stay done in memory; after a crash they would be sent again (the platform de-duplicates by id).
        this.log.warn(`could not record ${fresh.length} acknowledgement(s) for ${c.base}: ${errorMessage(e)}`);
      }
      this.finishIfDone(c);
    }
    return lines;
  }

  /** Deletes a claimed file once a fresh re-read shows every event in it done. */
  private finishIfDone(c: Claimed): void {
    if (c.entries.some((e) => !c.done.has(e.event.id))) return;
    const text = readIfExists(c.file);
    if (text !== undefined) {
      const parsed = parseJsonl(text);
      const late = parsed.events.filter((e) => !c.done.has(e.event.id));
      if (late.length > 0) {
        this.log.warn(`${late.length} event(s) appeared in claimed file ${path.basename(c.file)}; keeping it`);
        c.entries = parsed.events.map((e) => ({ ...e, bytes: e.stored.length + 1 }));
        return;
      }
    }
    unlinkQuietly(c.file);
    unlinkQuietly(path.join(this.dir, acksName(c.base)));
    this.claimed.delete(c.base);
  }

  private sortedClaims(): Claimed[] {
    return [...this.claimed.values()].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  }

  /** Claims sealed files, active files of dead writers and claims of dead deliverers. */
  private claimAvailable(): void {
    for (const f of this.listDataFiles()) {
      if (this.claimed.has(f.base)) continue;
      if (f.state === 'active' && (f.pid === process.pid || this.alive(f.pid))) continue;
      if (f.state === 'claimed' && f.claimer !== this.writerId && this.alive(f.pid)) continue;
      const to = path.join(this.dir, claimedName(this.writerId, f.base));
      let ok: boolean;
      try {
        ok = f.claimer === this.writerId || tryRename(path.join(this.dir, f.name), to);
      } catch (e) {
        this.log.warn(`could not claim ${f.name}: ${errorMessage(e)}`);
        continue;
      }
      if (ok) this.load(f.base, to, f.name);
    }
  }

  private load(base: string, file: string, originalName: string): void {
    const text = readIfExists(file);
    if (text === undefined) return;
    const parsed = parseJsonl(text);
    if (parsed.badLines > 0) {
      this.log.warn(`skipped ${parsed.badLines} unreadable line(s) in ${originalName}` +
        (parsed.tornTail ? ' (a write cut short when its window was killed)' : ''));
    }
    const c: Claimed = {
      base, file,
      entries: parsed.events.map((e) => ({ ...e, bytes: e.stored.length + 1 })),
      done: readAcks(this.dir, base),
    };
    this.claimed.set(base, c);
    this.finishIfDone(c);
  }

  private listDataFiles(): DataFile[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (e) {
      this.log.error(`could not list ${this.dir}: ${errorMessage(e)}`);
      return [];
    }
    const files: DataFile[] = [];
    const bases = new Set<string>();
    for (const n of names) {
      const f = parseDataFileName(n);
      if (f) {
        files.push(f);
        bases.add(f.base);
      }
    }
    // Acks whose data file is gone were left by a crash between the two deletes.
    for (const n of names) {
      const m = /^a-(.+)\.acks$/.exec(n);
      if (m && !bases.has(m[1]!)) unlinkQuietly(path.join(this.dir, n));
    }
    return files.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  }

  // ---- bound ----

  private refreshEstimate(): void {
    let bytes = 0;
    let events = 0;
    for (const p of this.readAllPending()) {
      bytes += p.bytes;
      events++;
    }
    this.knownBytes = bytes;
    this.knownEvents = events;
  }

  /** Drops the oldest undelivered events until both bounds hold with room to spare. */
  private enforceBound(): void {
    if (this.enforcing) return;
    this.enforcing = true;
    try {
      this.seal();
      this.claimAvailable();
      this.refreshEstimate();
      const targetBytes = Math.floor(this.maxBytes * 0.9);
      const targetEvents = Math.floor(this.maxEvents * 0.9);
      if (this.knownBytes <= this.maxBytes && this.knownEvents <= this.maxEvents) {
        this.enforceAboveBytes = this.maxBytes;
        this.enforceAboveEvents = this.maxEvents;
        return;
      }
      let dropped = 0;
      for (const c of this.sortedClaims()) {
        const keep: Entry[] = [];
        let changed = false;
        for (const e of c.entries) {
          if (c.done.has(e.event.id)) continue;
          if (this.knownBytes > targetBytes || this.knownEvents > targetEvents) {
            this.knownBytes -= e.bytes;
            this.knownEvents--;
            dropped++;
            changed = true;
          } else {
            keep.push(e);
          }
        }
        if (!changed) continue;
        if (keep.length === 0) {
          unlinkQuietly(c.file);
          unlinkQuietly(path.join(this.dir, acksName(c.base)));
          this.claimed.delete(c.base);
        } else {
          writeAtomically(c.file, keep.map((e) => e.stored + '\n').join(''));
          c.entries = keep;
        }
        if (this.knownBytes <= targetBytes && this.knownEvents <= targetEvents) break;
      }
      this.enforceAboveBytes = Math.max(this.maxBytes, this.knownBytes + Math.floor(this.maxBytes / 10));
      this.enforceAboveEvents = Math.max(this.maxEvents, this.knownEvents + Math.floor(this.maxEvents / 10));
      if (dropped > 0) this.noteDrop(dropped, 'outbox full: oldest undelivered events dropped', true);
    } catch (e) {
      this.log.error(`could not enforce the outbox bound: ${errorMessage(e)}`);
    } finally {
      this.enforcing = false;
    }
  }

  private noteDrop(count: number, reason: string, report: boolean): void {
    const time = new Date(this.clock.now()).toISOString();
    this.log.warn(`dropped ${count} event(s): ${reason}`);
    try {
      this.drops.add(time, count, reason);
    } catch (e) {
      this.log.error(`could not count ${count} dropped event(s): ${errorMessage(e)}`);
    }
    this._onDidDrop.fire({ count, reason });
    if (report && !this.disposed) {
      const ev = this.makeDroppedEvent?.(count, reason);
      if (ev) this.record(ev);
    }
  }

  /**
   * Removes every undelivered event this window can claim (its own and those of closed
   * windows), counted as dropped; other open windows remove theirs on the same change.
   * Returns how many were removed.
   */
  discardPending(reason: string): number {
    if (this.disposed) return 0;
    this.seal();
    this.claimAvailable();
    const ids: string[] = [];
    for (const c of this.sortedClaims()) for (const e of c.entries) if (!c.done.has(e.event.id)) ids.push(e.event.id);
    const n = ids.length ? this.markDone(ids, 'r').length : 0;
    if (n > 0) this.noteDrop(n, reason, false);
    return n;
  }

  // ---- transparency ----

  /** Every undelivered event in every window's files, oldest first, exactly as it would be sent. */
  listPending(): EventEnvelope[] {
    this.flush();
    return this.readAllPending().map((p) => p.event);
  }

  /** The most recently sent events, newest first, exactly as sent. */
  listSent(limit: number): SentRecord[] {
    return this.sent.list(limit);
  }

  /**
   * The newest `limit` sent events, and whether that is all of them: the view says when
   * it shows fewer than were ever sent (the history keeps about `maxSentBytes`, and the
   * view at most `limit`), so "every sent event" is never claimed for a partial list.
   */
  sentHistory(limit: number): { sent: SentRecord[]; complete: boolean; note?: string } {
    const more = this.sent.list(limit + 1);
    const sent = more.slice(0, limit);
    const trimmedAt = this.sent.trimmedAt();
    const notes: string[] = [];
    if (more.length > limit) notes.push(`only the newest ${limit} sent events are shown`);
    if (trimmedAt) notes.push(`older sent events were removed from this machine's history to keep it under ${Math.round(this.maxSentBytes / 1024)} KiB (last on ${trimmedAt})`);
    return notes.length ? { sent, complete: false, note: `${notes.join('; ')}.` } : { sent, complete: true };
  }

  stats(): OutboxStats {
    this.flush();
    let pendingBytes = 0;
    const pending = this.readAllPending();
    for (const p of pending) pendingBytes += p.bytes;
    const d = this.drops.summary();
    return { pendingCount: pending.length, pendingBytes, droppedCount: d.count, lastDropReason: d.lastReason, lastDropTime: d.lastTime };
  }

  private readAllPending(): Entry[] {
    const out: Entry[] = [];
    for (const f of this.listDataFiles()) {
      const mine = this.claimed.get(f.base);
      if (mine && f.claimer === this.writerId) {
        for (const e of mine.entries) if (!mine.done.has(e.event.id)) out.push(e);
        continue;
      }
      const text = readIfExists(path.join(this.dir, f.name));
      if (text === undefined) continue;
      const done = f.state === 'claimed' ? readAcks(this.dir, f.base) : undefined;
      for (const e of parseJsonl(text).events) {
        if (!done?.has(e.event.id)) out.push({ ...e, bytes: e.stored.length + 1 });
      }
    }
    return out;
  }

  /** Seals this window's file and hands unfinished claims back, for other windows to deliver. */
  dispose(): void {
    if (this.disposed) return;
    try {
      this.seal();
      for (const c of this.claimed.values()) {
        tryRename(c.file, path.join(this.dir, sealedName(c.base)));
      }
    } catch (e) {
      this.log.warn(`could not hand back claimed files: ${errorMessage(e)}`);
    }
    this.claimed.clear();
    this.disposed = true;
    this._onDidDrop.dispose();
  }
}
