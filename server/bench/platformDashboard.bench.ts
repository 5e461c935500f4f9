// The dashboard over a year of data (#12): a throwaway PostgreSQL, the server in its own
// process, DX_BENCH_DASHBOARD_EVENTS events (default 1,000,000: a year of 150 developers
// in 10 teams and 30 repositories) posted through POST /v1/events as the extension would
// (100-event batches, 8 clients), then the API calls behind every dashboard page, for each
// period the page offers (7, 28, 90, 365 days) for everyone and for one team, each
// DX_BENCH_DASHBOARD_ROUNDS times (default 3).
//   platform_dashboard_p95_ms      p95 of those calls (goal <= 300)
//   platform_dashboard_scan_ratio  that p95 / one full scan of the events table, same run (goal <= 0.1)
//   platform_rss_mb                the server's resident memory after the ingest (goal <= 200)
// The tables are ANALYZEd after the ingest (what autovacuum would have done by then).
// Run alone: npx tsx -e "import('./server/bench/platformDashboard.bench.ts').then(m=>(m.run??m.default.run)()).then(r=>console.log(r))"
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import pg from 'pg';
import { startCluster } from '../scripts/pgCluster.mjs';
import { rng } from '../src/seed/rng';
import { BENCH_TOKEN, startBenchServer, type BenchResult } from './benchServer';


const EVENTS = Number(process.env.DX_BENCH_DASHBOARD_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.DX_BENCH_DASHBOARD_ROUNDS ?? 3);
const CLIENTS = 8;
const BATCH = 100;
const DEVELOPERS = 150;
const TEAMS = 10;
const REPOS = 30;
const DAY = 86_400_000;

const repoName = (i: number) => `github.com/acme/repo-${i}`;

/** One event of the year: mostly tasks and commands, a few setups, stuck streaks, reports, answers, onboarding steps. */
function makeEvent(r: () => number, i: number, now: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const dev = Math.floor(r() * DEVELOPERS);
  // A developer works mostly in the three repositories of their team.
  const repo = r() < 0.9 ? (dev % TEAMS) * 3 + Math.floor(r() * 3) : Math.floor(r() * REPOS);
  const x = r();
  let kind: string;
  let data: Record<string, unknown>;
  if (x < 0.45) {
    kind = 'task.ended';
    data = { exitCode: r() < 0.15 ? pick([1, 2]) : 0, name: pick(['build', 'test', 'lint', 'watch', 'deploy']), group: 'build', source: 'Workspace', durationMs: Math.floor(r() * 600_000), category: 'build' };
  } else if (x < 0.9) {
    kind = 'terminal.commandEnded';
    data = { exitCode: r() < 0.2 ? pick([1, 2, 127]) : 0, command: pick(['npm test', 'npm run build', 'npm ci', 'cargo build', 'cargo test', 'make', 'docker compose', 'terraform plan']), category: pick(['test', 'build', 'install', 'other']), durationMs: Math.floor(r() * 120_000) };
  } else if (x < 0.93) {
    kind = 'stuck.detected';
    data = { command: pick(['npm test', 'cargo build', 'make']), failures: 3, windowMinutes: 15 };
  } else if (x < 0.95) {
    kind = 'stuck.helpChosen';
    data = { choice: 'help' };
  } else if (x < 0.96) {
    kind = 'friction.reported';
    data = { text: 'The integration tests need a VPN', context: r() < 0.5 ? { lastFailedCommand: pick(['npm test', 'cargo build']) } : {} };
  } else if (x < 0.97) {
    kind = 'setup.completed';
    data = { durationMs: Math.floor(r() * 7_200_000), failedAttempts: Math.floor(r() * 4), installRuns: 1 + Math.floor(r() * 2), firstSuccess: 'build' };
  } else if (x < 0.98) {
    kind = 'survey.answered';
    data = { surveyId: 'platform-nps', anonymous: false, answers: [{ questionId: 'nps', value: Math.floor(r() * 11) }] };
  } else if (x < 0.995) {
    kind = 'onboarding.stepCompleted';
    data = { stepId: pick(['clone', 'install', 'build', 'test']), durationMs: Math.floor(r() * 3_600_000) };
  } else {
    kind = 'newHire.firstCommit';
    data = { durationMs: Math.floor(r() * 5 * DAY), startedBy: 'command' };
  }
  return {
    id: `bench-dashboard-${i.toString().padStart(8, '0')}`,
    kind,
    schemaVersion: 1,
    time: new Date(now - Math.floor(r() * 365 * DAY)).toISOString(),
    installId: `install-${dev}`,
    sessionId: `session-${dev}-${Math.floor(r() * 50)}`,
    repo: { id: repoName(repo), hashed: false },
    extensionVersion: '0.1.0',
    data,
  };
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

async function ingest(url: string, now: number): Promise<number> {
  const r = rng(1);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < EVENTS) {
        const start = next;
        next = Math.min(EVENTS, next + BATCH);
        const events = [];
        for (let i = start; i < next; i++) events.push(makeEvent(r, i, now));
        const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
        const j = (await res.json()) as { accepted?: string[]; rejected?: unknown[] };
        if (res.status !== 200 || j.accepted?.length !== events.length) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(j.rejected?.[0] ?? j)}`);
      }
    }),
  );
  return EVENTS / ((performance.now() - t0) / 1000);
}

/** The calls each page makes (web/src/pages), for one period and team. */
function pageCalls(days: number, team: string | undefined): string[] {
  const q = `?days=${days}${team ? `&team=${team}` : ''}`;
  const t = team ? `?team=${team}` : '';
  return [
    `/admin/v1/insights/overview${q}`,
    `/admin/v1/insights/friction${q}`,
    `/admin/v1/insights/friction/reports${q}`,
    `/admin/v1/insights/onboarding${q}`,
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
  const cluster = await startCluster({ log: (m) => process.stderr.write(`${m}\n`) });
  let server: ChildProcess | undefined;
  const pool = new pg.Pool({ connectionString: cluster.url, max: 1 });
  try {
    const s = await startBenchServer({ DATABASE_URL: cluster.url });
    server = s.child;
    const now = Date.now();
    await setUp(s.url, now);
    const perS = await ingest(s.url, now);
    const rss = rssMb(server.pid!);
    process.stderr.write(`[dashboard] ${EVENTS} events in at ${Math.round(perS)} events/s; server RSS ${rss.toFixed(1)} MB\n`);
    await pool.query('ANALYZE');

    // One full scan of the events table (the heap, not an index), warm, median of three.
    const scans: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      await pool.query('SELECT count(*), sum(octet_length(extension_version)) FROM events');
      if (i) scans.push(performance.now() - t);
    }
    const scanMs = pct(scans, 0.5);

    const calls = [7, 28, 90, 365].flatMap((days) => [undefined, 'team-3'].flatMap((team) => pageCalls(days, team)));
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
    for (const [route, xs] of times) process.stderr.write(`[dashboard] ${route}: p50 ${pct(xs, 0.5).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms\n`);
    const p95 = pct([...times.values()].flat(), 0.95);
    process.stderr.write(`[dashboard] full scan of events: ${scanMs.toFixed(1)} ms\n`);
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
