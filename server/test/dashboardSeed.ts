// A small data set for the dashboard, posted through the API as the extension and CI
// would, with the numbers it must produce worked out by hand (see EXPECTED).
import { createHash } from 'node:crypto';
import { adminApi, postEvents, seedEvent, type SeedEvent } from '../src/seed/seedApi';
import { ADMIN_TOKEN } from './helpers';

export const SEED_NOW = Date.UTC(2026, 2, 31, 12);
const T = (h: number) => new Date(Date.UTC(2026, 2, 25, 10) + h * 60_000).toISOString();
export const SHOP = 'github.com/acme/shop';
export const SEARCH = 'github.com/acme/search';
const P = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];
const S = ['s1', 's2', 's3', 's4', 's5', 's6'];
const MIN = 60_000;

/** Hand-computed from the data below (every event falls in the week of 2026-03-23; 14 developers). */
export const EXPECTED = {
  activeDevelopers: 14,
  // setup of shop: 5 devs, 600 min -> 120 min each; 5/14 = 0.3571
  // task build: s1..s5 fail twice, 30 min each: 300 min / 5 = 60; 5/14
  // npm test: p1..p7 once, 10 min: 70 / 7 = 10; 7/14 = 0.5
  friction: [
    { key: `setup:${SHOP}`, quadrant: 'doFirst', developers: 5, frequency: 0.3571, impactMinutes: 120 },
    { key: 'task:build', quadrant: 'doFirst', developers: 5, frequency: 0.3571, impactMinutes: 60 },
    { key: 'command:npm test', quadrant: 'automateOrDocument', developers: 7, frequency: 0.5, impactMinutes: 10 },
  ],
  hiddenFrictionItems: 1, // cargo build stuck streaks: 3 developers
  // payments 10 10 9 8 7 3, search 10 6 6 5 9, anonymous 10 9: P 7, Pa 2, D 4 of 13
  nps: { nps: 23, n: 13, promoters: 7, passives: 2, detractors: 4 },
  npsPayments: { nps: 33, n: 6, promoters: 3, passives: 2, detractors: 1 },
  // search has 5 answers, but the 2 anonymous ones are a hidden cell, so search is hidden too
  firstCommit: { n: 5, p50Minutes: 180, p90Minutes: 276 },
  setupShop: { n: 5, p50Minutes: 120, p90Minutes: 168, medianFailedAttempts: 2, medianInstallRuns: 1 },
  funnel: { started: 6, finished: 1, worstStep: 'build', completion: [1, 0.667, 0.5, 0.167] },
  // CI of shop's main, last 30 days: 5, 8 (failed), 12 (its rerun, passed), 15 minutes.
  // p50 (8 + 12) / 2 = 10; p90 rank 2.7: 12 + 0.7 * 3 = 14.1; over 10: 12 and 15 (2 + 5 = 7 min lost);
  // failed 1 of 4; flaky 1 of 1; slowest job test (4, 9 -> 6.5 min)
  // First day to first production deploy (storefront's deploys): started 09:39, 08:40, 07:41,
  // 06:42, 05:43 on 03-25; deployed 03-25 15:00 (p1, p2), 03-26 12:00 (p3), 03-27 08:00 (p4, p5):
  // 321, 380, 1699, 2958, 3017 min. p50 1699; p90 rank 3.6: 2958 + 0.6 * 59 = 2993.4; 2 within a day.
  firstDeploy: { week: '2026-03-23', n: 5, p50Minutes: 1699, p90Minutes: 2993.4, withinTarget: 2, waiting: 0 },
  ci: { repo: SHOP, runs: 4, p50Minutes: 10, p90Minutes: 14.1, overTarget: 2, minutesOverTarget: 7, failed: 1, flaky: 1, slowestJob: { name: 'test', p50Minutes: 6.5 } },
};

export type Ev = SeedEvent;
/** An event at `minutes` after 2026-03-25 10:00 UTC, from `dev` in `repo` (no identity when dev is null). */
export const ev = (dev: string | null, repo: string | null, kind: string, data: Record<string, unknown>, minutes: number): Ev => seedEvent(dev, repo, kind, data, T(minutes));
const firstSha = (dev: string) => createHash('sha1').update(`first-${dev}`).digest('hex');

/** An admin API call that must succeed; returns its JSON. */
export const adminCall = (base: string) => adminApi(base, ADMIN_TOKEN);

/** Teams payments and search, their services checkout and search-api, and the shop and search repositories. */
export async function seedTeams(base: string): Promise<void> {
  const ok = adminCall(base);
  await ok('PUT', '/admin/v1/teams/payments');
  await ok('PUT', '/admin/v1/teams/search');
  await ok('PUT', '/admin/v1/services/checkout', { team: 'payments' });
  await ok('PUT', '/admin/v1/services/search-api', { team: 'search' });
  await ok('POST', '/admin/v1/repos', { repos: [{ url: `https://${SHOP}`, service: 'checkout' }, { url: `https://${SEARCH}`, service: 'search-api' }] });
}

export async function seedDashboard(base: string): Promise<void> {
  const ok = adminCall(base);
  await seedTeams(base);
  await ok('PUT', '/admin/v1/config/org', {
    onboarding: { steps: ['clone', 'install', 'build', 'test'].map((id) => ({ id, title: `Step ${id}` })) },
  });
  await ok('POST', '/admin/v1/surveys', { id: 'platform-nps', template: 'platform-nps', subject: 'the developer platform' });
  await ok('POST', '/admin/v1/docs', { entry: { id: 'ci-cache', kind: 'changelog', type: 'feature', title: 'CI cache for builds', markdown: 'Builds now reuse the **dependency cache**.', tags: ['ci'], publishedAt: '2026-03-20T09:00:00Z' } });
  const ingest = (await ok('POST', '/admin/v1/tokens', { name: 'seed', scope: 'ingest' })).token as string;

  const events: Ev[] = [];
  let m = 0;
  for (const d of [...P, ...S]) events.push(ev(d, P.includes(d) ? SHOP : SEARCH, 'task.ended', { exitCode: 0, name: 'build', group: 'build', source: 'Workspace', durationMs: 60_000, category: 'build' }, m++));
  P.slice(0, 7).forEach((d) => events.push(ev(d, SHOP, 'terminal.commandEnded', { exitCode: 1, command: 'npm test', category: 'test', durationMs: 10 * MIN }, m++)));
  for (const d of S.slice(0, 5)) for (let i = 0; i < 2; i++) events.push(ev(d, SEARCH, 'task.ended', { exitCode: 2, name: 'build', group: 'build', source: 'Workspace', durationMs: 30 * MIN, category: 'build' }, m++));
  [60, 90, 120, 150, 180].forEach((min, i) => events.push(ev(P[i]!, SHOP, 'setup.completed', { durationMs: min * MIN, failedAttempts: i, installRuns: 1, firstSuccess: 'build' }, m++)));
  S.slice(0, 3).forEach((d) => events.push(ev(d, SEARCH, 'stuck.detected', { command: 'cargo build', failures: 3, windowMinutes: 15 }, m++)));
  // First commits, with their sha, at 10:39..10:43 on 2026-03-25, after 1..5 hours.
  [1, 2, 3, 4, 5].forEach((h, i) => events.push(ev(P[i]!, SHOP, 'newHire.firstCommit', { durationMs: h * 60 * MIN, startedBy: 'command', sha: firstSha(P[i]!) }, m++)));
  const steps: Record<string, string[]> = { p1: ['clone', 'install', 'build', 'test'], p2: ['clone', 'install', 'build'], p3: ['clone', 'install'], p4: ['clone', 'install'], p5: ['clone', 'build'], p6: ['clone'] };
  for (const [d, list] of Object.entries(steps)) list.forEach((stepId, i) => events.push(ev(d, SHOP, 'onboarding.stepCompleted', { stepId, durationMs: (i + 1) * 10 * MIN }, m++)));
  const answer = (dev: string | null, repo: string | null, score: number, reason?: string) =>
    events.push(
      ev(dev, repo, 'survey.answered', { surveyId: 'platform-nps', anonymous: dev === null, answers: [{ questionId: 'nps', value: score }, ...(reason ? [{ questionId: 'nps-reason', value: reason }] : [])] }, m++),
    );
  [10, 10, 9, 8, 7, 3].forEach((s, i) => answer(P[i]!, SHOP, s, i === 5 ? 'Deploys are flaky on Fridays' : undefined));
  [10, 6, 6, 5, 9].forEach((s, i) => answer(S[i]!, SEARCH, s));
  answer(null, null, 10, 'Golden path docs are great');
  answer(null, null, 9);
  events.push(ev('p7', SHOP, 'friction.reported', { text: 'Integration tests need a VPN nobody told me about', context: { repo: SHOP, lastFailedCommand: 'npm test', failingForMinutes: 25 } }, m++));
  events.push(ev('s6', SEARCH, 'friction.reported', { text: 'The search index takes an hour to build locally', context: {} }, m++));
  await postEvents(base, ingest, events);

  // Deployments of checkout: lead times 60, 120, 180 minutes; one failed, restored in 30 min.
  const day = (d: number, h = 12) => new Date(Date.UTC(2026, 2, d, h)).toISOString();
  const deploys = [
    { id: 'co-1', d: 10, lead: 60 },
    { id: 'co-2', d: 17, lead: 120 },
    { id: 'co-3', d: 24, lead: 180 },
  ];
  for (const x of deploys) {
    await ok('POST', '/admin/v1/deployments', {
      id: x.id,
      service: 'checkout',
      time: day(x.d),
      status: 'success',
      commits: [{ sha: createHash('sha1').update(x.id).digest('hex'), time: new Date(Date.parse(day(x.d)) - x.lead * MIN).toISOString() }],
    });
  }
  await ok('POST', '/admin/v1/incidents', { id: 'inc-1', deploymentId: 'co-2', createdAt: day(17, 13), resolvedAt: day(17, 14) });
  await seedCi(base);
  await seedFirstDeploys(base);
}

/** storefront's deploys of the new hires' first commits (EXPECTED.firstDeploy); a failed and a staging deploy do not count. */
async function seedFirstDeploys(base: string): Promise<void> {
  const ok = adminCall(base);
  const commit = (dev: string, minute: number) => ({ sha: firstSha(dev), time: T(minute) });
  const c = { p1: commit('p1', 39), p2: commit('p2', 40), p3: commit('p3', 41), p4: commit('p4', 42), p5: commit('p5', 43) };
  const deploys = [
    { id: 'sf-0', time: '2026-03-25T12:00:00Z', status: 'failure', commits: [c.p1] },
    { id: 'sf-s', time: '2026-03-25T11:00:00Z', environment: 'staging', status: 'success', commits: [c.p2] },
    { id: 'sf-1', time: '2026-03-25T15:00:00Z', status: 'success', commits: [c.p1, c.p2] },
    { id: 'sf-2', time: '2026-03-26T12:00:00Z', status: 'success', commits: [c.p1, c.p3] },
    { id: 'sf-3', time: '2026-03-27T08:00:00Z', status: 'success', commits: [c.p4, c.p5] },
  ];
  for (const d of deploys) await ok('POST', '/admin/v1/deployments', { service: 'storefront', ...d });
}

/** CI runs of shop's main branch, posted as a CI step would (EXPECTED.ci). */
export async function seedCi(base: string): Promise<void> {
  const at = (d: number, minutes: number, over: Record<string, unknown> = {}) => {
    const start = Date.UTC(2026, 2, d, 9);
    return { workflow: 'CI', branch: 'main', sha: createHash('sha1').update(`ci-${d}`).digest('hex'), attempt: 1, conclusion: 'success', startedAt: new Date(start).toISOString(), finishedAt: new Date(start + minutes * MIN).toISOString(), ...over };
  };
  const job = (test: number) => [{ name: 'build', durationMs: 1 * MIN }, { name: 'test', durationMs: test * MIN, steps: [{ name: 'npm test', durationMs: (test - 1) * MIN }] }];
  const rerunSha = createHash('sha1').update('ci-rerun').digest('hex');
  await adminCall(base)('POST', '/admin/v1/ci-runs', {
    repo: `https://${SHOP}`,
    defaultBranch: 'main',
    runs: [
      { id: '101:1', ...at(20, 5, { jobs: job(4) }) },
      { id: '102:1', ...at(22, 8, { sha: rerunSha, conclusion: 'failure' }) },
      { id: '102:2', ...at(23, 12, { sha: rerunSha, attempt: 2, jobs: job(9) }) },
      { id: '103:1', ...at(26, 15) },
      { id: '104:1', ...at(27, 30, { branch: 'feature/search' }) },
    ],
  });
}
