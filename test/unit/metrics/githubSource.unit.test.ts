import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitHubDeploymentsSource, nextLink } from '../../../src/core/metrics/githubSource';
import type { HttpTransport } from '../../../src/core/platform/transport';
import { AxiosTransport } from '../../../src/host/http';
import { startGitHubServer, type GitHubFixture, type GitHubServer } from '../../fixtures/githubServer';

/** The extension's own transport, real HTTP on loopback. */
const fetchGet: HttpTransport = new AxiosTransport();

const c = (n: number, date: string) => ({ sha: `c${n}`.padEnd(40, '0'), date });
const history = [
  c(0, '2024-02-28T09:00:00Z'),
  c(1, '2024-03-01T08:00:00Z'),
  c(2, '2024-03-01T09:00:00Z'),
  c(3, '2024-03-01T12:00:00Z'),
  c(4, '2024-03-02T07:00:00Z'),
  c(5, '2024-03-02T09:00:00Z'),
  c(6, '2024-03-03T09:30:00Z'),
  c(7, '2024-03-04T06:00:00Z'),
  c(8, '2024-03-04T09:00:00Z'),
  c(9, '2024-03-05T09:00:00Z'),
];
const sha = (n: number): string => history[n]!.sha;
const fixture: GitHubFixture = {
  owner: 'acme',
  repo: 'shop',
  history,
  deployments: [
    { id: 105, sha: sha(9), environment: 'production', created_at: '2024-03-05T10:00:00Z', statuses: [{ state: 'in_progress', created_at: '2024-03-05T10:01:00Z' }] },
    { id: 104, sha: sha(8), environment: 'production', created_at: '2024-03-04T10:00:00Z', statuses: [{ state: 'success', created_at: '2024-03-04T10:05:00Z' }] },
    { id: 99, sha: sha(8), environment: 'staging', created_at: '2024-03-04T09:30:00Z', statuses: [{ state: 'success', created_at: '2024-03-04T09:31:00Z' }] },
    {
      id: 103,
      sha: sha(6),
      environment: 'production',
      created_at: '2024-03-03T10:00:00Z',
      statuses: [
        { state: 'failure', created_at: '2024-03-03T10:10:00Z' },
        { state: 'in_progress', created_at: '2024-03-03T10:01:00Z' },
      ],
    },
    {
      id: 102,
      sha: sha(5),
      environment: 'production',
      created_at: '2024-03-02T10:00:00Z',
      statuses: [
        { state: 'inactive', created_at: '2024-03-03T10:20:00Z' },
        { state: 'success', created_at: '2024-03-02T10:03:00Z' },
      ],
    },
    { id: 101, sha: sha(2), environment: 'production', created_at: '2024-03-01T10:00:00Z', statuses: [{ state: 'success', created_at: '2024-03-01T10:02:00Z' }] },
  ],
};
const T = (iso: string): number => Date.parse(iso);

describe('GitHubDeploymentsSource', () => {
  let server: GitHubServer;
  before(async () => {
    server = await startGitHubServer(fixture, { pathPrefix: '/api/v3', pageSize: 2, token: 'tok' });
  });
  after(async () => server.close());

  const source = (extra: Partial<ConstructorParameters<typeof GitHubDeploymentsSource>[0]> = {}) =>
    new GitHubDeploymentsSource({ http: fetchGet, owner: 'acme', repo: 'shop', service: 'shop', apiBaseUrl: server.baseUrl, getToken: async () => 'tok', ...extra });

  it('maps production deployments and their latest statuses, following pagination', async () => {
    server.requests.length = 0;
    const r = await source().fetch();
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.deployments.map((d) => d.id),
      ['101', '102', '103', '104'],
    );
    assert.ok(server.requests.some((q) => q.includes('/deployments?environment=production&per_page=100&page=3')));
    const [d101, d102, d103, d104] = r.deployments;
    assert.equal(d101!.time, T('2024-03-01T10:02:00Z')); // when the success status was posted
    assert.deepEqual(d101!.commits, [{ sha: sha(2), time: T('2024-03-01T09:00:00Z') }]);
    assert.deepEqual(
      d102!.commits.map((x) => x.sha),
      [sha(3), sha(4), sha(5)],
    );
    assert.equal(d102!.failed, false); // inactive after success: superseded, not failed
    assert.equal(d103!.failed, true);
    assert.equal(d103!.time, T('2024-03-03T10:00:00Z'));
    assert.equal(d103!.restoredAt, T('2024-03-04T10:05:00Z')); // the next successful deploy
    assert.deepEqual(
      d104!.commits.map((x) => x.sha),
      [sha(7), sha(8)],
    );
    assert.equal(d104!.environment, 'production');
    assert.equal(d104!.service, 'shop');
  });

  it('stops reading at `since`', async () => {
    const r = await source({ since: T('2024-03-02T12:00:00Z') }).fetch();
    assert.ok(r.ok);
    assert.deepEqual(
      r.deployments.map((d) => d.id),
      ['103', '104'],
    );
  });

  it('says the token was rejected on 401', async () => {
    const r = await source({ getToken: async () => 'wrong' }).fetch();
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.kind, 'auth');
    assert.match(!r.ok ? r.error : '', /rejected the token/);
  });

  it('says the repository was not found on 404', async () => {
    const r = await source({ repo: 'nope' }).fetch();
    assert.equal(!r.ok && r.kind, 'notFound');
    assert.match(!r.ok ? r.error : '', /no repository acme\/nope/);
  });
});

describe('GitHubDeploymentsSource failures', () => {
  it('explains a rate limit and when it resets', async () => {
    const s = await startGitHubServer(fixture, { rateLimited: true });
    try {
      const r = await new GitHubDeploymentsSource({ http: fetchGet, owner: 'acme', repo: 'shop', service: 's', apiBaseUrl: s.baseUrl }).fetch();
      assert.equal(!r.ok && r.kind, 'rateLimit');
      assert.match(!r.ok ? r.error : '', /rate limit is used up until 12:30 UTC/);
      assert.equal(!r.ok && r.resetAt, Date.UTC(2024, 0, 1, 12, 30));
    } finally {
      await s.close();
    }
  });

  it('rejects a body that is not JSON, and one of the wrong shape', async () => {
    for (const [body, pattern] of [
      ['<html>oops', /not JSON/],
      ['[{"id":"x"}]', /unexpected shape for the deployments list/],
    ] as const) {
      const s = await startGitHubServer(fixture, { brokenListBody: body });
      try {
        const r = await new GitHubDeploymentsSource({ http: fetchGet, owner: 'acme', repo: 'shop', service: 's', apiBaseUrl: s.baseUrl }).fetch();
        assert.equal(!r.ok && r.kind, 'invalidResponse');
        assert.match(!r.ok ? r.error : '', pattern);
      } finally {
        await s.close();
      }
    }
  });

  it('reads a page over the transport\'s 10 MiB default, and refuses one over 20 MB with a clear message (docs/metrics.md)', async () => {
    const item = (i: number) => `{"id":${i},"sha":"${'a'.repeat(40)}","ref":"main","environment":"production","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z","description":"${'d'.repeat(900)}"}`;
    for (const [count, pattern] of [
      [12_000, /unexpected shape|statuses|deployments/],
      [23_000, /GitHub sent more than 20 MB for .*deployments/],
    ] as const) {
      const s = await startGitHubServer(fixture, { brokenListBody: `[${Array.from({ length: count }, (_, i) => item(i)).join(',')}]` });
      try {
        const r = await new GitHubDeploymentsSource({ http: fetchGet, owner: 'acme', repo: 'shop', service: 's', apiBaseUrl: s.baseUrl }).fetch();
        if (count === 23_000) {
          assert.equal(!r.ok && r.kind, 'invalidResponse');
          assert.match(!r.ok ? r.error : '', pattern);
        } else assert.ok(r.ok || !/larger than|more than 20 MB|Could not reach/.test(r.error), `a ${count}-item page (about 11 MB) is read: ${r.ok ? 'ok' : r.error}`);
      } finally {
        await s.close();
      }
    }
  });

  it('reports an unreachable server as a network problem', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await new GitHubDeploymentsSource({ http: fetchGet, owner: 'a', repo: 'b', service: 's', apiBaseUrl: `http://127.0.0.1:${port}` }).fetch();
    assert.equal(!r.ok && r.kind, 'network');
    assert.match(!r.ok ? r.error : '', /Could not reach GitHub at http:\/\/127\.0\.0\.1/);
  });
});

describe('GitHubDeploymentsSource token safety (security)', () => {
  it('follows rel="next" only on the API origin, so the token never reaches another host', async () => {
    const seen: (string | undefined)[] = [];
    const evil = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    const s = await startGitHubServer(fixture, { pageSize: 2, token: 'tok', nextOrigin: evilUrl });
    try {
      const r = await new GitHubDeploymentsSource({ http: fetchGet, owner: 'acme', repo: 'shop', service: 'shop', apiBaseUrl: s.baseUrl, getToken: async () => 'tok' }).fetch();
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(seen, [], 'the other host was asked for a page');
      assert.ok(r.warnings.some((w) => /on another host; it was not followed/.test(w)), r.warnings.join('; '));
    } finally {
      await s.close();
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
  });

  it('sends nothing to a plain-http API URL that is not loopback', async () => {
    let asked = false;
    const get: HttpTransport = { request: async () => ((asked = true), { status: 200, headers: {}, body: '[]' }) };
    const r = await new GitHubDeploymentsSource({ http: get, owner: 'a', repo: 'b', service: 's', apiBaseUrl: 'http://api.github.com', getToken: async () => 'secret' }).fetch();
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /is not https; DX Pulse sends no token there/);
    assert.equal(asked, false);
  });
});

describe('GitHubDeploymentsSource over the shared transport', () => {
  it('reads paginated deployments through the real axios transport', async () => {
    const server = await startGitHubServer(fixture, { pathPrefix: '/api/v3', pageSize: 2, token: 'tok' });
    try {
      const r = await new GitHubDeploymentsSource({ http: new AxiosTransport(), owner: 'acme', repo: 'shop', service: 'shop', apiBaseUrl: server.baseUrl, getToken: async () => 'tok' }).fetch();
      assert.ok(r.ok, JSON.stringify(r));
      assert.ok(r.deployments.length > 0);
      assert.ok(server.requests.some((u) => u.includes('page=2')), 'followed the Link header to page 2');
    } finally {
      await server.close();
    }
  });
});

describe('nextLink', () => {
  it('finds rel="next" among several links, and nothing otherwise', () => {
    assert.equal(nextLink('<https://a/p=1>; rel="prev", <https://a/p=3>; rel="next"'), 'https://a/p=3');
    assert.equal(nextLink('<https://a/p=1>; rel="first"'), undefined);
    assert.equal(nextLink(undefined), undefined);
  });
});
