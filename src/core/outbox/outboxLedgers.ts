import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { EventEnvelope } from '../events/envelope';
import { PRIVATE_FILE_MODE } from '../common/privateFiles';
import { readIfExists, writeAtomically } from './outboxFiles';

// Two small append-only ledgers shared by every window: the drops (so a drop is never
// silent, whichever window made it) and the history of sent events (the "Show Collected
// Data" view). Lines are appended with O_APPEND in one write each, so concurrent windows
// interleave whole lines. Trimming the history rewrites it; a line another window appends
// during that rewrite may be missing from history (never from delivery): history only.

const DropLine = z.object({ time: z.string(), count: z.number(), reason: z.string() });

export interface DropSummary {
  readonly count: number;
  readonly lastReason?: string;
  readonly lastTime?: string;
}

/** drops.jsonl is compacted into one line (the total and the last reason) past this size. */
const DROPS_COMPACT_BYTES = 64 * 1024;

export class DropLedger {
  private readonly file: string;

  constructor(dir: string, private readonly compactAtBytes = DROPS_COMPACT_BYTES) {
    this.file = path.join(dir, 'drops.jsonl');
  }

  add(time: string, count: number, reason: string): void {
    fs.appendFileSync(this.file, JSON.stringify({ time, count, reason }) + '\n', { mode: PRIVATE_FILE_MODE });
    if (fs.statSync(this.file).size > this.compactAtBytes) this.compact();
  }

  /**
   * Rewrites the ledger as one line with the same summary. A drop another window appends
   * between the read and the rename is lost from the count (never an event from delivery):
   * rare, since this runs once per 64 KiB of drop lines.
   */
  private compact(): void {
    const s = this.summary();
    if (s.count === 0) return;
    writeAtomically(this.file, JSON.stringify({ time: s.lastTime ?? new Date(0).toISOString(), count: s.count, reason: s.lastReason ?? '' }) + '\n');
  }

  summary(): DropSummary {
    const text = readIfExists(this.file) ?? '';
    let count = 0;
    let last: z.infer<typeof DropLine> | undefined;
    for (const l of text.split('\n')) {
      if (!l) continue;
      try {
        const r = DropLine.safeParse(JSON.parse(l));
        if (r.success) {
          count += r.data.count;
          last = r.data;
        }
      } catch {
        // a torn line from a killed window: its drop is unknowable, the rest still count
      }
    }
    return { count, lastReason: last?.reason, lastTime: last?.time };
  }
}

export interface SentRecord {
  /** When the platform acknowledged it (ISO). */
  readonly sentAt: string;
  /** The event exactly as it was sent. */
  readonly event: EventEnvelope;
}

const SentLine = z.object({ sentAt: z.string(), event: EventEnvelope });

export class SentHistory {
  private readonly file: string;

  constructor(
    dir: string,
    /** Trim to half of this many bytes once the file grows past it. */
    private readonly maxBytes: number,
  ) {
    this.file = path.join(dir, 'sent.jsonl');
    this.trimmedFile = path.join(dir, 'sent-trimmed.json');
  }

  private readonly trimmedFile: string;

  /** When older sent events were last cut from the history to keep it bounded, if ever. */
  trimmedAt(): string | undefined {
    try {
      const v = JSON.parse(readIfExists(this.trimmedFile) ?? 'null') as { at?: unknown } | null;
      return typeof v?.at === 'string' ? v.at : undefined;
    } catch {
      return undefined;
    }
  }

  append(sentAt: string, lines: readonly string[]): void {
    if (lines.length === 0) return;
    const text = lines.map((l) => `{"sentAt":${JSON.stringify(sentAt)},"event":${l}}\n`).join('');
    fs.appendFileSync(this.file, text, { mode: PRIVATE_FILE_MODE });
    let size = 0;
    try {
      size = fs.statSync(this.file).size;
    } catch {
      return;
    }
    if (size > this.maxBytes) this.trim();
  }

  /** Newest first. */
  list(limit: number): SentRecord[] {
    const text = readIfExists(this.file) ?? '';
    const out: SentRecord[] = [];
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
      const l = lines[i]!;
      if (!l) continue;
      try {
        const r = SentLine.safeParse(JSON.parse(l));
        if (r.success) out.push(r.data);
      } catch {
        // torn line: skip
      }
    }
    return out;
  }

  private trim(): void {
    const text = readIfExists(this.file) ?? '';
    const keep = Math.floor(this.maxBytes / 2);
    let cut = Math.max(0, text.length - keep);
    const nl = text.indexOf('\n', cut === 0 ? 0 : cut - 1);
    cut = cut === 0 ? 0 : nl < 0 ? text.length : nl + 1;
    writeAtomically(this.file, text.slice(cut));
    if (cut > 0) writeAtomically(this.trimmedFile, JSON.stringify({ at: new Date().toISOString() }));
  }
}
