import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../common/clock';
import { errorMessage, type Log } from '../common/log';
import { PRIVATE_FILE_MODE } from '../common/privateFiles';
import { activeName, makeBase, sealedName, tryRename } from './outboxFiles';

// This window's side of the outbox: one active file only it appends to, sealed by age or
// size (and on time even if nothing more is recorded) so any window can deliver it. The
// reading side (claims, acknowledgements, the bound) is outbox.ts; both follow the file
// layout in outboxFiles.ts.

/** Bytes above which own writes in one tick are flushed at once rather than at tick end. */
const COALESCE_MAX_BYTES = 64 * 1024;

export interface ActiveFileWriterOptions {
  readonly dir: string;
  /** `<pid>-<random>`: names this writer's files. */
  readonly writerId: string;
  readonly clock: Clock;
  readonly log: Log;
  /** Seal the active file once it is this old. */
  readonly sealAfterMs: number;
  /** Seal the active file once it is this large. */
  readonly sealBytes: number;
  /** Lines that could not be written (disk full, permissions): counted as dropped by the owner. */
  readonly onLost: (lines: number, reason: string) => void;
}

/**
 * Durability: the first line appended in a tick is written before append() returns; lines
 * appended later in the same tick are written together at the end of that tick (or at once
 * past 64 KiB). Written data survives the process being killed (it is in the OS page cache);
 * sealed files are also fsynced.
 */
export class ActiveFileWriter {
  private seq = 0;
  private fd: number | undefined;
  private sealTimer: ReturnType<typeof setTimeout> | undefined;
  private activeBase = '';
  private activeOpenedAt = 0;
  private activeBytes = 0;
  private buffer: string[] = [];
  private bufferBytes = 0;
  private flushQueued = false;

  constructor(private readonly o: ActiveFileWriterOptions) {}

  /** Appends one complete line (ending in a newline). Never throws. */
  append(line: string): void {
    if (this.flushQueued) {
      this.buffer.push(line);
      this.bufferBytes += line.length;
      if (this.bufferBytes >= COALESCE_MAX_BYTES) this.flush();
    } else {
      this.flushQueued = true;
      queueMicrotask(this.endOfTick);
      this.write(line);
    }
  }

  private readonly endOfTick = () => {
    this.flushQueued = false;
    this.flush();
  };

  /** Writes buffered lines now (also run at the end of every tick that appended). */
  flush(): void {
    if (this.buffer.length === 0) return;
    const text = this.buffer.length === 1 ? this.buffer[0]! : this.buffer.join('');
    this.buffer = [];
    this.bufferBytes = 0;
    this.write(text);
  }

  /** Stops appending to the active file and makes it deliverable by any window. */
  seal(): void {
    this.flush();
    if (this.fd === undefined) return;
    const base = this.activeBase;
    this.closeActive(true);
    try {
      tryRename(path.join(this.o.dir, activeName(base)), path.join(this.o.dir, sealedName(base)));
    } catch (e) {
      // Still deliverable: an active file whose writer is gone is claimed as an orphan.
      this.o.log.warn(`could not seal ${activeName(base)}: ${errorMessage(e)}`);
    }
  }

  private write(text: string): void {
    try {
      if (this.fd === undefined) this.openActive();
      else if (this.activeBytes >= this.o.sealBytes || this.o.clock.now() - this.activeOpenedAt >= this.o.sealAfterMs) {
        this.seal();
        this.openActive();
      }
      fs.writeSync(this.fd!, text);
      this.activeBytes += text.length;
    } catch (e) {
      const lines = text.split('\n').length - 1;
      this.o.log.error(`could not append ${lines} event(s) to ${this.o.dir}: ${errorMessage(e)}`);
      // A failed write may have left half a line; a fresh file keeps later lines intact.
      this.closeActive(false);
      this.o.onLost(lines, `disk write failed: ${errorMessage(e)}`);
    }
  }

  private openActive(): void {
    // Sealed on time even if nothing more is recorded, so a window that does not deliver
    // never keeps its newest events from the window that does (the lease holder).
    clearTimeout(this.sealTimer);
    this.sealTimer = setTimeout(() => {
      this.sealTimer = undefined;
      try {
        this.seal();
      } catch (e) {
        this.o.log.warn(`could not seal on time: ${errorMessage(e)}`);
      }
    }, this.o.sealAfterMs);
    this.sealTimer.unref?.();
    this.activeBase = makeBase(this.o.clock.now(), this.o.writerId, this.seq++);
    this.fd = fs.openSync(path.join(this.o.dir, activeName(this.activeBase)), 'a', PRIVATE_FILE_MODE);
    this.activeOpenedAt = this.o.clock.now();
    this.activeBytes = 0;
  }

  private closeActive(sync: boolean): void {
    clearTimeout(this.sealTimer);
    this.sealTimer = undefined;
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      if (sync) fs.fsyncSync(fd);
    } catch (e) {
      this.o.log.warn(`fsync failed on ${activeName(this.activeBase)}: ${errorMessage(e)}`);
    }
    try {
      fs.closeSync(fd);
    } catch (e) {
      this.o.log.warn(`close failed on ${activeName(this.activeBase)}: ${errorMessage(e)}`);
    }
  }
}
