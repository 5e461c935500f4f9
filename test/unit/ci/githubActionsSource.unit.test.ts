import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeCiReport } from '../../../src/core/ci/ciEngine';
import { GitHubActionsSource, quotaNote, type EtagEntry, type EtagStore } from '../../../src/core/ci/githubActionsSource';
import type { HttpTransport } from '../../../src/core/platform/transport';
import { AxiosTransport } from '../../../src/host/http';
import type { FixtureRun } from '../../fixtures/githubActions';
import { startGitHubServer, type GitHubServer } from '../../fixtures/githubServer';

const http: HttpTransport = new AxiosTransport();
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const D = 'd'.repeat(40);

function r(id: number, branch: string, sha: string, start: string, end: string, p: Partial<FixtureRun> = {}): FixtureRun {
  return { id, name: 'CI', workflow_id: 7, head_branch: branch, head_sha: sha, run_attempt: 1, status: 'completed', conclusion: 'success', created_at: start, run_started_at: start, updated_at: end, ...p };
}

// Newest first, as GitHub lists them.
const runs: FixtureRun[] = [
  r(2001, 'feature/x', D, '2024-06-29T10:00:00Z', '2024-06-29T10:03:00Z'),
  r(1005, 'main', A, '2024-06-28T12:00:00Z', '2024-06-28T12:01:00Z', { conclusion: 'cancelled' }),
  r(1004, 'main', A, '2024-06-28T11:00:00Z', '2024-06-28T11:01:00Z', { status: 'in_progress', conclusion: null }),
  r(1003, 'main', A, '2024-06-28T10:00:00Z', '2024-06-28T10:06:00Z', {
    run_attempt: 2,
    jobs: [{ name: 'build', started_at: '2024-06-28T10:00:00Z', completed_at: '2024-06-28T10:05:00Z', steps: [{ name: 'npm test', started_at: '2024-06-28T10:01:00Z', completed_at: '2024-06-28T10:04:00Z' }] }],
    attempts: { 1: r(1003, 'main', A, '2024-06-28T09:00:00Z', '2024-06-28T09:08:00Z', { conclusion: 'failure' }) },
  }),
  r(1002, 'main', B, '2024-06-27T10:00:00Z', '2024-06-27T10:12:00Z'),
  r(1001, 'main', C, '2024-06-26T10:00:00Z', '2024-06-26T10:04:00Z', { conclusion: 'failure' }),
];

function memoryEtags(): EtagStore {
  const m = new Map<string, EtagEntry>();
  return { get: (u) => m.get(u), set: (u, e) => void m.set(u, e) };
}

describe('GitHubActionsSource', () => {
  let server: GitHubServer;
  before(async () => {
    server = await startGitHubServer({ owner: 'acme', repo: 'shop', deployments: [], history: [], actions: { defaultBranch: 'main', runs } }, { pageSize: 2, token: 'tok', rateRemaining: 50 });
  });
  after(() => server.close());

  const source = (etags: EtagStore) =>
    new GitHubActionsSource({ http, owner: 'acme', repo: 'shop', apiBaseUrl: server.baseUrl, getToken: async () => 'tok', branches: ['feature/x'], since: Date.parse('2024-06-16T00:00:00Z'), etags });

  it('reads runs over pages, earlier attempts and jobs, and the engine gives hand-computed numbers', async () => {
    const etags = memoryEtags();
    const res = await source(etags).fetch();
    assert.ok(res.ok, JSON.stringify(res));
    assert.equal(res.defaultBranch, 'main');
    // 1 repo + 3 pages of main (5 runs, 2 a page) + 3 jobs + 1 earlier attempt + 1 page and 1 jobs of feature/x
    assert.equal(res.requests, 10, server.requests.join("\n"));
    assert.deepEqual(res.runs.map((x) => x.id).sort(), ['1001:1', '1002:1', '1003:1', '1003:2', '1005:1', '2001:1']);
    const report = computeCiReport(res.runs, { now: Date.parse('2024-06-30T00:00:00Z'), windowDays: 7, defaultBranch: 'main', currentBranch: 'feature/x' });
    const m = report.defaultBranch;
    // finished runs 6, 8 (attempt 1 of 1003), 12, 4 minutes; the cancelled one is left out
    assert.equal(m.runs, 4);
    assert.equal(m.p50Minutes, 7); // (6 + 8) / 2
    assert.ok(Math.abs(m.p90Minutes! - 10.8) < 1e-9); // rank 2.7: 8 + 0.7 * (12 - 8)
    assert.equal(m.failureShare, 0.5);
    assert.equal(m.flaky, 1); // A failed on attempt 1 and passed on attempt 2
    assert.equal(m.failedCommits, 2);
    assert.deepEqual(m.slowestJob, { name: 'build', p50Minutes: 5 });
    assert.deepEqual(m.slowestStep, { name: 'npm test', job: 'build', p50Minutes: 3 });
    assert.equal(report.currentBranch?.p50Minutes, 3);
    // 50 - 10 requests
    assert.deepEqual(res.rateLimit, { remaining: 40, limit: 5000, resetAt: Date.UTC(2024, 0, 1, 12, 30) });
    assert.equal(quotaNote(res.rateLimit), 'GitHub API quota is low: 40 of 5000 requests left until 12:30 UTC.');
  });

  it('asks again with If-None-Match: every answer is a 304 that costs no quota, and the numbers are the same', async () => {
    const etags = memoryEtags();
    const first = await source(etags).fetch();
    const before304 = server.actions.notModified;
    const second = await source(etags).fetch();
    assert.ok(first.ok && second.ok);
    assert.equal(server.actions.notModified - before304, 10);
    assert.equal(second.rateLimit?.remaining, first.rateLimit?.remaining);
    assert.deepEqual(second.runs, first.runs);
  });

  it('says what to do when the token is refused or the quota is used up', async () => {
    const bad = await new GitHubActionsSource({ http, owner: 'acme', repo: 'shop', apiBaseUrl: server.baseUrl, getToken: async () => 'wrong', branches: [], since: 0, etags: memoryEtags() }).fetch();
    assert.ok(!bad.ok);
    assert.equal(bad.kind, 'auth');
    const limited = await startGitHubServer({ owner: 'acme', repo: 'shop', deployments: [], history: [] }, { rateLimited: true });
    try {
      const res = await new GitHubActionsSource({ http, owner: 'acme', repo: 'shop', apiBaseUrl: limited.baseUrl, branches: [], since: 0, etags: memoryEtags() }).fetch();
      assert.ok(!res.ok);
      assert.equal(res.kind, 'rateLimit');
      assert.match(res.error, /until 12:30 UTC/);
    } finally {
      await limited.close();
    }
  });

  it('shows no quota note while plenty is left', () => {
    assert.equal(quotaNote({ remaining: 4000, limit: 5000 }), undefined);
    assert.equal(quotaNote({ remaining: 5, limit: 60 }), 'GitHub API quota is low: 5 of 60 requests left.');
  });

  it('never throws on any body GitHub might send, and answers in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 2000 }), fc.json({ maxDepth: 4 })), fc.integer({ min: 200, max: 599 }), async (body, status) => {
        const t: HttpTransport = { request: async () => ({ status, headers: { 'x-ratelimit-remaining': 'x' }, body }) };
        const res = await new GitHubActionsSource({ http: t, owner: 'o', repo: 'r', apiBaseUrl: 'https://api.github.com', branches: ['b'], since: 0, etags: memoryEtags() }).fetch();
        assert.equal(typeof res.ok, 'boolean');
        if (!res.ok) assert.ok(res.error.length > 0);
      }),
      { numRuns: 200 },
    );
  });
});
