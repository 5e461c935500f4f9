// Checks a POST /v1/events body against the contract and each kind's own data schema,
// one event at a time, so one bad event never costs the others. Pure: no I/O.
import * as z from 'zod/mini';
import { EventEnvelope } from '../../../src/core/events/envelope';
import { EVENT_KINDS, isEventKind, type KindDef } from '../../../src/core/events/kinds';
import { MAX_BATCH_EVENTS, type PostEventsResponse, type RejectedEvent } from '../../../src/core/platform/contract';
import { findUnstorableString } from './jsonBody';

/** A valid event, ready to insert: the columns, and the envelope exactly as received. */
export interface EventRow {
  readonly id: string;
  readonly kind: string;
  readonly schemaVersion: number;
  readonly time: string;
  readonly installId: string | null;
  readonly sessionId: string | null;
  readonly repoId: string | null;
  readonly repoHashed: boolean | null;
  readonly extensionVersion: string;
  readonly envelope: unknown;
}

export type BatchCheck =
  | { readonly ok: false; readonly message: string; readonly rejected: RejectedEvent[] }
  | {
      readonly ok: true;
      /** Valid events, each id once. */
      readonly rows: EventRow[];
      /** Ids repeated inside this batch after their first occurrence. */
      readonly repeated: string[];
      readonly rejected: RejectedEvent[];
    };

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);

function firstIssue(error: z.core.$ZodError, prefix: string): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return `${where ? `${where}: ` : ''}${issue.message}`.slice(0, 300);
}

function idOf(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id.slice(0, 64) : '';
}

/** Why one event is refused, or undefined when it is valid. */
export function checkEvent(raw: unknown): string | undefined {
  const env = EventEnvelope.safeParse(raw);
  if (!env.success) return firstIssue(env.error, '');
  const e = env.data;
  if (!isEventKind(e.kind)) return `kind: unknown event kind '${e.kind}'`;
  const def = EVENT_KINDS[e.kind] as unknown as KindDef<z.ZodMiniType>;
  if (e.schemaVersion !== def.schemaVersion) return `schemaVersion: ${e.kind} version ${e.schemaVersion} is not known (this server knows ${def.schemaVersion})`;
  const t = Date.parse(e.time);
  // PostgreSQL refuses what JavaScript rolls over (Feb 30) and years it cannot store.
  if (!Number.isFinite(t) || t < MIN_TIME || t > MAX_TIME || new Date(t).toISOString().slice(0, 10) !== e.time.slice(0, 10)) {
    return 'time: not a real date between 2000 and 9999';
  }
  const data = def.schema.safeParse(e.data);
  if (!data.success) return firstIssue(data.error, 'data');
  if (def.anonymous?.(data.data) && (e.installId !== undefined || e.sessionId !== undefined || e.repo !== undefined)) {
    return 'an anonymous event must not carry installId, sessionId or repo';
  }
  if (findUnstorableString(raw) !== undefined) return 'a string holds a NUL character or a lone surrogate';
  return undefined;
}

export function checkBatch(body: unknown): BatchCheck {
  const events = (body as { events?: unknown } | null)?.events;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !Array.isArray(events)) {
    return { ok: false, message: 'body must be an object with an "events" array', rejected: [] };
  }
  if (events.length < 1 || events.length > MAX_BATCH_EVENTS) {
    return { ok: false, message: `a batch holds 1 to ${MAX_BATCH_EVENTS} events (got ${events.length})`, rejected: [] };
  }
  const rows: EventRow[] = [];
  const repeated: string[] = [];
  const rejected: RejectedEvent[] = [];
  const seen = new Set<string>();
  for (const raw of events) {
    const reason = checkEvent(raw);
    if (reason !== undefined) {
      rejected.push({ id: idOf(raw), reason });
      continue;
    }
    const e = raw as EventEnvelope;
    if (seen.has(e.id)) {
      repeated.push(e.id);
      continue;
    }
    seen.add(e.id);
    rows.push({
      id: e.id,
      kind: e.kind,
      schemaVersion: e.schemaVersion,
      time: e.time,
      installId: e.installId ?? null,
      sessionId: e.sessionId ?? null,
      repoId: e.repo?.id ?? null,
      repoHashed: e.repo?.hashed ?? null,
      extensionVersion: e.extensionVersion,
      envelope: raw,
    });
  }
  if (rows.length === 0 && repeated.length === 0) return { ok: false, message: `all ${rejected.length} event(s) are invalid`, rejected };
  return { ok: true, rows, repeated, rejected };
}

/** The answer, given which ids this request inserted (the others already existed). */
export function summarize(check: Extract<BatchCheck, { ok: true }>, inserted: ReadonlySet<string>): PostEventsResponse {
  const accepted: string[] = [];
  const duplicates: string[] = [];
  for (const r of check.rows) (inserted.has(r.id) ? accepted : duplicates).push(r.id);
  duplicates.push(...check.repeated);
  return { accepted, duplicates, rejected: check.rejected };
}
