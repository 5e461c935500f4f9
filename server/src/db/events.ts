import { Readable } from 'node:stream';
import { checkBatch, summarize } from '../core/ingest';
import type { RejectedEvent, PostEventsResponse } from '../../../src/core/platform/contract';
import type { Db, Queryable } from './db';
import { insertWithRollups, NUMBER_DEVELOPERS } from './rollups';

export type IngestResult = { ok: true; response: PostEventsResponse } | { ok: false; message: string; rejected: RejectedEvent[] };

// One statement per batch: the rows travel as one jsonb parameter, and the primary key
// with ON CONFLICT DO NOTHING decides, across every server process, who stored an id. The
// rows it inserted, and only those, are counted into the daily rollups in that statement
// (their install ids numbered by the statement before: rollups.ts, NUMBER_DEVELOPERS).
const INSERT_EVENTS = insertWithRollups(`
INSERT INTO events (id, kind, schema_version, time, install_id, session_id, repo_id, repo_hashed, extension_version, token_id, envelope)
SELECT e->>'id', e->>'kind', (e->>'schemaVersion')::integer, (e->>'time')::timestamptz, e->>'installId', e->>'sessionId',
       e->'repo'->>'id', (e->'repo'->>'hashed')::boolean, e->>'extensionVersion', $2, e
FROM jsonb_array_elements($1::jsonb) AS e
ON CONFLICT (id) DO NOTHING
RETURNING id, kind, time, install_id, repo_id, envelope->'data' AS data`);

/** Install ids this process has seen numbered, per database (most batches need no numbering statement). */
const numbered = new WeakMap<Queryable, Set<string>>();

/** POST /v1/events: check the body, store the valid events once each, say what happened. */
export async function ingestEvents(db: Queryable, body: unknown, tokenId: string | null): Promise<IngestResult> {
  const check = checkBatch(body);
  if (!check.ok) return check;
  let inserted = new Set<string>();
  if (check.rows.length) {
    const rows = JSON.stringify(check.rows.map((row) => row.envelope));
    // A statement of its own, only for install ids not seen numbered yet: the next one's
    // snapshot must see a new developer's number. Numbers are never taken back.
    const ids = new Set(check.rows.flatMap((row) => (row.installId === null ? [] : [row.installId])));
    const known = numbered.get(db) ?? new Set<string>();
    numbered.set(db, known);
    if ([...ids].some((id) => !known.has(id))) {
      await db.query(NUMBER_DEVELOPERS, [rows]);
      if (known.size > 100_000) known.clear();
      for (const id of ids) known.add(id);
    }
    const r = await db.query<{ id: string }>(INSERT_EVENTS, [rows, tokenId]);
    inserted = new Set(r.rows.map((x) => x.id));
  }
  return { ok: true, response: summarize(check, inserted) };
}

export interface ExportFilter {
  readonly kind?: string;
  readonly since?: string;
  readonly until?: string;
}

const EXPORT_PAGE = 1000;

/** GET /admin/v1/events: NDJSON, one stored envelope a line, oldest first, read page by page. */
export function exportEvents(db: Db, f: ExportFilter): Readable {
  async function* lines(): AsyncGenerator<string> {
    let cursor: [string, string] = ['-infinity', ''];
    for (;;) {
      const r = await db.query<{ line: string; t: string; id: string }>(
        `SELECT envelope::text AS line, time::text AS t, id FROM events
         WHERE ($1::text IS NULL OR kind = $1) AND ($2::timestamptz IS NULL OR time >= $2) AND ($3::timestamptz IS NULL OR time < $3)
           AND (time, id) > ($4::timestamptz, $5::text)
         ORDER BY time, id LIMIT ${EXPORT_PAGE}`,
        [f.kind ?? null, f.since ?? null, f.until ?? null, cursor[0], cursor[1]],
      );
      if (r.rows.length) yield r.rows.map((x) => `${x.line}\n`).join('');
      if (r.rows.length < EXPORT_PAGE) return;
      const last = r.rows[r.rows.length - 1]!;
      cursor = [last.t, last.id];
    }
  }
  return Readable.from(lines());
}

/**
 * Counts the last two days and the days about to expire into event_daily, then deletes raw
 * events whose time is before the retention cutoff (whole UTC days, so a day's count is final).
 */
export async function runMaintenance(db: Db, retentionDays: number): Promise<{ deleted: number }> {
  const cutoff = "date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => $1::integer)";
  return db.transaction(async (q) => {
    await q.query(
      `INSERT INTO event_daily (day, kind, repo_id, events)
       SELECT (time AT TIME ZONE 'UTC')::date, kind, coalesce(repo_id, ''), count(*) FROM events
       WHERE time < ${cutoff} OR time >= now() - interval '2 days'
       GROUP BY 1, 2, 3
       ON CONFLICT (day, kind, repo_id) DO UPDATE SET events = greatest(event_daily.events, excluded.events)`,
      [retentionDays],
    );
    await q.query(`DELETE FROM event_facts WHERE time < ${cutoff}`, [retentionDays]);
    const r = await q.query<{ n: number }>(
      `WITH d AS (DELETE FROM events WHERE time < ${cutoff} RETURNING 1) SELECT count(*)::integer AS n FROM d`,
      [retentionDays],
    );
    return { deleted: r.rows[0]?.n ?? 0 };
  });
}

export interface DailyCount {
  readonly day: string;
  readonly kind: string;
  readonly events: number;
}

/** Daily counts per kind (the rollup), for a dashboard's year view. */
export async function dailyCounts(db: Queryable, since: string, until: string): Promise<DailyCount[]> {
  const r = await db.query<DailyCount>(
    `SELECT day::text AS day, kind, sum(events)::integer AS events FROM event_daily
     WHERE day >= $1::date AND day < $2::date GROUP BY day, kind ORDER BY day, kind`,
    [since, until],
  );
  return r.rows;
}
