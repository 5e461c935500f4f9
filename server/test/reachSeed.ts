// The events the extension sends from 0.2 on (#18), posted through the API, with the
// numbers the Changelog, Surveys, Onboarding and adoption views must show worked out by
// hand (REACH). Its developers (install-r1..r9) and survey (dx-pulse) are its own, so it
// can be loaded beside seedDashboard; the counts below are for this seed alone.
import { call } from './helpers';
import { adminCall, ev, SEARCH, SHOP, type Ev } from './dashboardSeed';

const DAY = '2026-03-25';
const R = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'];
const MIN = 60_000;

export const REACH = {
  // r1..r6 used the editor in shop, r7..r9 in search; only r1..r5 had any friction.
  activeDevelopers: 9,
  // npm test failed for r1..r5: 5 of the 9 active developers, 10 minutes each.
  npmTest: { developers: 5, frequency: 0.5556, impactMinutes: 10, quadrant: 'automateOrDocument' },
  // node-16: notified r1..r5 (shop) and r7 (search) = 6; opened r1 r2 r3 r7 r8 = 5; reached 7.
  // search was resolved by r7 later, so only shop is still affected. 30 days to 2026-04-30.
  node16: { notified: 6, opened: 5, reached: 7, stillAffected: [SHOP], daysLeft: 30 },
  // ci-cache: opened by r1..r4 only: 4 developers, below the minimum group of 5.
  ciCache: { notified: 0, opened: null, reached: null },
  // vpn setup: r1 (twice, once as "VPN setup"), r2..r5, all without results: 5 developers, 6 searches.
  // deploy (r6, 3 results), a secret one (r9, none: 1 developer) and one without its query (r8, none).
  searches: { total: 9, withoutResults: 8, unanswered: [{ query: 'vpn setup', developers: 5, searches: 6, withoutResults: 6 }] },
  // 20 prompts, 14 answers, 3 remind me later, 2 never, 1 closed.
  prompts: { shown: 20, answered: 14, responseRate: 0.7, dismissed: { remindLater: 3, never: 2, closed: 1 } },
  // payments 10 10 9 8 7 3 (P3 Pa2 D1), search 9 9 6 5 10 (P3 D2), platform 10 10 10 (P3): (9 - 3) / 14.
  nps: { nps: 43, n: 14, promoters: 9, passives: 2, detractors: 3 },
  // payments (3 - 1) / 6 = 33; platform has 3 (< 5), so search, the next smallest, is hidden too.
  npsByTeam: [
    { team: 'payments', nps: 33, n: 6 },
    { team: 'search', suppressed: true },
    { team: 'platform', suppressed: true },
  ],
  // Minutes since the checklist appeared, per developer and step (see below); test has 4 times.
  funnel: {
    fromStart: [5, 24, 80, null],
    onStep: [5, 20, 60, null],
    stallStep: 'build',
    worstStep: 'test',
  },
};

/** Expects seedTeams (teams, services and the two repositories) to have run. */
export async function seedReach(base: string): Promise<void> {
  const ok = adminCall(base);
  await ok('PUT', '/admin/v1/config/org', { onboarding: { steps: ['clone', 'install', 'build', 'test'].map((id) => ({ id, title: `Step ${id}` })) } });
  await ok('POST', '/admin/v1/surveys', { id: 'dx-pulse', template: 'platform-nps', subject: 'DX Pulse' });
  await ok('POST', '/admin/v1/docs', {
    entry: { id: 'node-16', kind: 'changelog', type: 'deprecation', title: 'Node 16 images are deprecated', markdown: 'Move to `node:20`.', tags: ['node'], publishedAt: '2026-03-01T09:00:00Z', removalDate: '2026-04-30' },
  });
  await ok('POST', '/admin/v1/docs', { entry: { id: 'ci-cache', kind: 'changelog', type: 'feature', title: 'CI cache for builds', markdown: 'Builds now reuse the **dependency cache**.', tags: ['ci'], publishedAt: '2026-03-20T09:00:00Z' } });
  const ingest = (await ok('POST', '/admin/v1/tokens', { name: 'reach-seed', scope: 'ingest' })).token as string;

  const events: Ev[] = [];
  let m = 0;
  const repoOf = (d: string) => (R.indexOf(d) < 6 ? SHOP : SEARCH);
  for (const d of R) events.push(ev(d, repoOf(d), 'activity.day', { day: DAY }, m++));
  for (const d of R.slice(0, 5)) events.push(ev(d, SHOP, 'terminal.commandEnded', { exitCode: 1, command: 'npm test', category: 'test', durationMs: 10 * MIN }, m++));
  const found = [{ rule: 'image', name: 'node', version: '16-alpine' }];
  for (const d of [...R.slice(0, 5), 'r7']) events.push(ev(d, repoOf(d), 'deprecation.affected', { entryId: 'node-16', found, removalDate: '2026-04-30' }, m++));
  for (const d of ['r1', 'r2', 'r3', 'r7', 'r8']) events.push(ev(d, repoOf(d), 'docs.opened', { entryId: 'node-16', entryKind: 'changelog' }, m++));
  for (const d of R.slice(0, 4)) events.push(ev(d, repoOf(d), 'docs.opened', { entryId: 'ci-cache', entryKind: 'changelog' }, m++));
  events.push(ev('r7', SEARCH, 'deprecation.resolved', { entryId: 'node-16' }, m++));
  for (const d of R.slice(0, 5)) events.push(ev(d, SHOP, 'docs.searched', { query: 'vpn setup', results: 0, opened: false }, m++));
  events.push(ev('r1', SHOP, 'docs.searched', { query: 'VPN setup ', results: 0, opened: false }, m++));
  events.push(ev('r6', SHOP, 'docs.searched', { query: 'deploy', results: 3, opened: true }, m++));
  events.push(ev('r9', SEARCH, 'docs.searched', { query: 'where is the secret thing', results: 0, opened: false }, m++));
  events.push(ev('r8', SEARCH, 'docs.searched', { results: 0, opened: false }, m++));

  for (let i = 0; i < 20; i++) events.push(ev(null, null, 'survey.shown', { surveyId: 'dx-pulse', anonymous: true, onRequest: i < 2 }, m++));
  for (const choice of ['remindLater', 'remindLater', 'remindLater', 'never', 'never', 'closed']) events.push(ev(null, null, 'survey.dismissed', { surveyId: 'dx-pulse', anonymous: true, choice }, m++));
  const scores: [string, number[]][] = [['payments', [10, 10, 9, 8, 7, 3]], ['search', [9, 9, 6, 5, 10]], ['platform', [10, 10, 10]]];
  for (const [team, list] of scores) for (const score of list) events.push(ev(null, null, 'survey.answered', { surveyId: 'dx-pulse', anonymous: true, team, answers: [{ questionId: 'nps', value: score }] }, m++));

  const since: Record<string, number[]> = { r1: [5, 20, 80, 100], r2: [10, 30, 60, 70], r3: [2, 40, 140], r4: [8, 18, 50, 65], r5: [4, 24, 120, 130] };
  const steps = ['clone', 'install', 'build', 'test'];
  for (const [d, list] of Object.entries(since)) list.forEach((min, i) => events.push(ev(d, SHOP, 'onboarding.stepCompleted', { stepId: steps[i], durationMs: MIN, sinceChecklistMs: min * MIN }, m++)));

  const r = await call(base, 'POST', '/v1/events', { token: ingest, body: { events } });
  if (r.status !== 200 || r.json.rejected.length) throw new Error(`reach seed events: ${r.status} ${r.text}`);
}
