// POST /admin/v1/services/{name}/deployments/github against a loopback HTTP server that
// speaks GitHub's REST shapes: deployments paged by Link headers, their statuses, compare
// and commit lookups; then the stored deployments as the extension reads them.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DATABASES, call, startApp, type TestServer } from '../helpers';

const NOW = Date.UTC(2026, 5, 30, 12);
const H = 3_600_000;
const sha = (n: number) => n.toString(16).padStart(40, 'a');
const at = (t: number) => new Date(t).toISOString();

// Deployment 1..5 of the production environment, newest first as GitHub lists them, one
// deploy a day; 3 failed and 4 restored it; 5 is still in progress.
const DEPLOYS = [5, 4, 3, 2, 1].map((n) => ({ id: 100 + n, sha: sha(n), environment: 'production', created_at: at(NOW - (6 - n) * 24 * H) }));
const STATE: Record<number, string> = { 101: 'success', 102: 'success', 103: 'failure', 104: 'success', 105: 'in_progress' };

interface FakeGitHub {
  readonly url: string;
  readonly seen: { path: string; authorization: string | undefined }[];
  status: number;
  close(): Promise<void>;
}

async function fakeGitHub(): Promise<FakeGitHub> {
  const seen: FakeGitHub['seen'] = [];
  const state = { status: 200 };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: u.pathname + u.search, authorization: req.headers.authorization });
    const send = (body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(state.status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(state.status === 200 ? body : { message: 'Bad credentials' }));
    };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let m: RegExpExecArray | null;
    if (u.pathname === '/repos/acme/shop/deployments') {
      // Two deployments a page: pages 1, 2 and 3.
      const page = Number(u.searchParams.get('page') ?? '1');
      const list = DEPLOYS.slice((page - 1) * 2, page * 2);
      const next: Record<string, string> = page * 2 < DEPLOYS.length ? { link: `<${base}/repos/acme/shop/deployments?environment=production&per_page=100&page=${page + 1}>; rel="next"` } : {};
      return send(u.searchParams.get('environment') === 'production' ? list : [], next);
    }
    if ((m = /^\/repos\/acme\/shop\/deployments\/(\d+)\/statuses$/.exec(u.pathname))) {
      const d = DEPLOYS.find((x) => x.id === Number(m![1]))!;
      return send([{ state: STATE[d.id], created_at: at(Date.parse(d.created_at) + H) }]);
    }
    if ((m = /^\/repos\/acme\/shop\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(u.pathname))) {
      // Each deploy shipped its own commit, made two hours before it was created.
      const head = DEPLOYS.find((x) => x.sha === m![2])!;
      return send({ total_commits: 1, commits: [{ sha: head.sha, commit: { committer: { date: at(Date.parse(head.created_at) - 2 * H) }, author: null } }] });
    }
    if ((m = /^\/repos\/acme\/shop\/commits\/([0-9a-f]+)$/.exec(u.pathname))) {
      const d = DEPLOYS.find((x) => x.sha === m![1])!;
      return send({ sha: d.sha, commit: { committer: { date: at(Date.parse(d.created_at) - 2 * H) }, author: null } });
    }
    res.writeHead(404).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    get status() {
      return state.status;
    },
    set status(v: number) {
      state.status = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

for (const d of DATABASES) {
  describe(`GitHub deployments import (${d.name})`, () => {
    let s: TestServer;
    let gh: FakeGitHub;
    before(async () => {
      s = await startApp((await d.open()).db, { now: () => NOW });
      gh = await fakeGitHub();
    });
    after(async () => {
      await gh.close();
      await s.close();
      await s.db.close();
    });
    beforeEach(() => {
      gh.seen.length = 0;
      gh.status = 200;
    });

    const importShop = () => call(s.url, 'POST', '/admin/v1/services/shop/deployments/github', { body: { owner: 'acme', repo: 'shop', apiUrl: gh.url, token: 'gh-token-123' } });

    it('reads every page, stores the deployments that happened, and serves them to the extension', async () => {
      const r = await importShop();
      assert.equal(r.status, 200, r.text);
      assert.deepEqual({ imported: r.json.imported, skipped: r.json.skipped }, { imported: 4, skipped: 0 });
      assert.ok(gh.seen.some((x) => x.path.includes('page=3')), 'followed the Link header to the last page');
      assert.ok(gh.seen.every((x) => x.authorization === 'Bearer gh-token-123'));
      const list = await call(s.url, 'GET', `/v1/services/shop/deployments?since=${at(NOW - 30 * 24 * H)}&until=${at(NOW)}`);
      assert.equal(list.status, 200, list.text);
      const byId = new Map<string, { failed?: boolean; restoredAt?: string; commits: { sha: string; time: string }[]; time: string }>(list.json.deployments.map((x: { id: string }) => [x.id, x]));
      assert.deepEqual([...byId.keys()].sort(), ['github:acme/shop:101', 'github:acme/shop:102', 'github:acme/shop:103', 'github:acme/shop:104']);
      const failed = byId.get('github:acme/shop:103')!;
      assert.equal(failed.failed, true);
      assert.equal(failed.restoredAt, at(Date.parse(DEPLOYS.find((x) => x.id === 104)!.created_at) + H));
      const ok = byId.get('github:acme/shop:102')!;
      assert.deepEqual(ok.commits, [{ sha: sha(2), time: at(Date.parse(DEPLOYS.find((x) => x.id === 102)!.created_at) - 2 * H) }]);
      // The DORA report of the service now counts them.
      const dora = await call(s.url, 'GET', '/admin/v1/services/shop/dora?window=30');
      assert.equal(dora.status, 200, dora.text);
      assert.equal(dora.json.leadTime.commits, 4);
    });

    it('imports again without adding anything', async () => {
      assert.equal((await importShop()).status, 200);
      const n = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM deployments WHERE service = 'shop'");
      assert.equal(n.rows[0]!.n, 4);
    });

    it('answers 502 naming what GitHub refused, and stores nothing', async () => {
      gh.status = 401;
      const r = await call(s.url, 'POST', '/admin/v1/services/other/deployments/github', { body: { owner: 'acme', repo: 'shop', apiUrl: gh.url } });
      assert.equal(r.status, 502, r.text);
      assert.equal(r.json.githubError, 'auth');
      assert.match(r.json.error.message, /401/);
      const n = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM deployments WHERE service = 'other'");
      assert.equal(n.rows[0]!.n, 0);
    });

    it('refuses a bad body and a non-admin token', async () => {
      for (const body of [{ owner: 'acme' }, { owner: 'ac/me', repo: 'shop' }, { owner: 'acme', repo: 'shop', apiUrl: 'file:///etc/passwd' }, { owner: 'acme', repo: 'shop', sinceDays: 0 }]) {
        assert.equal((await call(s.url, 'POST', '/admin/v1/services/shop/deployments/github', { body })).status, 400, JSON.stringify(body));
      }
      const ingest = (await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'ci', scope: 'ingest' } })).json.token as string;
      assert.equal((await call(s.url, 'POST', '/admin/v1/services/shop/deployments/github', { token: ingest, body: { owner: 'acme', repo: 'shop', apiUrl: gh.url } })).status, 403);
      assert.equal(gh.seen.length, 0);
    });
  });
}
