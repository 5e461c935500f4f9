import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeCiReport } from '../../../src/core/ci/ciEngine';
import { GitLabPipelinesSource, gitlabApiFor } from '../../../src/core/ci/gitlabSource';
import type { HttpTransport } from '../../../src/core/platform/transport';
import { AxiosTransport } from '../../../src/host/http';
import { startGitLabServer, type GitLabFixturePipeline, type GitLabServer } from '../../fixtures/gitlabServer';

const http: HttpTransport = new AxiosTransport();
const job = (name: string, start: string, end: string) => ({ name, status: 'success', started_at: start, finished_at: end });
const pl = (id: number, ref: string, sha: string, status: string, jobs: GitLabFixturePipeline['jobs']): GitLabFixturePipeline => ({ id, ref, sha: sha.repeat(40), status, created_at: jobs[0]?.started_at ?? '2024-06-20T00:00:00Z', updated_at: jobs.at(-1)?.finished_at ?? '2024-06-20T00:00:00Z', jobs });

// Newest first. main: 9 (rerun of a, passed), 5 (a, failed), 15 (b); feature: 2.
const pipelines: GitLabFixturePipeline[] = [
  pl(14, 'feature', 'f', 'success', [job('test', '2024-06-29T10:00:00Z', '2024-06-29T10:02:00Z')]),
  pl(13, 'main', 'a', 'running', []),
  pl(12, 'main', 'a', 'success', [job('build', '2024-06-28T11:00:00Z', '2024-06-28T11:04:00Z'), job('test', '2024-06-28T11:04:00Z', '2024-06-28T11:09:00Z')]),
  pl(11, 'main', 'a', 'failed', [job('build', '2024-06-28T10:00:00Z', '2024-06-28T10:05:00Z')]),
  pl(10, 'main', 'b', 'success', [job('build', '2024-06-27T10:00:00Z', '2024-06-27T10:06:00Z'), job('test', '2024-06-27T10:06:00Z', '2024-06-27T10:15:00Z')]),
];

describe('GitLabPipelinesSource', () => {
  let server: GitLabServer;
  before(async () => {
    server = await startGitLabServer({ projectPath: 'acme/web/shop', defaultBranch: 'main', pipelines }, 2);
  });
  after(() => server.close());

  it('reads pipelines over pages with their jobs, and the engine gives hand-computed numbers', async () => {
    const res = await new GitLabPipelinesSource({ http, apiBaseUrl: server.apiUrl, projectPath: 'acme/web/shop', branches: ['feature'], since: Date.parse('2024-06-16T00:00:00Z') }).fetch();
    assert.ok(res.ok, JSON.stringify(res));
    assert.equal(res.defaultBranch, 'main');
    const report = computeCiReport(res.runs, { now: Date.parse('2024-06-30T00:00:00Z'), windowDays: 7, defaultBranch: 'main', currentBranch: 'feature' });
    const m = report.defaultBranch;
    assert.equal(m.runs, 3); // the running pipeline is not finished
    assert.equal(m.p50Minutes, 9); // 5, 9, 15
    assert.ok(Math.abs(m.p90Minutes! - 13.8) < 1e-9); // rank 1.8: 9 + 0.8 * 6
    assert.equal(m.overTarget, 1);
    assert.equal(m.minutesOverTarget, 5);
    assert.equal(m.failed, 1);
    assert.equal(m.flaky, 1); // a failed in 11 and passed in 12
    assert.deepEqual(m.slowestJob, { name: 'test', p50Minutes: 7 }); // 5 and 9
    assert.equal(report.currentBranch?.p50Minutes, 2);
  });

  it('says what to do for a missing or private project', async () => {
    const res = await new GitLabPipelinesSource({ http, apiBaseUrl: server.apiUrl, projectPath: 'acme/other', branches: [], since: 0 }).fetch();
    assert.ok(!res.ok);
    assert.match(res.error, /no project acme\/other/);
  });

  it('knows GitLab hosts', () => {
    assert.equal(gitlabApiFor('gitlab.com'), 'https://gitlab.com/api/v4');
    assert.equal(gitlabApiFor('GitLab.example.com'), 'https://gitlab.example.com/api/v4');
    assert.equal(gitlabApiFor('github.com'), undefined);
  });

  it('never throws on any body GitLab might send', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 2000 }), fc.json({ maxDepth: 4 })), fc.integer({ min: 200, max: 599 }), async (body, status) => {
        const t: HttpTransport = { request: async () => ({ status, headers: {}, body }) };
        const res = await new GitLabPipelinesSource({ http: t, apiBaseUrl: 'https://gitlab.com/api/v4', projectPath: 'a/b', branches: ['x'], since: 0 }).fetch();
        assert.equal(typeof res.ok, 'boolean');
      }),
      { numRuns: 200 },
    );
  });
});
