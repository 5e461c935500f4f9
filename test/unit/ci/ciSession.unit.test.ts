import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CiSession, type CiRepo } from '../../../src/core/ci/ciSession';
import { LocalLoop, type LocalLoopState } from '../../../src/core/ci/localLoop';
import { JsonCache } from '../../../src/core/platform/cache';
import { PlatformClient } from '../../../src/core/platform/client';
import type { CiRunsResponse } from '../../../src/core/platform/contract';
import { AxiosTransport } from '../../../src/host/http';
import type { CiView } from '../../../src/protocol/sidebar';
import { PlatformServer } from '../../fixtures/platformServer';
import { FakeClock, MemoryLog, tempDir } from '../outbox/outboxTestKit';

const NOW = Date.parse('2024-06-30T00:00:00Z');
const MIN = 60_000;
const transport = new AxiosTransport();
const iso = (t: number) => new Date(t).toISOString();
const run = (id: string, branch: string, startIso: string, minutes: number, p: Partial<CiRunsResponse['runs'][number]> = {}): CiRunsResponse['runs'][number] => {
  const s = Date.parse(startIso);
  return { id, workflow: 'ci', branch, sha: id.padEnd(7, '0'), attempt: 1, conclusion: 'success', startedAt: iso(s), finishedAt: iso(s + minutes * MIN), ...p };
};

// main: 4, 6 (failed, then passed on attempt 2 in 14), 14 minutes in the last 7 days; feature: 3.
const response: CiRunsResponse = {
  repoId: 'r1',
  defaultBranch: 'main',
  since: '2024-01-02T00:00:00Z',
  runs: [
    run('a000001', 'main', '2024-06-25T10:00:00Z', 4, { jobs: [{ name: 'build', durationMs: 3 * MIN }] }),
    run('b000001', 'main', '2024-06-26T10:00:00Z', 6, { conclusion: 'failure', sha: 'bbbbbbb' }),
    run('b000002', 'main', '2024-06-26T11:00:00Z', 14, { attempt: 2, sha: 'bbbbbbb', jobs: [{ name: 'build', durationMs: 11 * MIN, steps: [{ name: 'e2e', durationMs: 9 * MIN }] }] }),
    run('f000001', 'feature/x', '2024-06-29T10:00:00Z', 3),
  ],
};

describe('CiSession', () => {
  let server: PlatformServer;
  before(async () => {
    server = await PlatformServer.start();
    server.resources.set('/v1/repos/r1/ci-runs', response);
  });
  after(() => server.close());

  function setup(repo: Partial<CiRepo> = {}) {
    const clock = new FakeClock(NOW);
    const log = new MemoryLog();
    let saved: LocalLoopState = {};
    const local = new LocalLoop(undefined, (s) => (saved = s));
    const client = new PlatformClient({ baseUrl: server.url, getToken: async () => server.token, transport, log, clock });
    const session = new CiSession({
      clock,
      log,
      cache: new JsonCache(path.join(tempDir('ci-session'), 'ci'), 'ci', log),
      enabled: () => true,
      windowDays: () => 7,
      openRepo: async () => ({ key: 'acme/shop', identity: { service: 'shop', source: 'folder' }, repoId: 'r1', remote: undefined, currentBranch: 'feature/x', ...repo }),
      local,
      fetch: { platform: client, githubApiUrl: 'https://api.github.com', githubToken: async () => undefined, etags: { get: () => undefined, set: () => undefined }, transport },
    });
    return { session, local, saved: () => saved };
  }

  it('shows the platform’s runs with hand-computed p50/p90, target, failures, flakiness and the slowest job', async () => {
    const { session, local } = setup();
    // Local tasks: builds of 1 and 3 minutes, a test of 2 minutes.
    local.record('acme/shop', 'build', 1 * MIN, true, NOW - 1000);
    local.record('acme/shop', 'build', 3 * MIN, false, NOW - 500);
    local.record('acme/shop', 'test', 2 * MIN, true, NOW - 100);
    await session.refresh();
    const v = session.view as Extract<CiView, { status: 'ready' }>;
    assert.equal(v.status, 'ready', JSON.stringify(v));
    assert.equal(v.sourceLabel, 'from your platform');
    assert.equal(v.fetchedAt, NOW);
    // 4, 6, 14: p50 6; p90 rank 1.8 -> 6 + 0.8 * 8 = 12.4 -> "12 min"
    assert.equal(v.summary, 'CI p50 6 min · p90 12 min on main (target 10 min)');
    const [main, mine] = v.branches;
    assert.equal(main!.label, 'main (default branch)');
    assert.equal(main!.overTarget, false);
    assert.deepEqual(main!.lines, [
      '1 of 3 runs over 10 min: 4 min lost past the target.',
      '1 run failed (33 %).',
      'Flaky: 1 of 1 failing commits passed on a rerun (100 %).',
      'Slowest job: build (7 min p50).', // 3 and 11
      'Slowest step: e2e in build (9 min p50).',
    ]);
    assert.equal(mine!.label, 'feature/x (your branch)');
    assert.equal(mine!.p50, '3 min');
    // build p50 (1 + 3) / 2 = 2, test 2: 4 minutes
    assert.equal(v.local?.summary, 'Local build and test on this machine: 4 min (p50 of each, added).');
    assert.deepEqual(v.local?.lines, ['Build: 2 min p50, 3 min p90, 2 runs, 1 failed.', 'Test: 2 min p50, 2 min p90, 1 run, 0 failed.']);
  });

  it('says what to do when no source has runs for the repository', async () => {
    const { session } = setup({ repoId: 'unknown' });
    await session.refresh();
    const v = session.view;
    // Nothing to ask is not an error: the section says where runs could come from.
    assert.equal(v.status, 'empty');
    assert.match((v as { message: string }).message, /The platform did not answer/);
    assert.match((v as { hint: string }).hint, /POST \/admin\/v1\/ci-runs/);
  });

  it('says to connect GitHub for a GitHub repository without a token, and shows the local loop meanwhile', async () => {
    const { session, local } = setup({ repoId: undefined, identity: { service: 'shop', source: 'remote', github: { host: 'github.com', owner: 'acme', repo: 'shop' } } });
    local.record('acme/shop', 'test', 90_000, true, NOW - 1000);
    await session.refresh();
    const v = session.view as Extract<CiView, { hint: string }>;
    assert.equal(v.status, 'empty');
    assert.equal(v.message, 'DX Pulse has no GitHub token for acme/shop.');
    assert.match(v.hint, /DX Pulse: Connect GitHub/);
    assert.equal(v.local?.summary, 'Local build and test on this machine: 2 min (p50 of each, added).'); // 1.5 min rounds to 2
  });
});
