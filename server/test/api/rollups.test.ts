// The daily rollups answer exactly what a recount of the raw events answers: on generated
// data posted over HTTP with resent, overlapping and concurrent batches, over periods with
// and without partial days, per team, and after retention deleted the raw events.
import * as assert from 'node:assert/strict';
import { DATABASES, call, freshPostgresUrl, startApp, type TestServer } from '../helpers';
import type { Db } from '../../src/db/db';
import { loadMigrations, migrate } from '../../src/db/migrate';
import { openPglite } from '../../src/db/pgliteDb';
import { openPostgres } from '../../src/db/postgresDb';
import { adminCall, SEARCH, SHOP, seedTeams } from '../dashboardSeed';
import { rng } from '../../src/seed/rng';
import { repoRecords } from '../../src/core/repos';
import { runMaintenance } from '../../src/db/events';
import { frictionInsight, overviewInsight, type Scope } from '../../src/db/insights';
import { activityFacts, frictionFacts, rebuildRollups } from '../../src/db/rollups';

const DAY = 86_400_000;
const NOW = Date.now();
const SEARCH_ID = repoRecords([{ url: `https://${SEARCH}` }]).repos[0]!.id;
// Shop by name, search by hash, one repository nobody mapped, and none.
const REPOS = [{ id: SHOP, hashed: false }, { id: SEARCH_ID, hashed: true }, { id: 'f'.repeat(64), hashed: true }, null];

type Ev = Record<string, unknown> & { id: string; time: string };

function generate(n: number): Ev[] {
  const r = rng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const exit = () => pick([0, 0, 1, 2, undefined]);
  const data: (() => [string, Record<string, unknown>])[] = [
    () => ['task.ended', { ...(exit() === undefined ? {} : { exitCode: pick([0, 1, 2]) }), name: pick(['build', 'test', 'lint']), group: 'build', source: 'Workspace', durationMs: Math.floor(r() * 600_000), category: 'build' }],
    () => ['task.ended', { exitCode: 1, name: 'build', group: 'build', source: 'Workspace', durationMs: 3000 + r() * 10, category: 'build' }],
    () => ['terminal.commandEnded', { exitCode: pick([0, 1, 127]), command: pick(['npm test', 'npm run build', 'cargo build']), category: pick(['test', 'build']), durationMs: Math.floor(r() * 120_000) }],
    () => ['setup.completed', { durationMs: Math.floor(r() * 7_200_000), failedAttempts: Math.floor(r() * 4), installRuns: 1, firstSuccess: 'build' }],
    () => ['stuck.detected', { command: pick(['npm test', 'cargo build']), failures: 3, windowMinutes: pick([15, 7.5, 0.1]) }],
    () => ['friction.reported', { text: 'slow', context: r() < 0.6 ? { lastFailedCommand: pick(['npm test', 'cargo build']) } : {} }],
    () => ['stuck.helpChosen', { choice: 'help' }],
  ];
  const start = NOW - 45 * DAY;
  return Array.from({ length: n }, (_, i) => {
    // Some events exactly at midnight UTC and in its last millisecond: the edges of a rollup day.
    let t = start + Math.floor(r() * (NOW - 60_000 - start));
    const edge = r();
    if (edge < 0.05) t = Math.floor(t / DAY) * DAY;
    else if (edge < 0.08) t = Math.floor(t / DAY) * DAY + DAY - 1;
    const [kind, d] = pick(data)();
    const dev = r() < 0.03 ? null : `install-${Math.floor(r() * 14)}`;
    const repo = pick(REPOS);
    return {
      id: `rollup-${i.toString().padStart(6, '0')}`,
      kind,
      schemaVersion: 1,
      time: new Date(t).toISOString(),
      ...(dev ? { installId: dev, sessionId: `s-${dev}` } : {}),
      ...(repo ? { repo } : {}),
      extensionVersion: '0.1.0',
      data: d,
    };
  });
}

const iso = (t: number) => new Date(t).toISOString();
const midnight = (t: number) => Math.floor(t / DAY) * DAY;
// The Monday (midnight UTC) on or before t: 1970-01-05 was a Monday.
const monday = (t: number) => midnight(t) - (((Math.floor(t / DAY) - 4) % 7) + 7) % 7 * DAY;

// Partial days at both ends, whole days only, less than a day, a day's edge crossed with
// no whole day inside, and everything from a midnight.
const PERIODS = [
  { name: '28 days to now', from: iso(NOW - 28 * DAY), to: iso(NOW) },
  { name: 'whole days', from: iso(midnight(NOW - 40 * DAY)), to: iso(midnight(NOW)) },
  { name: 'six hours', from: iso(midnight(NOW - 30 * DAY) + 3_600_000), to: iso(midnight(NOW - 30 * DAY) + 7 * 3_600_000) },
  { name: 'across one midnight', from: iso(midnight(NOW - 20 * DAY) - 3 * 3_600_000), to: iso(midnight(NOW - 20 * DAY) + 5 * 3_600_000) },
  { name: 'from a midnight to now', from: iso(midnight(NOW - 50 * DAY)), to: iso(NOW) },
  // Whole weeks only (weekly rollups, no daily edge), and one day short of a week at each end.
  { name: 'Monday to Monday', from: iso(monday(NOW - 35 * DAY)), to: iso(monday(NOW)) },
  { name: 'Tuesday to Sunday', from: iso(monday(NOW - 35 * DAY) + DAY), to: iso(monday(NOW) - DAY) },
];
const TEAMS = [undefined, 'payments', 'search'];

for (const d of DATABASES) {
  describe(`daily rollups (${d.name})`, () => {
    let s: TestServer;
    const events = generate(2400);
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => NOW });
      await seedTeams(s.url);
      const token = (await adminCall(s.url)('POST', '/admin/v1/tokens', { name: 'rollups', scope: 'ingest' })).token as string;
      // Batches of 100 with one id twice; every fifth batch resent; overlapping halves; four at a time.
      const batches: Ev[][] = [];
      for (let i = 0; i < events.length; i += 100) batches.push([...events.slice(i, i + 100), events[i]!]);
      const sends: Ev[][] = [];
      batches.forEach((b, i) => {
        sends.push(b);
        if (i % 5 === 0) sends.push(b);
        if (i > 0) sends.push([...batches[i - 1]!.slice(50, 100), ...b.slice(0, 50)]);
      });
      for (let i = 0; i < sends.length; i += 4) {
        await Promise.all(
          sends.slice(i, i + 4).map(async (b) => {
            const r = await call(s.url, 'POST', '/v1/events', { token, body: { events: b } });
            assert.equal(r.status, 200, r.text);
            assert.deepEqual(r.json.rejected, []);
          }),
        );
      }
    });
    after(async () => {
      await s.close();
      await s.db.close();
    });

    const scope = (p: { from: string; to: string }, team: string | undefined, minGroup: number): Scope => ({ from: p.from, to: p.to, ...(team ? { team } : {}), minGroup });

    it('stores each event once and counts it once, whatever was resent', async () => {
      const n = await s.db.query<{ events: number; counted: number }>('SELECT (SELECT count(*) FROM events)::int AS events, (SELECT sum(events) FROM rollup_activity)::int AS counted');
      assert.deepEqual(n.rows[0], { events: events.length, counted: events.length });
    });

    it('answers friction and overview from rollups exactly as a recount of raw events', async function () {
      this.timeout(120_000); // 7 periods x 3 teams x 2 minimum groups x 4 reads
      for (const p of PERIODS) {
        for (const team of TEAMS) {
          for (const minGroup of [1, 3]) {
            const sc = scope(p, team, minGroup);
            const what = `${p.name}, team ${team ?? 'all'}, min group ${minGroup}`;
            assert.deepEqual(await frictionInsight(s.db, sc), await frictionInsight(s.db, { ...sc, rollups: false }), what);
            assert.deepEqual(await overviewInsight(s.db, { ...sc, now: NOW }), await overviewInsight(s.db, { ...sc, now: NOW, rollups: false }), what);
          }
        }
      }
    });

    it('agrees with a count made here from the generated events', async () => {
      const p = PERIODS[0]!;
      const inPeriod = events.filter((e) => e.time >= p.from && e.time < p.to);
      const r = await frictionInsight(s.db, scope(p, undefined, 1));
      assert.equal(r.activeDevelopers, new Set(inPeriod.map((e) => e.installId).filter((x) => x !== undefined)).size);
      const failing = inPeriod.filter((e) => e.kind === 'terminal.commandEnded' && (e.data as { exitCode: number }).exitCode !== 0 && (e.data as { command: string }).command === 'npm test');
      const item = r.items.find((x) => x.key === 'command:npm test')!;
      assert.equal(item.occurrences, failing.length);
      assert.equal(item.developers, new Set(failing.map((e) => e.installId).filter((x) => x !== undefined)).size);
    });

    it('serves the same numbers through the route', async () => {
      const p = PERIODS[0]!;
      const r = await call(s.url, 'GET', `/admin/v1/insights/friction?from=${p.from}&to=${p.to}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, await frictionInsight(s.db, { ...scope(p, undefined, r.json.minGroup), rollups: false }));
    });

    it('rebuilds to the very rows that ingest kept up to date', async () => {
      const snapshot = async () =>
        Promise.all(
          ['rollup_activity', 'rollup_activity_hour', 'rollup_friction', 'rollup_friction_reports', 'rollup_activity_week', 'rollup_friction_week', 'developer_numbers', 'event_facts'].map(async (t) => (await s.db.query<{ row: string }>(`SELECT x::text AS row FROM ${t} x ORDER BY 1`)).rows.map((x) => x.row)),
        );
      const before = await snapshot();
      await s.db.transaction((q) => rebuildRollups(q));
      assert.deepEqual(await snapshot(), before);
    });

    it('counts on POST /admin/v1/rollups/rebuild what a process without rollups stored', async () => {
      const e = { ...events[0]!, id: 'stored-by-an-older-version' };
      await s.db.query(
        `INSERT INTO events (id, kind, schema_version, time, install_id, repo_id, extension_version, envelope) VALUES ($1, $2, 1, $3, $4, NULL, '0.1.0', $5::jsonb)`,
        [e.id, events[0]!.kind, e.time, 'install-older', JSON.stringify(e)],
      );
      // Days on which install-older's bit is set (it has no number until the rebuild gives it one).
      const count = async () =>
        (await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM rollup_activity a JOIN developer_numbers d ON a.chunk = d.n / 1024 AND get_bit(a.developers, d.n % 1024) = 1 WHERE d.install_id = 'install-older'")).rows[0]!.n;
      assert.equal(await count(), 0);
      const r = await call(s.url, 'POST', '/admin/v1/rollups/rebuild');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { events: events.length + 1 });
      assert.equal(await count(), 1);
      await s.db.query('DELETE FROM events WHERE id = $1', [e.id]);
      await s.db.transaction((q) => rebuildRollups(q));
    });

    it('keeps the answers of whole days after retention deleted their raw events', async () => {
      const whole = PERIODS.filter((p) => p.from === iso(midnight(Date.parse(p.from))));
      const before = [];
      for (const p of whole) for (const team of TEAMS) before.push(await frictionInsight(s.db, { ...scope(p, team, 1), rollups: false }));
      const overview = await overviewInsight(s.db, { ...scope(PERIODS[4]!, undefined, 1), now: NOW, rollups: false });
      const { deleted } = await runMaintenance(s.db, 20);
      assert.ok(deleted > events.length / 3, `deleted ${deleted}`);
      const after = [];
      for (const p of whole) for (const team of TEAMS) after.push(await frictionInsight(s.db, scope(p, team, 1)));
      assert.deepEqual(after, before);
      const o = await overviewInsight(s.db, { ...scope(PERIODS[4]!, undefined, 1), now: NOW });
      assert.deepEqual([o.activeByWeek, o.adoption], [overview.activeByWeek, overview.adoption]);
      // A rebuild now recounts only the days raw events are left for, and keeps the others.
      await s.db.transaction((q) => rebuildRollups(q));
      const rebuilt = [];
      for (const p of whole) for (const team of TEAMS) rebuilt.push(await frictionInsight(s.db, scope(p, team, 1)));
      assert.deepEqual(rebuilt, before);
      // The raw recount has lost those days: the rollups are what still answers.
      assert.notDeepEqual(await frictionInsight(s.db, { ...scope(PERIODS[4]!, undefined, 1), rollups: false }), before[TEAMS.length]);
    });
  });
}

for (const d of DATABASES) {
  describe(`weekly friction rollups past 1,024 developers (${d.name})`, () => {
    it('counts each developer once across bit chunks, weeks and edge days, as worked out by hand', async function () {
      this.timeout(120_000);
      const s = await startApp((await d.open()).db, { now: () => NOW });
      try {
        const token = (await adminCall(s.url)('POST', '/admin/v1/tokens', { name: 'chunks', scope: 'ingest' })).token as string;
        const w1 = monday(NOW - 21 * DAY);
        const w2 = w1 + 7 * DAY;
        // Developers 0..1099 fail `npm test` once in the first week, 500..1299 once in the
        // second, spread over the days of each; three failures come without an install id.
        const fail = (id: string, t: number, dev: number | null): Ev => ({
          id, kind: 'terminal.commandEnded', schemaVersion: 1, time: iso(t), extensionVersion: '0.1.0', repo: { id: SHOP, hashed: false },
          ...(dev === null ? {} : { installId: `install-${dev}` }), data: { exitCode: 1, command: 'npm test', category: 'test', durationMs: 60_000 },
        });
        const at = (w: number, dev: number) => w + (dev % 7) * DAY + 3_600_000 + dev * 1000;
        const evs = [
          ...Array.from({ length: 1100 }, (_, dev) => fail(`chunks-w1-${dev}`, at(w1, dev), dev)),
          ...Array.from({ length: 800 }, (_, i) => fail(`chunks-w2-${500 + i}`, at(w2, 500 + i), 500 + i)),
          ...[0, 1, 2].map((i) => fail(`chunks-anon-${i}`, w2 + DAY + i, null)),
        ];
        for (let i = 0; i < evs.length; i += 500) {
          const r = await call(s.url, 'POST', '/v1/events', { token, body: { events: evs.slice(i, i + 500) } });
          assert.equal(r.status, 200, r.text);
        }
        const n = await s.db.query<{ n: number; max: number }>('SELECT count(*)::int AS n, max(n) AS max FROM developer_numbers');
        assert.deepEqual(n.rows[0], { n: 1300, max: 1299 }, 'one number per developer, none skipped');
        const item = async (from: number, to: number, rollups = true) =>
          (await frictionInsight(s.db, { from: iso(from), to: iso(to), minGroup: 1, rollups })).items.find((x) => x.key === 'command:npm test')!;
        const weeks = await item(w1, w2 + 7 * DAY);
        assert.deepEqual(
          { developers: weeks.developers, occurrences: weeks.occurrences, trend: weeks.trend },
          { developers: 1300, occurrences: 1903, trend: [{ week: iso(w1).slice(0, 10), developers: 1100 }, { week: iso(w2).slice(0, 10), developers: 800 }] },
        );
        // Cut through days and hours: whole weeks, whole edge days and raw events together.
        for (const [from, to] of [[w1 + 2 * DAY + 1_800_000, w2 + 5 * DAY + 1_800_000], [w1 - DAY, w2 + 9 * DAY], [w1 + DAY, w2]]) {
          assert.deepEqual(await item(from!, to!), await item(from!, to!, false), `${iso(from!)} to ${iso(to!)}`);
        }
      } finally {
        await s.close();
        await s.db.close();
      }
    });
  });
}

for (const d of DATABASES) {
  describe(`developer numbers at ingest (${d.name})`, () => {
    it('numbers a developer the process saw before when the numbers were emptied since (a restore), so the bits are never lost', async () => {
      const s = await startApp((await d.open()).db, { now: () => NOW });
      try {
        const token = (await adminCall(s.url)('POST', '/admin/v1/tokens', { name: 'numbers', scope: 'ingest' })).token as string;
        const fail = (id: string, t: number): Ev => ({
          id, kind: 'terminal.commandEnded', schemaVersion: 1, time: iso(t), extensionVersion: '0.1.0', installId: 'install-restored', sessionId: 's-r',
          data: { exitCode: 1, command: 'npm test', category: 'test', durationMs: 1000 },
        });
        const post = async (e: Ev) => assert.equal((await call(s.url, 'POST', '/v1/events', { token, body: { events: [e] } })).status, 200);
        await post(fail('numbers-first-0001', NOW - 3 * DAY));
        await s.db.query('DELETE FROM developer_numbers');
        await post(fail('numbers-second-001', NOW - 2 * DAY));
        const n = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM developer_numbers WHERE install_id = 'install-restored'");
        assert.equal(n.rows[0]!.n, 1);
        const day = midnight(NOW - 2 * DAY);
        const r = await frictionInsight(s.db, { from: iso(day), to: iso(day + DAY), minGroup: 1 });
        assert.equal(r.items.find((x) => x.key === 'command:npm test')?.developers, 1);
      } finally {
        await s.close();
        await s.db.close();
      }
    });
  });
}

describe('migration 0200 (daily rollups)', () => {
  const opens: [string, () => Promise<Db>][] = [
    ['pglite', () => openPglite(undefined)],
    ['postgres', async () => openPostgres({ url: await freshPostgresUrl() })],
  ];
  for (const [name, open] of opens) {
    it(`counts the events stored before it (${name})`, async function () {
      this.timeout(60_000);
      const db = await open();
      try {
        await migrate(db, undefined, loadMigrations().filter((m) => m.version < 200));
        const stored = generate(300);
        for (const e of stored) {
          await db.query(
            `INSERT INTO events (id, kind, schema_version, time, install_id, repo_id, extension_version, envelope) VALUES ($1, $2, 1, $3, $4, $5, '0.1.0', $6::jsonb)`,
            [e.id, e.kind, e.time, e.installId ?? null, (e.repo as { id: string } | undefined)?.id ?? null, JSON.stringify(e)],
          );
        }
        // 0200 and every later migration (the rollups are recounted once, after the last).
        assert.deepEqual(await migrate(db), loadMigrations().filter((m) => m.version >= 200).map((m) => m.version));
        const n = await db.query<{ n: number }>('SELECT sum(events)::int AS n FROM rollup_activity');
        assert.equal(n.rows[0]!.n, stored.length);
        const p = { from: iso(midnight(NOW - 50 * DAY)), to: iso(NOW), minGroup: 1 };
        assert.deepEqual(await frictionInsight(db, p), await frictionInsight(db, { ...p, rollups: false }));
      } finally {
        await db.close();
      }
    });
  }
});

describe('migration 0350 (developers as bits)', () => {
  const opens: [string, () => Promise<Db>][] = [
    ['pglite', () => openPglite(undefined)],
    ['postgres', async () => openPostgres({ url: await freshPostgresUrl() })],
  ];
  const ROLLUPS = ['developer_numbers', 'rollup_activity', 'rollup_activity_hour', 'rollup_friction', 'rollup_activity_week', 'rollup_friction_week'];
  const snapshot = async (db: Db) =>
    Promise.all(ROLLUPS.map(async (t) => (await db.query<{ row: string }>(`SELECT x::text AS row FROM ${t} x ORDER BY 1`)).rows.map((x) => x.row)));
  const store = async (db: Db, events: Ev[]) => {
    for (const e of events) {
      await db.query(
        `INSERT INTO events (id, kind, schema_version, time, install_id, repo_id, extension_version, envelope) VALUES ($1, $2, 1, $3, $4, $5, '0.1.0', $6::jsonb)`,
        [e.id, e.kind, e.time, e.installId ?? null, (e.repo as { id: string } | undefined)?.id ?? null, JSON.stringify(e)],
      );
    }
  };
  for (const [name, open] of opens) {
    it(`turns the per-developer rows of 0200 into the bits a recount gives (${name})`, async function () {
      this.timeout(60_000);
      const stored = generate(400);
      const before = await open();
      const fresh = await open();
      try {
        // As a server before 0350 left it: the migrations up to 0340, events, and the
        // per-developer daily rollups they counted (0200's rows, made here as 0200 made them).
        const all = loadMigrations();
        for (const m of all.filter((x) => x.version < 350)) {
          await before.exec(m.sql);
          if (m.version === 1) await before.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
        }
        for (const m of all.filter((x) => x.version < 350)) await before.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await store(before, stored);
        const src = "(SELECT kind, time, install_id, repo_id, envelope->'data' AS data FROM events) e";
        await before.query(`INSERT INTO rollup_activity (day, repo_id, install_id, events) SELECT (time AT TIME ZONE 'UTC')::date, repo_id, install_id, count(*) FROM (${activityFacts(src)}) f GROUP BY 1, 2, 3`);
        await before.query(
          `INSERT INTO rollup_friction (day, source, subject, repo_id, install_id, occurrences, ms)
           SELECT (time AT TIME ZONE 'UTC')::date, source, subject, repo_id, install_id, count(*), coalesce(sum(ms), 0) FROM (${frictionFacts(src)}) f GROUP BY 1, 2, 3, 4, 5`,
        );
        assert.deepEqual(await migrate(before), [350]);
        // The same events counted by this version from scratch.
        await migrate(fresh);
        await store(fresh, stored);
        await fresh.transaction((q) => rebuildRollups(q));
        const [a, b] = [await snapshot(before), await snapshot(fresh)];
        assert.ok(a[1]!.length > 0 && a[4]!.length > 0, 'there are rows to compare');
        assert.deepEqual(a, b);
      } finally {
        await before.close();
        await fresh.close();
      }
    });
  }
});
