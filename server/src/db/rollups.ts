// The rollups (migrations 0200 to 0350): what each one counts, written once here and used
// three ways: by ingest over the rows its INSERT just stored (so a duplicate or a retried
// batch, which inserts nothing, counts nothing), by rebuildRollups over the stored events,
// and by the insight reads over the raw events of a period's partial first and last days.
import type { Queryable } from './db';

/** Columns every fact source offers: kind, time, install_id, repo_id, data (the event's data). */
type Source = string;

const DAY = "(time AT TIME ZONE 'UTC')::date";
const WEEK = "date_trunc('week', time AT TIME ZONE 'UTC')::date";
const HOUR = "date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";

/** Every event, as (time, repo_id, install_id). */
export const activityFacts = (src: Source) => `SELECT time, repo_id, install_id FROM ${src}`;

export const FRICTION_KINDS = ['task.ended', 'terminal.commandEnded', 'setup.completed', 'stuck.detected'];

// Ingest runs these over every new event, so a value of an unexpected type (which the kind
// schemas refuse today) reads as absent instead of failing the batch.
const num = (field: string) => `CASE WHEN jsonb_typeof(data->'${field}') = 'number' THEN (data->>'${field}')::numeric END`;

/** Friction observations as (time, source, subject, repo_id, install_id, ms). */
export const frictionFacts = (src: Source) => `SELECT time,
    CASE kind WHEN 'task.ended' THEN 'failingTask' WHEN 'terminal.commandEnded' THEN 'failingCommand' WHEN 'setup.completed' THEN 'slowSetup' ELSE 'stuckStreak' END AS source,
    CASE kind WHEN 'task.ended' THEN data->>'name' WHEN 'setup.completed' THEN '' ELSE data->>'command' END AS subject,
    repo_id, install_id,
    CASE kind WHEN 'stuck.detected' THEN ${num('windowMinutes')} * 60000 ELSE ${num('durationMs')} END AS ms
  FROM ${src}
  WHERE (kind IN ('task.ended', 'terminal.commandEnded') AND ${num('exitCode')} <> 0) OR kind IN ('setup.completed', 'stuck.detected')`;

/** Friction reports naming the command that had just failed, as (time, repo_id, command). */
export const reportFacts = (src: Source) =>
  `SELECT time, repo_id, data->'context'->>'lastFailedCommand' AS command FROM ${src} WHERE kind = 'friction.reported' AND data->'context' ? 'lastFailedCommand'`;


/** Entry reach and deprecations as (time, entry_id, fact, repo_id, install_id). */
export const entryFacts = (src: Source) => `SELECT time, data->>'entryId' AS entry_id,
    CASE kind WHEN 'docs.opened' THEN 'opened' WHEN 'deprecation.affected' THEN 'affected' ELSE 'resolved' END AS fact, repo_id, install_id
  FROM ${src} WHERE kind IN ('docs.opened', 'deprecation.affected', 'deprecation.resolved') AND jsonb_typeof(data->'entryId') = 'string'`;

/** Survey prompts and answers as (time, survey_id, fact): shown, answered, or the dismissal's choice. */
export const surveyFacts = (src: Source) => `SELECT time, data->>'surveyId' AS survey_id,
    CASE kind WHEN 'survey.shown' THEN 'shown' WHEN 'survey.answered' THEN 'answered' ELSE data->>'choice' END AS fact
  FROM ${src} WHERE jsonb_typeof(data->'surveyId') = 'string'
    AND (kind IN ('survey.shown', 'survey.answered') OR (kind = 'survey.dismissed' AND data->>'choice' IN ('remindLater', 'never', 'closed')))`;

// Developers as bits (migration 0350): developer n is bit n % 1024 of chunk n / 1024; no
// install id, no bit (chunk 0). DEV_JOIN numbers the facts' install ids.
const ZERO = "repeat('0', 1024)::bit(1024)";
export const DEV_CHUNK = 'coalesce(dn.n / 1024, 0)';
export const DEV_BIT = `CASE WHEN dn.n IS NULL THEN ${ZERO} ELSE set_bit(${ZERO}, dn.n % 1024, 1) END`;
export const DEV_JOIN = (alias: string, numbers = 'developer_numbers') => `LEFT JOIN ${numbers} dn ON dn.install_id = ${alias}.install_id`;

/**
 * Numbers the install ids of $1 (a batch's events as a jsonb array) that have none yet: run
 * before the statement that stores them when the batch holds an install id the process has
 * not seen numbered, so that statement's snapshot sees the number even when another process
 * numbered it concurrently. Only new ids are offered to the insert, so the identity skips
 * no numbers but in a race.
 */
export const NUMBER_DEVELOPERS = `INSERT INTO developer_numbers (install_id)
  SELECT DISTINCT i FROM (SELECT e->>'installId' AS i FROM jsonb_array_elements($1::jsonb) e) x
  WHERE i IS NOT NULL AND NOT EXISTS (SELECT 1 FROM developer_numbers d WHERE d.install_id = x.i) ORDER BY 1
  ON CONFLICT DO NOTHING`;

/** Numbers the install ids of the stored events that have none, in the order of their first UTC day (rebuilds; as migration 0350). */
const NUMBER_FROM_EVENTS = `INSERT INTO developer_numbers (install_id)
  SELECT install_id FROM events e WHERE install_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM developer_numbers d WHERE d.install_id = e.install_id)
  GROUP BY install_id ORDER BY min((time AT TIME ZONE 'UTC')::date), install_id`;

/** Who was active where, per UTC day (with the number of events), week or hour: the developers as bits. */
function activityUpsert(src: Source, per: 'day' | 'week' | 'hour', numbers: string): string {
  const t = { day: 'rollup_activity', week: 'rollup_activity_week', hour: 'rollup_activity_hour' }[per];
  const day = per === 'day';
  return `INSERT INTO ${t} (${per}, repo_id, chunk, developers${day ? ', events' : ''})
   SELECT ${{ day: DAY, week: WEEK, hour: HOUR }[per]}, repo_id, ${DEV_CHUNK}, bit_or(${DEV_BIT})${day ? ', count(*)' : ''} FROM (${activityFacts(src)}) f ${DEV_JOIN('f', numbers)} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
   ON CONFLICT ON CONSTRAINT ${t}_key DO UPDATE SET developers = ${t}.developers | excluded.developers${day ? `, events = ${t}.events + excluded.events` : ''}`;
}

/** Friction per UTC day or week, item and repository: occurrences, time lost, the developers as bits. */
function frictionUpsert(src: Source, per: 'day' | 'week', numbers: string): string {
  const t = per === 'day' ? 'rollup_friction' : 'rollup_friction_week';
  return `INSERT INTO ${t} (${per}, source, subject, repo_id, chunk, developers, occurrences, ms)
   SELECT ${per === 'day' ? DAY : WEEK}, source, subject, repo_id, ${DEV_CHUNK}, bit_or(${DEV_BIT}), count(*), coalesce(sum(ms), 0) FROM (${frictionFacts(src)}) f ${DEV_JOIN('f', numbers)}
   GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
   ON CONFLICT ON CONSTRAINT ${t}_key DO UPDATE SET developers = ${t}.developers | excluded.developers,
     occurrences = ${t}.occurrences + excluded.occurrences, ms = ${t}.ms + excluded.ms`;
}

// Rows are grouped to one per key (ON CONFLICT may touch a row once per statement) and
// sorted, so concurrent batches lock shared rows in the same order.
const upserts = (src: Source, weeks = true, numbers = 'developer_numbers') => [
  activityUpsert(src, 'day', numbers),
  activityUpsert(src, 'hour', numbers),
  frictionUpsert(src, 'day', numbers),
  ...(weeks ? [activityUpsert(src, 'week', numbers), frictionUpsert(src, 'week', numbers)] : []),
  `INSERT INTO rollup_friction_reports (day, repo_id, command, reports)
   SELECT ${DAY}, repo_id, command, count(*) FROM (${reportFacts(src)}) f GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
   ON CONFLICT ON CONSTRAINT rollup_friction_reports_key DO UPDATE SET reports = rollup_friction_reports.reports + excluded.reports`,
  `INSERT INTO rollup_entries (day, entry_id, fact, repo_id, install_id, n)
   SELECT ${DAY}, entry_id, fact, repo_id, install_id, count(*) FROM (${entryFacts(src)}) f GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
   ON CONFLICT ON CONSTRAINT rollup_entries_key DO UPDATE SET n = rollup_entries.n + excluded.n`,
  `INSERT INTO rollup_surveys (day, survey_id, fact, n)
   SELECT ${DAY}, survey_id, fact, count(*) FROM (${surveyFacts(src)}) f GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
   ON CONFLICT ON CONSTRAINT rollup_surveys_key DO UPDATE SET n = rollup_surveys.n + excluded.n`,
  `INSERT INTO deprecation_repos (entry_id, repo_id, affected_at, resolved_at)
   SELECT entry_id, repo_id, max(time) FILTER (WHERE fact = 'affected'), max(time) FILTER (WHERE fact = 'resolved')
   FROM (${entryFacts(src)}) f WHERE fact <> 'opened' AND repo_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
   ON CONFLICT (entry_id, repo_id) DO UPDATE SET affected_at = greatest(deprecation_repos.affected_at, excluded.affected_at), resolved_at = greatest(deprecation_repos.resolved_at, excluded.resolved_at)`,
];

/**
 * One statement: `insert` is an INSERT INTO events ... ON CONFLICT DO NOTHING RETURNING id,
 * kind, time, install_id, repo_id, data; its returned rows (the new ones only) feed every
 * rollup in the same statement, so the events and their counts commit together or not at all.
 */
export function insertWithRollups(insert: string): string {
  // An install id without a number (the caller skipped NUMBER_DEVELOPERS for ids it had seen
  // numbered, and the table was emptied or restored since) is numbered here: the rows
  // inserted by this statement are not in its snapshot, so its reads see them through dnx.
  const numbers = `nums AS (INSERT INTO developer_numbers (install_id)
    SELECT DISTINCT install_id FROM ins WHERE install_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM developer_numbers d WHERE d.install_id = ins.install_id) ORDER BY 1
    ON CONFLICT DO NOTHING RETURNING install_id, n),
  dnx AS (SELECT install_id, n FROM developer_numbers UNION ALL SELECT install_id, n FROM nums)`;
  return `WITH ins AS (${insert}), ${numbers}, ${[...upserts('ins', true, 'dnx'), factsInsert('ins')]
    .map((u, i) => `r${i} AS (${u})`)
    .join(', ')} SELECT id FROM ins`;
}

/** The kinds the dashboard reads event by event, kept as narrow rows in event_facts (migration 0340). */
export const FACT_KINDS = ['newHire.firstCommit', 'onboarding.stepCompleted', 'setup.completed', 'survey.answered', 'friction.reported', 'docs.searched', 'goldenPath.evaluated'];
const factsInsert = (src: Source) =>
  `INSERT INTO event_facts (id, kind, time, install_id, repo_id, data) SELECT id, kind, time, install_id, repo_id, data FROM ${src} WHERE kind IN (${FACT_KINDS.map((k) => `'${k}'`).join(', ')})`;

const ROLLUP_TABLES = ['rollup_activity', 'rollup_friction', 'rollup_friction_reports', 'rollup_entries', 'rollup_surveys'];
const WEEK_TABLES = ['rollup_activity_week', 'rollup_friction_week'];
// The weekly rollups from the daily ones: the OR of their days' bits.
const WEEKS_FROM_DAYS = [
  `INSERT INTO rollup_activity_week (week, repo_id, chunk, developers)
   SELECT date_trunc('week', day::timestamp)::date, repo_id, chunk, bit_or(developers) FROM rollup_activity GROUP BY 1, 2, 3`,
  `INSERT INTO rollup_friction_week (week, source, subject, repo_id, chunk, developers, occurrences, ms)
   SELECT date_trunc('week', day::timestamp)::date, source, subject, repo_id, chunk, bit_or(developers), sum(occurrences), sum(ms)
   FROM rollup_friction GROUP BY 1, 2, 3, 4, 5`,
];

/**
 * Recounts the rollups from the raw events stored now (in the caller's transaction), from
 * the day of the oldest one on: retention deletes whole UTC days, so those days are whole,
 * and the rollups of days before them (whose raw events are gone) are kept. Returns how many
 * events it counted. Run after migration 0200 (the events stored before it) and by POST
 * /admin/v1/rollups/rebuild. The lock waits for ingest statements in flight and holds new
 * ones until the recount commits, so each event is counted exactly once either way.
 */
export async function rebuildRollups(q: Queryable): Promise<number> {
  // deprecation_repos is not cleared: its greatest() writes recount to the same values.
  await q.query(`LOCK TABLE ${[...ROLLUP_TABLES, 'rollup_activity_hour', ...WEEK_TABLES, 'event_facts', 'deprecation_repos', 'developer_numbers'].join(', ')} IN EXCLUSIVE MODE`);
  const first = (await q.query<{ day: string | null }>(`SELECT (min(time) AT TIME ZONE 'UTC')::date::text AS day FROM events`)).rows[0]?.day;
  if (!first) return 0;
  for (const t of ROLLUP_TABLES) await q.query(`DELETE FROM ${t} WHERE day >= $1::date`, [first]);
  await q.query("DELETE FROM rollup_activity_hour WHERE hour >= $1::date::timestamp AT TIME ZONE 'UTC'", [first]);
  // Every install id numbered; numbers are never taken back (days without raw events keep their bits).
  await q.query(NUMBER_FROM_EVENTS);
  const src = "(SELECT kind, time, install_id, repo_id, envelope->'data' AS data FROM events) e";
  for (const u of upserts(src, false)) await q.query(u);
  // The weekly rollups from the daily ones (retention keeps those: a week whose first days
  // lost their raw events stays whole).
  for (const t of WEEK_TABLES) await q.query(`DELETE FROM ${t}`);
  for (const w of WEEKS_FROM_DAYS) await q.query(w);
  // event_facts is a copy of raw events: copied again whole.
  await q.query('DELETE FROM event_facts');
  await q.query(factsInsert("(SELECT id, kind, time, install_id, repo_id, envelope->'data' AS data FROM events) e"));
  const r = await q.query<{ n: number }>('SELECT coalesce(sum(events), 0)::int AS n FROM rollup_activity WHERE day >= $1::date', [first]);
  return r.rows[0]?.n ?? 0;
}

const DAY_MS = 86_400_000;

/**
 * A period [from, to) as its whole UTC days [a, b), read from the rollups, and the partial
 * days [from, a) and [b, to), read from raw events. No whole day (or rollups off, the raw
 * recomputation the tests compare against): a = b = to, everything from raw events.
 */
export function splitPeriod(from: string, to: string, rollups = true): { a: string; b: string } {
  const f = Date.parse(from);
  const t = Date.parse(to);
  const a = Math.ceil(f / DAY_MS) * DAY_MS;
  const b = Math.floor(t / DAY_MS) * DAY_MS;
  if (!rollups || a >= b) return { a: to, b: to };
  return { a: new Date(a).toISOString(), b: new Date(b).toISOString() };
}

// Parameters of a split period: $1 from, $2 to, $3 a, $5 b ($4 is left to the caller).
/** The rollup days of a split period. */
export const ROLLUP_DAYS = "day >= ($3::timestamptz AT TIME ZONE 'UTC')::date AND day < ($5::timestamptz AT TIME ZONE 'UTC')::date";
/** The raw events of its partial days. */
export const EDGE_EVENTS =
  "(SELECT kind, time, install_id, repo_id, envelope->'data' AS data FROM events WHERE (time >= $1::timestamptz AND time < $3::timestamptz) OR (time >= $5::timestamptz AND time < $2::timestamptz)) e";
/** A rollup day as the time its facts carry (midnight UTC). */
export const DAY_TIME = "(day::timestamp AT TIME ZONE 'UTC')";

/**
 * The whole UTC weeks (Monday on) [wa, b) inside a split period's whole days [a, b), read
 * from the weekly rollups; the days [a, wa) and [wb, b) from the daily ones. No whole
 * week: wa = wb = b.
 */
export function splitWeeks(a: string, b: string): { wa: string; wb: string } {
  const da = Math.floor(Date.parse(a) / DAY_MS);
  const db = Math.floor(Date.parse(b) / DAY_MS);
  // Day 0 (1970-01-01) was a Thursday: day d is a Monday when (d + 3) % 7 = 0.
  const wa = da + ((7 - ((da + 3) % 7)) % 7);
  const wb = db - ((db + 3) % 7);
  if (wa >= wb) return { wa: b, wb: b };
  return { wa: new Date(wa * DAY_MS).toISOString(), wb: new Date(wb * DAY_MS).toISOString() };
}

// Parameters of a period split to weeks: those above, $6 wa and $7 wb.
const date = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')::date`;
/** The weekly rollup rows of its whole weeks. */
export const ROLLUP_WEEKS = `week >= ${date(6)} AND week < ${date(7)}`;
/** The daily rollup rows of its whole days outside those weeks. */
export const ROLLUP_EDGE_DAYS = `((day >= ${date(3)} AND day < ${date(6)}) OR (day >= ${date(7)} AND day < ${date(5)}))`;
/** A rollup week as the time its facts carry (Monday, midnight UTC). */
export const WEEK_TIME = "(week::timestamp AT TIME ZONE 'UTC')";

const HOUR_MS = 3_600_000;

/**
 * The whole UTC hours [ha, hb) of a partial day [x, y), read from the hourly activity
 * rollup; the rest of it from raw events. No whole hour (or rollups off): ha = hb = y.
 */
export function splitHours(x: string, y: string, rollups = true): { ha: string; hb: string } {
  const ha = Math.ceil(Date.parse(x) / HOUR_MS) * HOUR_MS;
  const hb = Math.floor(Date.parse(y) / HOUR_MS) * HOUR_MS;
  if (!rollups || ha >= hb) return { ha: y, hb: y };
  return { ha: new Date(ha).toISOString(), hb: new Date(hb).toISOString() };
}

// Parameters of a period split to hours: those above, $8 to $11 the whole hours of its partial days.
const ts = (n: number) => `$${n}::timestamptz`;
/** The hourly activity rows of the partial days' whole hours. */
export const ROLLUP_HOURS = `((hour >= ${ts(8)} AND hour < ${ts(9)}) OR (hour >= ${ts(10)} AND hour < ${ts(11)}))`;
/** The raw events of the partial days outside those hours. */
export const EDGE_HOUR_EVENTS = `(SELECT kind, time, install_id, repo_id FROM events WHERE (time >= ${ts(1)} AND time < ${ts(8)}) OR (time >= ${ts(9)} AND time < ${ts(3)})
  OR (time >= ${ts(5)} AND time < ${ts(10)}) OR (time >= ${ts(11)} AND time < ${ts(2)})) e`;
