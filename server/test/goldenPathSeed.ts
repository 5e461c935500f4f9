// Golden-path results for the dashboard, posted as the extension sends them, with the
// numbers they must produce worked out by hand (GOLDEN_EXPECTED). Kept apart from
// dashboardSeed.ts so its hand-computed numbers stay as they are.
import { randomUUID } from 'node:crypto';
import { call } from './helpers';
import { adminCall, SEARCH, SHOP } from './dashboardSeed';

export const BILLING = 'github.com/acme/billing';
const at = (d: number) => new Date(Date.UTC(2026, 2, d, 10)).toISOString();

/** The checks every repository reports; the org's golden path in the platform config. */
export const GOLDEN_CHECKS = [
  { id: 'catalog-info', title: 'Has catalog-info.yaml', fileExists: 'catalog-info.yaml' },
  { id: 'approved-image', title: 'Base image from the approved registry', dockerfileFrom: { pattern: 'registry.acme.dev/*' }, docId: 'migrate-base-images' },
  { id: 'shared-ci', title: 'Uses the shared CI workflow', ciUsesWorkflow: { pattern: 'acme/ci/*' } },
];

// With SEED_NOW (2026-03-31T12:00Z) and the default 28 days: 2026-03-03T12:00Z to 03-31T12:00Z,
// five ISO weeks (03-02 .. 03-30).
//   shop (payments):    03-10 shared-ci fails; 03-25 all pass.
//   search (search):    03-24 approved-image fails.   billing (payments): 03-26 all pass.
//   Activity: s1..s6 in search (6 developers), p1..p3 in shop and billing.
// Latest: shop and billing pass, search fails -> repos 2 of 3 (0.667); teams payments yes,
// search no -> 1 of 2 (0.5). approved-image fails in search only: 6 developers affected.
// Weeks: 03-02 none; 03-09 and 03-16 shop only, failing (0 of 1, team 0 of 1); 03-23 and 03-30 as the latest.
export const GOLDEN_EXPECTED = {
  repos: { evaluated: 3, onPath: 2, share: 0.667 },
  teams: { evaluated: 2, onPath: 1, share: 0.5 },
  checks: [
    { id: 'approved-image', repos: 3, passing: 2, share: 0.667, failingRepos: 1, developersAffected: 6 },
    { id: 'catalog-info', repos: 3, passing: 3, share: 1, failingRepos: 0, developersAffected: 0 },
    { id: 'shared-ci', repos: 3, passing: 3, share: 1, failingRepos: 0, developersAffected: 0 },
  ],
  mostAffecting: { id: 'approved-image', developers: 6 },
  weeks: [
    ['2026-03-02', null, null],
    ['2026-03-09', 0, 0],
    ['2026-03-16', 0, 0],
    ['2026-03-23', 0.667, 0.5],
    ['2026-03-30', 0.667, 0.5],
  ],
};

function evaluated(dev: string, repo: string, time: string, failing: string[]) {
  const checks = GOLDEN_CHECKS.map((c) => ({ id: c.id, passed: !failing.includes(c.id) }));
  return { id: randomUUID(), kind: 'goldenPath.evaluated', schemaVersion: 1, time, installId: `install-${dev}`, sessionId: `session-${dev}`, repo: { id: repo, hashed: false }, extensionVersion: '0.1.0', data: { checks, passed: checks.filter((c) => c.passed).length, total: checks.length } };
}

function active(dev: string, repo: string, time: string) {
  return { id: randomUUID(), kind: 'task.ended', schemaVersion: 1, time, installId: `install-${dev}`, sessionId: `session-${dev}`, repo: { id: repo, hashed: false }, extensionVersion: '0.1.0', data: { exitCode: 0, name: 'build', group: 'build', source: 'Workspace', durationMs: 1000, category: 'build' } };
}

/** Needs the teams of seedTeams (dashboardSeed.ts); adds the billing repository to checkout. */
export async function seedGoldenPath(base: string): Promise<void> {
  const ok = adminCall(base);
  await ok('POST', '/admin/v1/repos', { repos: [{ url: `https://${BILLING}`, service: 'checkout' }] });
  await ok('PUT', '/admin/v1/config/org', { goldenPath: { checks: GOLDEN_CHECKS } });
  const ingest = (await ok('POST', '/admin/v1/tokens', { name: 'golden-seed', scope: 'ingest' })).token as string;
  const events = [
    evaluated('p1', SHOP, at(10), ['shared-ci']),
    evaluated('p2', SHOP, at(25), []),
    evaluated('s1', SEARCH, at(24), ['approved-image']),
    evaluated('p3', BILLING, at(26), []),
    ...['s1', 's2', 's3', 's4', 's5', 's6'].map((d) => active(d, SEARCH, at(27))),
  ];
  const r = await call(base, 'POST', '/v1/events', { token: ingest, body: { events } });
  if (r.status !== 200 || r.json.rejected.length) throw new Error(`golden-path seed: ${r.status} ${r.text}`);
}
