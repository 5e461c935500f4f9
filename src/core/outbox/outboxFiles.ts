import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRIVATE_FILE_MODE } from '../common/privateFiles';
import { EventEnvelope } from '../events/envelope';

// File layout of an outbox directory. Every data file is named after a `base` that sorts by
// age: `<13-digit ms>-<pid>-<random>-<seq>`.
//   w-<base>.jsonl              active: exactly one writer (process <pid>) appends to it
//   s-<base>.jsonl              sealed by its writer: never written again, free to claim
//   c-<claimer>~<base>.jsonl    claimed by deliverer <claimer> (`<pid>-<random>`) by rename
//   a-<base>.acks               acknowledged (`a <id>`) / rejected (`r <id>`) ids of base
//   drops.jsonl                 one line per drop: {time, count, reason}
//   sent.jsonl                  bounded history of sent events, exactly as sent

export type DataFileState = 'active' | 'sealed' | 'claimed';

export interface DataFile {
  readonly name: string;
  readonly state: DataFileState;
  readonly base: string;
  /** pid of the writer (active) or of the claimer (claimed). */
  readonly pid: number;
  /** Claimer id, for claimed files. */
  readonly claimer?: string;
}

const BASE = /^(\d{13})-(\d+)-([a-z0-9]+)-(\d+)$/;
const CLAIMER = /^(\d+)-([a-z0-9]+)$/;

export function makeBase(timeMs: number, writerId: string, seq: number): string {
  return `${String(Math.max(0, Math.floor(timeMs))).padStart(13, '0')}-${writerId}-${seq}`;
}

export function parseDataFileName(name: string): DataFile | undefined {
  const m = /^([wsc])-(.+)\.jsonl$/.exec(name);
  if (!m) return undefined;
  const prefix = m[1]!;
  let rest = m[2]!;
  let claimer: string | undefined;
  if (prefix === 'c') {
    const t = rest.indexOf('~');
    if (t < 0) return undefined;
    claimer = rest.slice(0, t);
    rest = rest.slice(t + 1);
    if (!CLAIMER.test(claimer)) return undefined;
  }
  const b = BASE.exec(rest);
  if (!b) return undefined;
  const state: DataFileState = prefix === 'w' ? 'active' : prefix === 's' ? 'sealed' : 'claimed';
  const pid = Number(claimer ? claimer.split('-')[0] : b[2]);
  return { name, state, base: rest, pid, claimer };
}

export const activeName = (base: string) => `w-${base}.jsonl`;
export const sealedName = (base: string) => `s-${base}.jsonl`;
export const claimedName = (claimer: string, base: string) => `c-${claimer}~${base}.jsonl`;
export const acksName = (base: string) => `a-${base}.acks`;

/**
 * What the outbox keeps beside an event, never sent: stored in the line under
 * OUTBOX_META_KEY, which the envelope schema strips on reading.
 */
export interface OutboxMeta {
  /** The destination in force when the event was recorded (see platform/destination.ts). */
  readonly dest?: string;
  /** Not to be delivered before this time (ms): anonymous answers wait a random delay. */
  readonly notBefore?: number;
}
const OUTBOX_META_KEY = '$outbox';

export interface ParsedLine {
  readonly event: EventEnvelope;
  /** The event serialized exactly as it is delivered. */
  readonly line: string;
  /** The line as stored (with its meta), for rewriting a file without losing the meta. */
  readonly stored: string;
  readonly meta: OutboxMeta;
}

/** The line to store for an event: its envelope, plus the meta when there is any. */
export function storedLine(event: EventEnvelope, meta: OutboxMeta): string {
  return meta.dest === undefined && meta.notBefore === undefined ? JSON.stringify(event) : JSON.stringify({ ...event, [OUTBOX_META_KEY]: meta });
}

function readMeta(value: unknown): OutboxMeta {
  const m = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[OUTBOX_META_KEY] : undefined;
  if (m === null || typeof m !== 'object') return {};
  const { dest, notBefore } = m as Record<string, unknown>;
  return {
    ...(typeof dest === 'string' ? { dest } : {}),
    ...(typeof notBefore === 'number' && Number.isFinite(notBefore) ? { notBefore } : {}),
  };
}

export interface ParsedFile {
  readonly events: ParsedLine[];
  /** Lines that are not a valid event (torn by a crash, or garbage). */
  readonly badLines: number;
  /** Whether the last line had no newline: a write torn by a kill, or one in flight. */
  readonly tornTail: boolean;
}

export function parseJsonl(text: string): ParsedFile {
  const events: ParsedLine[] = [];
  let badLines = 0;
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  const tornTail = tail.length > 0;
  if (tornTail) badLines++;
  for (const raw of parts) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      badLines++;
      continue;
    }
    const r = EventEnvelope.safeParse(value);
    if (!r.success) {
      badLines++;
      continue;
    }
    const meta = readMeta(value);
    const line = JSON.stringify(r.data);
    events.push({ event: r.data, line, meta, stored: meta.dest === undefined && meta.notBefore === undefined ? line : raw });
  }
  return { events, badLines, tornTail };
}

/** Reads a file, or undefined when it is gone (claimed or deleted by another process). */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Ids acknowledged or rejected for one base. */
export function readAcks(dir: string, base: string): Set<string> {
  const text = readIfExists(path.join(dir, acksName(base)));
  const done = new Set<string>();
  if (!text) return done;
  for (const l of text.split('\n')) {
    if (l.length > 2 && (l[0] === 'a' || l[0] === 'r') && l[1] === ' ') done.add(l.slice(2));
  }
  return done;
}

/** Renames, or returns false if the source vanished (another process got there first). */
export function tryRename(from: string, to: string): boolean {
  try {
    fs.renameSync(from, to);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Writes a file so that readers see either the old or the new content, never half. */
export function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(tmp, file);
}
