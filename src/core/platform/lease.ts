import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as z from 'zod/mini';
import type { Clock } from '../common/clock';
import type { DisposableLike } from '../common/lifecycle';
import { errorMessage, scopedLog, type Log } from '../common/log';
import { ensurePrivateDir, PRIVATE_DIR_MODE } from '../common/privateFiles';
import { writeFileAtomic } from './atomicFile';
import type { DeliveryLease } from './delivery';
import { isProcessAlive } from '../common/process';

const LeaseFile = z.object({ owner: z.string(), pid: z.number(), expiresAt: z.number() });
type LeaseFile = z.infer<typeof LeaseFile>;

export interface FileLeaseOptions {
  /** The extension's global storage folder, shared by all windows. */
  readonly dir: string;
  /** Unique per window (e.g. a random UUID made at activation). */
  readonly ownerId: string;
  readonly clock: Clock;
  readonly log: Log;
  /** How long a lease lasts without renewal; default 90 s (three 30 s delivery intervals). */
  readonly ttlMs?: number;
  readonly pid?: number;
  readonly isPidAlive?: (pid: number) => boolean;
}

/**
 * One delivering window at a time. The holder renews the lease file while it delivers;
 * another window takes over when the lease has expired or its holder process is gone.
 * Read-check-write happens under a mkdir lock (atomic on every file system we run on)
 * and the lease itself is replaced atomically (temp file + rename).
 */
export class FileLease implements DeliveryLease, DisposableLike {
  private readonly file: string;
  private readonly lockDir: string;
  private readonly ttlMs: number;
  private readonly pid: number;
  private readonly isPidAlive: (pid: number) => boolean;
  private readonly log: Log;
  private heldUntil = 0;

  constructor(private readonly o: FileLeaseOptions) {
    this.file = path.join(o.dir, 'delivery.lease.json');
    this.lockDir = path.join(o.dir, 'delivery.lease.lock');
    this.ttlMs = o.ttlMs ?? 90_000;
    this.pid = o.pid ?? process.pid;
    this.isPidAlive = o.isPidAlive ?? isProcessAlive;
    this.log = scopedLog(o.log, 'lease');
  }

  get isHeld(): boolean {
    return this.heldUntil > this.o.clock.now();
  }

  /** True when this window holds the lease (acquired or renewed now). Never rejects. */
  async tryAcquire(): Promise<boolean> {
    const now = this.o.clock.now();
    // Renew when half the lease is used, not on every batch: disk I/O stays rare.
    if (this.heldUntil - now > this.ttlMs / 2) return true;
    try {
      await ensurePrivateDir(this.o.dir);
      if (!(await this.lock())) return this.isHeld;
      try {
        const cur = await this.read();
        if (cur && cur.owner !== this.o.ownerId && cur.expiresAt > now && this.isPidAlive(cur.pid)) {
          if (this.heldUntil > 0) this.log.info(`another window (pid ${cur.pid}) now delivers`);
          this.heldUntil = 0;
          return false;
        }
        const next: LeaseFile = { owner: this.o.ownerId, pid: this.pid, expiresAt: now + this.ttlMs };
        await writeFileAtomic(this.file, JSON.stringify(next));
        if (this.heldUntil === 0) this.log.info(cur && cur.owner !== this.o.ownerId ? `took over the delivery lease from pid ${cur.pid}` : 'acquired the delivery lease');
        this.heldUntil = next.expiresAt;
        return true;
      } finally {
        await fs.rm(this.lockDir, { recursive: true, force: true });
      }
    } catch (e) {
      this.log.warn(`could not acquire the delivery lease in ${this.o.dir}: ${errorMessage(e)}`);
      return this.isHeld;
    }
  }

  /** Gives the lease up so another window can deliver at once. */
  async release(): Promise<void> {
    if (this.heldUntil === 0) return;
    this.heldUntil = 0;
    try {
      const cur = await this.read();
      if (cur?.owner === this.o.ownerId) await fs.rm(this.file, { force: true });
    } catch (e) {
      this.log.warn(`could not release the delivery lease: ${errorMessage(e)}`);
    }
  }

  dispose(): void {
    void this.release();
  }

  private async lock(): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.mkdir(this.lockDir, { mode: PRIVATE_DIR_MODE });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        // A holder that died inside the few milliseconds of the critical section
        // leaves the lock behind; after 10 s it is certainly stale.
        const st = await fs.stat(this.lockDir).catch(() => undefined);
        if (st && Date.now() - st.mtimeMs > 10_000) {
          await fs.rm(this.lockDir, { recursive: true, force: true });
          continue;
        }
        return false;
      }
    }
    return false;
  }

  private async read(): Promise<LeaseFile | undefined> {
    try {
      const r = LeaseFile.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      return r.success ? r.data : undefined;
    } catch {
      // Missing or unreadable: nobody holds it.
      return undefined;
    }
  }
}
