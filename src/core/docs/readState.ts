import * as z from 'zod/mini';
import { entryTime, type Entry } from './entries';

/**
 * Which changelog entries the developer has seen, and which affected-repo notices
 * were already shown. Both are plain JSON so the host can keep them in globalState.
 */

/** Ids kept at most; the oldest are forgotten first (an entry that old has left every feed). */
export const MAX_REMEMBERED_IDS = 5000;
/** On a fresh install, changelog entries older than this before the first run start as read. */
export const FIRST_RUN_BACKLOG_DAYS = 30;

export const ReadStateData = z.object({
  version: z.literal(1),
  /** First time the state was created (ms); bounds the first-run backlog. */
  since: z.number(),
  read: z.array(z.string()),
  notified: z.array(z.string()),
});
export type ReadStateData = z.infer<typeof ReadStateData>;

function bounded(ids: Iterable<string>): string[] {
  const arr = [...ids];
  return arr.length > MAX_REMEMBERED_IDS ? arr.slice(arr.length - MAX_REMEMBERED_IDS) : arr;
}

export class ReadState {
  private readonly _read: Set<string>;
  private readonly _notified: Set<string>;

  private constructor(private readonly _since: number, read: Iterable<string>, notified: Iterable<string>) {
    this._read = new Set(read);
    this._notified = new Set(notified);
  }

  static create(now: number): ReadState {
    return new ReadState(now, [], []);
  }

  /** Restores stored state; anything unreadable starts fresh and says why (never throws). */
  static fromJSON(value: unknown, now: number): { state: ReadState; note?: string } {
    if (value === undefined || value === null) return { state: ReadState.create(now) };
    const r = ReadStateData.safeParse(value);
    if (!r.success) return { state: ReadState.create(now), note: `stored docs read state was unreadable and was reset: ${z.prettifyError(r.error).replace(/\s*\n\s*/g, ' ')}` };
    return { state: new ReadState(r.data.since, r.data.read, r.data.notified) };
  }

  toJSON(): ReadStateData {
    return { version: 1, since: this._since, read: bounded(this._read), notified: bounded(this._notified) };
  }

  isUnread(entry: Entry): boolean {
    if (entry.kind !== 'changelog' || this._read.has(entry.id)) return false;
    const published = entryTime(entry.publishedAt);
    return published === undefined || published >= this._since - FIRST_RUN_BACKLOG_DAYS * 86_400_000;
  }

  /** The badge number on the DX Pulse view. */
  unreadCount(entries: readonly Entry[]): number {
    return entries.filter((e) => this.isUnread(e)).length;
  }

  markRead(ids: Iterable<string>): void {
    for (const id of ids) {
      this._read.delete(id); // re-insert so it counts as recent for bounding
      this._read.add(id);
    }
  }

  markAllRead(entries: readonly Entry[]): void {
    this.markRead(entries.filter((e) => e.kind === 'changelog').map((e) => e.id));
  }

  wasNotified(id: string): boolean {
    return this._notified.has(id);
  }

  /**
   * Of the entries that affect this repo, those not yet notified; they are recorded as
   * notified at once (persist toJSON() before showing them), so each notifies once, ever.
   */
  takeNotifications<T extends { entry: Entry }>(affecting: readonly T[]): T[] {
    const out: T[] = [];
    for (const a of affecting) {
      if (this._notified.has(a.entry.id)) continue;
      this._notified.add(a.entry.id);
      out.push(a);
    }
    return out;
  }
}
