// The dashboard over a year of data (#12): DX_BENCH_DASHBOARD_EVENTS events (default
// 10,000,000: a year of 150 developers in 10 teams and 30 repositories) generated in
// PostgreSQL itself (generate_series), the rollups counted by rebuildRollups as the server's
// rebuild route does, then the API calls behind every dashboard page, for each period the
// page offers (7, 28, 90, 365 days) for everyone and for one team, each
// DX_BENCH_DASHBOARD_ROUNDS times (default 3), against the server in its own process.
//   platform_dashboard_p95_ms      p95 of those calls (goal <= 300)
//   platform_dashboard_scan_ratio  that p95 / one full scan of the events table, same run (goal <= 0.1)
//   platform_rss_mb                the server's resident memory after serving those calls (goal <= 200)
// The cluster is kept in .bench/pg-dashboard-<events> between runs: generated again only when the
// generator below or the number of events changes, its rollups recounted only when the
// migrations or db/rollups.ts change. The year ends when it was generated; the calls ask
// for periods ending then (DX_BENCH_DASHBOARD_FRESH=1 regenerates it).
// Run alone: npx tsx -e "import('./server/bench/platformDashboard.bench.ts').then(m=>(m.run??m.default.run)()).then(r=>console.log(r))"
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pg from 'pg';
import { startCluster } from '../scripts/pgCluster.mjs';
import { rebuildRollups } from '../src/db/rollups';
import { rng } from '../src/seed/rng';
import { BENCH_TOKEN, startBenchServer, type BenchResult } from './benchServer';

const EVENTS = Number(process.env.DX_BENCH_DASHBOARD_EVENTS ?? 10_000_000);
const ROUNDS = Number(process.env.DX_BENCH_DASHBOARD_ROUNDS ?? 3);
const DEVELOPERS = 150;
const TEAMS = 10;
const REPOS = 30;
const DAY = 86_400_000;
const KEEP = path.resolve(__dirname, '..', '..', '.bench', `pg-dashboard-${EVENTS}`);

const repoName = (i: number) => `github.com/acme/repo-${i}`;

// The envelope of a generated row, as the extension sends it ($1 is the year's end).
const ENVELOPE = `jsonb_build_object('id', id, 'kind', kind, 'schemaVersion', 1, 'time', to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'installId', 'install-' || dev, 'sessionId', 'session-' || dev || '-' || (g % 50), 'repo', jsonb_build_object('id', 'github.com/acme/repo-' || repo, 'hashed', false),
  'extensionVersion', '0.1.0', 'data', data)`;
const INSERT = (rows: string) => `INSERT INTO events (id, kind, schema_version, time, install_id, session_id, repo_id, repo_hashed, extension_version, envelope)
  SELECT id, kind, 1, time, 'install-' || dev, 'session-' || dev || '-' || (g % 50), 'github.com/acme/repo-' || repo, false, '0.1.0', ${ENVELOPE} FROM (${rows}) x`;
const pick = (xs: readonly string[], r: string) => `(ARRAY[${xs.map((x) => `'${x}'`).join(', ')}])[1 + floor(${r} * ${xs.length})::int]`;

// The bulk of the year ($2..$3 of a series of $4): tasks and commands (15% and 20% failing),
// stuck streaks, docs opened and searched, stored in the order of their time as ingest
// stores them (events arrive as they happen). A developer works mostly in their team's three repositories.
const BULK = INSERT(`SELECT 'bench-' || g AS id, g, dev, CASE WHEN r1 < 0.9 THEN (dev % ${TEAMS}) * 3 + floor(r2 * 3)::int ELSE floor(r2 * ${REPOS})::int END AS repo,
    $1::timestamptz - interval '365 days' + ((g - r0) / $4::float8) * interval '365 days' AS time, kind,
    CASE kind
      WHEN 'task.ended' THEN jsonb_build_object('exitCode', CASE WHEN r3 < 0.15 THEN 1 + floor(r4 * 2)::int ELSE 0 END, 'name', ${pick(['build', 'test', 'lint', 'watch', 'deploy'], 'r5')}, 'group', 'build', 'source', 'Workspace', 'durationMs', floor(r6 * 600000)::int, 'category', 'build')
      WHEN 'terminal.commandEnded' THEN jsonb_build_object('exitCode', CASE WHEN r3 < 0.2 THEN ${pick(['1', '2', '127'], 'r4')}::int ELSE 0 END, 'command', ${pick(['npm test', 'npm run build', 'npm ci', 'cargo build', 'cargo test', 'make', 'docker compose', 'terraform plan'], 'r5')}, 'category', ${pick(['test', 'build', 'install', 'other'], 'r6')}, 'durationMs', floor(r6 * 120000)::int)
      WHEN 'stuck.detected' THEN jsonb_build_object('command', ${pick(['npm test', 'cargo build', 'make'], 'r5')}, 'failures', 3, 'windowMinutes', 15)
      WHEN 'stuck.helpChosen' THEN jsonb_build_object('choice', 'help')
      WHEN 'docs.opened' THEN jsonb_build_object('entryId', ${pick(['vpn-setup', 'node-22-migration', 'ci-caching', 'secrets-rotation'], 'r5')}, 'entryKind', 'doc')
      ELSE jsonb_build_object('results', floor(r5 * 4)::int, 'opened', r6 < 0.5)
    END AS data
  FROM (SELECT g, dev, r0, r1, r2, r3, r4, r5, r6,
      CASE WHEN x < 0.48 THEN 'task.ended' WHEN x < 0.96 THEN 'terminal.commandEnded' WHEN x < 0.975 THEN 'stuck.detected'
           WHEN x < 0.98 THEN 'stuck.helpChosen' WHEN x < 0.99 THEN 'docs.opened' ELSE 'docs.searched' END AS kind
    FROM (SELECT g, floor(random() * ${DEVELOPERS})::int AS dev, random() AS x, random() AS r0, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
          FROM generate_series($2::bigint, $3::bigint) g) s) k`);

// What a year of 150 developers has a few of: activity days, friction reports, setups,
// four quarterly NPS waves (shown, answered, dismissed), golden-path results, 40 new hires
// and their checklists.
const RARE = [
  // activity.day: one per developer, repository of their team and day worked (about half).
  `SELECT 'bench-day-' || g AS id, g, dev, repo, time, 'activity.day' AS kind, jsonb_build_object('day', to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD')) AS data
   FROM (SELECT row_number() OVER () AS g, dev, (dev % ${TEAMS}) * 3 + j AS repo, date_trunc('day', $1::timestamptz) - d * interval '1 day' + interval '9 hours' AS time
         FROM generate_series(0, ${DEVELOPERS - 1}) dev, generate_series(0, 2) j, generate_series(1, 365) d WHERE random() < 0.5) s`,
  `SELECT 'bench-report-' || g AS id, g, floor(random() * ${DEVELOPERS})::int AS dev, floor(random() * ${REPOS})::int AS repo, $1::timestamptz - random() * interval '365 days' AS time, 'friction.reported' AS kind,
     jsonb_build_object('text', ${pick(['The integration tests need a VPN', 'npm ci takes ten minutes on the VPN', 'Flaky e2e tests on main again', 'Cannot find the docs for the deploy pipeline', 'Docker compose fails on arm laptops'], 'random()')},
       'context', CASE WHEN random() < 0.5 THEN jsonb_build_object('lastFailedCommand', ${pick(['npm test', 'cargo build'], 'random()')}) ELSE '{}'::jsonb END) AS data
   FROM generate_series(1, 3000) g`,
  `SELECT 'bench-setup-' || g AS id, g, floor(random() * ${DEVELOPERS})::int AS dev, floor(random() * ${REPOS})::int AS repo, $1::timestamptz - random() * interval '365 days' AS time, 'setup.completed' AS kind,
     jsonb_build_object('durationMs', floor(random() * 7200000)::int, 'failedAttempts', floor(random() * 4)::int, 'installRuns', 1 + floor(random() * 2)::int, 'firstSuccess', 'build') AS data
   FROM generate_series(1, 1500) g`,
  // Each wave: every developer is asked; about three in four answer, a few turn it away.
  `SELECT 'bench-survey-' || kind || '-' || g AS id, g, dev, (dev % ${TEAMS}) * 3 AS repo, time, kind, data FROM (
     SELECT w * 1000 + dev AS g, dev, $1::timestamptz - (w * 91 + 3) * interval '1 day' + random() * interval '10 days' AS time, r, v,
       unnest(CASE WHEN r < 0.75 THEN ARRAY['survey.shown', 'survey.answered'] WHEN r < 0.85 THEN ARRAY['survey.shown', 'survey.dismissed'] ELSE ARRAY['survey.shown'] END) AS kind
     FROM generate_series(0, 3) w, generate_series(0, ${DEVELOPERS - 1}) dev, LATERAL (SELECT random() AS r, least(10, floor(random() * 6 + random() * 6))::int AS v OFFSET 0) x
   ) s CROSS JOIN LATERAL (SELECT CASE kind
       WHEN 'survey.shown' THEN jsonb_build_object('surveyId', 'platform-nps', 'anonymous', false, 'onRequest', false)
       WHEN 'survey.dismissed' THEN jsonb_build_object('surveyId', 'platform-nps', 'anonymous', false, 'choice', CASE WHEN r < 0.8 THEN 'remindLater' ELSE 'never' END)
       ELSE jsonb_build_object('surveyId', 'platform-nps', 'anonymous', false, 'answers', jsonb_build_array(jsonb_build_object('questionId', 'nps', 'value', v)))
     END AS data) d`,
  // Golden-path results of each repository, changing about every other week, from one of its developers.
  `SELECT 'bench-golden-' || repo || '-' || w AS id, w AS g, repo * 5 % ${DEVELOPERS} AS dev, repo, $1::timestamptz - (w * 14 + 1) * interval '1 day' AS time, 'goldenPath.evaluated' AS kind,
     jsonb_build_object('checks', jsonb_build_array(jsonb_build_object('id', 'catalog-info', 'passed', true), jsonb_build_object('id', 'approved-base-image', 'passed', (repo + w) % 3 > 0),
       jsonb_build_object('id', 'shared-ci', 'passed', w < 13 OR repo % 2 = 0)), 'passed', 1 + ((repo + w) % 3 > 0)::int + (w < 13 OR repo % 2 = 0)::int, 'total', 3) AS data
   FROM generate_series(0, ${REPOS - 1}) repo, generate_series(0, 25) w`,
  // New hires 110..149, one every nine days: their checklist steps, then the first commit.
  `SELECT 'bench-hire-' || dev || '-' || step AS id, dev AS g, dev, (dev % ${TEAMS}) * 3 AS repo, start + since * interval '1 millisecond' AS time, kind, data FROM (
     SELECT dev, $1::timestamptz - (dev - 109) * interval '9 days' AS start, step, since,
       CASE WHEN step = 'first-commit' THEN 'newHire.firstCommit' ELSE 'onboarding.stepCompleted' END AS kind,
       CASE WHEN step = 'first-commit' THEN jsonb_build_object('durationMs', since, 'startedBy', 'command')
            ELSE jsonb_build_object('stepId', step, 'durationMs', floor(random() * 3600000)::int, 'sinceChecklistMs', since) END AS data
     FROM generate_series(110, ${DEVELOPERS - 1}) dev,
       LATERAL (VALUES ('clone', 1), ('install', 2), ('build', 3), ('test', 4), ('first-commit', 5)) v(step, n),
       LATERAL (SELECT (n * 3600000 + floor(random() * n * 7200000))::bigint AS since OFFSET 0) t
   ) s`,
].map(INSERT);

/** Events of the year, made in the database: the bulk in slices of a million, then the rare kinds. */
async function generate(pool: pg.Pool, end: number): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('SELECT setseed(0.42)');
    for (const sql of RARE) await c.query(sql, [new Date(end).toISOString()]);
    const made = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    const bulk = Math.max(0, EVENTS - made);
    for (let g = 1; g <= bulk; g += 1_000_000) {
      const t = performance.now();
      await c.query(BULK, [new Date(end).toISOString(), g, Math.min(bulk, g + 999_999), bulk]);
      process.stderr.write(`[dashboard] generated ${Math.min(bulk, g + 999_999) + made} of ${EVENTS} events (${((performance.now() - t) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    c.release();
  }
}

async function api(url: string, method: string, p: string, body?: unknown): Promise<unknown> {
  const r = await fetch(url + p, { method, headers: { authorization: `Bearer ${BENCH_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Teams, services, repositories, the NPS survey, the checklist, and a year of deployments. */
async function setUp(url: string, now: number): Promise<void> {
  for (let t = 0; t < TEAMS; t++) {
    await api(url, 'PUT', `/admin/v1/teams/team-${t}`);
    await api(url, 'PUT', `/admin/v1/services/service-${t}`, { team: `team-${t}` });
  }
  await api(url, 'POST', '/admin/v1/repos', { repos: Array.from({ length: REPOS }, (_, i) => ({ url: `https://${repoName(i)}`, service: `service-${Math.floor(i / 3)}` })) });
  await api(url, 'PUT', '/admin/v1/config/org', { onboarding: { steps: ['clone', 'install', 'build', 'test'].map((id) => ({ id, title: `Step ${id}` })) } });
  await api(url, 'POST', '/admin/v1/surveys', { id: 'platform-nps', template: 'platform-nps', subject: 'the developer platform' });
  const r = rng(7);
  for (let t = 0; t < TEAMS; t++) {
    for (let k = 0; k < 100; k++) {
      const time = now - Math.floor(r() * 365 * DAY);
      await api(url, 'POST', '/admin/v1/deployments', {
        id: `deploy-${t}-${k}`,
        service: `service-${t}`,
        time: new Date(time).toISOString(),
        status: 'success',
        commits: [{ sha: (t * 1000 + k).toString(16).padStart(40, '0'), time: new Date(time - Math.floor(r() * 2 * DAY)).toISOString() }],
      });
    }
  }
}

/** What the kept cluster was made from: the generator, and what the rollups are counted by. */
function fingerprints(): { data: string; rollups: string } {
  const h = (parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
  const src = path.resolve(__dirname, '..', 'src', 'db');
  const migrations = fs.readdirSync(path.join(src, 'migrations')).sort().map((f) => fs.readFileSync(path.join(src, 'migrations', f), 'utf8'));
  return { data: h([String(EVENTS), BULK, ...RARE, setUp.toString()]), rollups: h([fs.readFileSync(path.join(src, 'rollups.ts'), 'utf8'), ...migrations]) };
}

/** The calls each page makes (web/src/pages), for one period (ending when the year did) and team. */
function pageCalls(days: number, team: string | undefined, end: number): string[] {
  const q = `?days=${days}&to=${encodeURIComponent(new Date(end).toISOString())}${team ? `&team=${team}` : ''}`;
  const t = team ? `?team=${team}` : '';
  return [
    `/admin/v1/insights/overview${q}`,
    `/admin/v1/insights/friction${q}`,
    `/admin/v1/insights/friction/reports${q}`,
    `/admin/v1/insights/friction/themes${q}`,
    `/admin/v1/insights/onboarding${q}`,
    `/admin/v1/insights/onboarding/first-deploy${q}`,
    `/admin/v1/insights/golden-path${q}`,
    `/admin/v1/insights/ci${t}`,
    '/admin/v1/insights/surveys',
    `/admin/v1/insights/surveys/platform-nps${q}`,
    `/admin/v1/insights/delivery${t}`,
    '/admin/v1/docs',
    `/admin/v1/insights/changelog${q}`,
  ];
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * p) - 1)]!;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export async function run(): Promise<BenchResult[]> {
  const want = fingerprints();
  const stateFile = path.join(KEEP, 'state.json');
  let state = fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as { data: string; rollups: string; end: number }) : undefined;
  if (state?.data !== want.data || process.env.DX_BENCH_DASHBOARD_FRESH === '1') {
    fs.rmSync(KEEP, { recursive: true, force: true });
    state = undefined;
  }
  // shared_buffers as a database server of 4 GB would have it (a quarter of its memory), not the 128 MB default.
  const cluster = await startCluster({ log: (m) => process.stderr.write(`${m}\n`), keep: KEEP, settings: { shared_buffers: '1GB' } });
  let server: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: cluster.url, max: 1 });
  try {
    const s = await startBenchServer({ DATABASE_URL: cluster.url });
    server = s.child;
    const end = state?.end ?? Date.now();
    if (!state) {
      const t = performance.now();
      await setUp(s.url, end);
      await generate(pool, end);
      process.stderr.write(`[dashboard] generated the year in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
    }
    if (state?.rollups !== want.rollups) {
      const t = performance.now();
      const c = await pool.connect();
      try {
        await c.query("SET work_mem = '256MB'");
        await c.query('BEGIN');
        const n = await rebuildRollups({ query: (sql, p) => c.query(sql, p as unknown[]) as never, exec: async (sql) => void (await c.query(sql)) });
        await c.query('COMMIT');
        process.stderr.write(`[dashboard] counted ${n} events into the rollups in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
      } finally {
        c.release();
      }
      await pool.query('VACUUM ANALYZE');
      fs.writeFileSync(stateFile, JSON.stringify({ ...want, end }));
    }

    // One full scan of the events table (the heap, not an index), warm, median of three.
    const scans: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      await pool.query('SELECT count(*), sum(octet_length(extension_version)) FROM events');
      if (i) scans.push(performance.now() - t);
    }
    const scanMs = pct(scans, 0.5);

    const calls = [7, 28, 90, 365].flatMap((days) => [undefined, 'team-3'].flatMap((team) => pageCalls(days, team, end)));
    for (const c of calls) await api(s.url, 'GET', c); // warm-up
    const times = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of calls) {
        const t = performance.now();
        await api(s.url, 'GET', c);
        const route = c.split('?')[0]!;
        times.set(route, [...(times.get(route) ?? []), performance.now() - t]);
      }
    }
    const rss = rssMb(server.pid!);
    for (const [route, xs] of times) process.stderr.write(`[dashboard] ${route}: p50 ${pct(xs, 0.5).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms\n`);
    const p95 = pct([...times.values()].flat(), 0.95);
    process.stderr.write(`[dashboard] full scan of ${EVENTS} events: ${scanMs.toFixed(1)} ms; server RSS ${rss.toFixed(1)} MB\n`);
    return [
      { name: 'platform_dashboard_p95_ms', value: p95, unit: 'ms' },
      { name: 'platform_dashboard_scan_ratio', value: p95 / scanMs, unit: 'ratio' },
      { name: 'platform_rss_mb', value: rss, unit: 'MB' },
    ];
  } finally {
    server?.kill('SIGKILL');
    await pool.end();
    cluster.stop();
  }
}
