import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { AxiosTransport } from '../../../src/host/http';
import { PlatformClient } from '../../../src/core/platform/client';
import { PlatformError, parsePlatformUrl, parseRetryAfter } from '../../../src/core/platform/errors';
import type { RepoConfig } from '../../../src/core/platform/contract';
import { PlatformServer } from '../../fixtures/platformServer';
import { ArrayLog, FakeClock, makeEvents, tempDir } from './helpers';

const config: RepoConfig = {
  repoId: 'r1',
  features: { signals: true, metrics: true, surveys: false },
  surveys: [{ id: 'pulse-q1', version: 1, questions: [{ id: 'q', text: 'How was your week?' }] }],
  docSources: [{ type: 'platform', kind: 'changelog' }],
  metrics: { service: 'checkout', team: 'payments' },
};

describe('PlatformClient', () => {
  let server: PlatformServer;
  let cacheDir: string;
  let log: ArrayLog;
  let clock: FakeClock;
  const transport = new AxiosTransport({ maxResponseBytes: 64 * 1024 });

  before(async () => {
    server = await PlatformServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.faults.length = 0;
    server.resources.clear();
    server.resources.set('/v1/repos/r1/config', config);
    cacheDir = await tempDir('cache');
    log = new ArrayLog();
    clock = new FakeClock();
  });
  afterEach(async () => {
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  function client(opts: { token?: string; timeoutMs?: number; baseUrl?: string } = {}): PlatformClient {
    return new PlatformClient({
      baseUrl: opts.baseUrl ?? server.url,
      getToken: async () => opts.token ?? server.token,
      transport,
      log,
      clock,
      cacheDir,
      timeoutMs: opts.timeoutMs ?? 2000,
    });
  }

  it('accepts https anywhere and http only on loopback', () => {
    assert.equal(parsePlatformUrl('https://dx.example.com').ok, true);
    assert.equal(parsePlatformUrl('http://127.0.0.1:8080').ok, true);
    assert.equal(parsePlatformUrl('http://127.1.2.3').ok, true);
    assert.equal(parsePlatformUrl('http://localhost:3000/x').ok, true);
    assert.equal(parsePlatformUrl('http://[::1]:3000').ok, true);
    const plain = parsePlatformUrl('http://dx.example.com');
    assert.equal(plain.ok, false);
    assert.match(!plain.ok ? plain.message : '', /must use https/);
    assert.equal(parsePlatformUrl('http://127.0.0.1.evil.com').ok, false);
    assert.equal(parsePlatformUrl('not a url').ok, false);
    assert.throws(() => client({ baseUrl: 'ftp://x' }), (e: unknown) => e instanceof PlatformError && e.kind === 'config');
  });

  it('parses Retry-After as seconds and as an HTTP-date', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter(new Date(now + 90_000).toUTCString(), now), 90_000);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('posts events with the bearer token and reads accepted and duplicates', async () => {
    const events = makeEvents(3);
    const c = client();
    const first = await c.postEvents(events);
    assert.equal(first.accepted.length, 3);
    const again = await c.postEvents(events);
    assert.deepEqual(again.duplicates.sort(), events.map((e) => e.id).sort());
    assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${server.token}`);
  });

  it('turns a 401 into an auth error and never logs the token', async () => {
    const c = client({ token: 'secret-never-logged' });
    await assert.rejects(c.postEvents(makeEvents(1)), (e: unknown) => e instanceof PlatformError && e.kind === 'auth' && /401/.test(e.message));
    await assert.rejects(c.getRepoConfig('r1'));
    assert.ok(log.lines.length > 0);
    assert.ok(log.lines.every((l) => !l.includes('secret-never-logged')));
  });

  it('reports a response that breaks the contract in one line naming the endpoint and the field', async () => {
    server.resources.set('/v1/repos/r1/config', { ...config, features: { signals: 'yes' } });
    const err = await client().getRepoConfig('r1').then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof PlatformError);
    assert.equal(err.kind, 'invalidResponse');
    assert.match(err.message, /^GET \/v1\/repos\/\{repoId\}\/config: the response does not match the contract: features\.signals: /);
    assert.ok(!err.message.includes('\n'));
  });

  it('reports a body that is not JSON', async () => {
    server.faults.push({ kind: 'raw', status: 200, body: '<html>login</html>' });
    await assert.rejects(client().postEvents(makeEvents(1)), /POST \/v1\/events: the response \(HTTP 200\) is not JSON/);
  });

  it('caches with ETag, revalidates with 304 and renders offline from the last good copy', async () => {
    const c = client();
    const first = await c.getRepoConfig('r1');
    assert.equal(first.stale, false);
    assert.deepEqual(first.data.features, config.features);
    assert.ok(first.etag);

    clock.advance(60_000);
    const second = await c.getRepoConfig('r1');
    assert.equal(server.requests.at(-1)?.headers['if-none-match'], first.etag);
    assert.equal(second.fetchedAt, clock.now());
    assert.equal(second.stale, false);

    clock.advance(60_000);
    server.faults.push({ kind: 'reset' });
    const offline = await c.getRepoConfig('r1');
    assert.equal(offline.stale, true);
    assert.equal(offline.fetchedAt, second.fetchedAt);
    assert.equal(offline.error?.kind, 'network');
    assert.deepEqual(offline.data.metrics, config.metrics);

    // A new client instance (a restarted editor) reads the cache without the network.
    const cold = await client({ baseUrl: server.url }).cachedRepoConfig('r1');
    assert.equal(cold?.fetchedAt, second.fetchedAt);
  });

  it('ignores a corrupt cache file instead of failing', async () => {
    const c = client();
    await c.getRepoConfig('r1');
    for (const f of await fs.readdir(cacheDir)) await fs.writeFile(`${cacheDir}/${f}`, '{broken');
    assert.equal(await c.cachedRepoConfig('r1'), undefined);
    const fresh = await c.getRepoConfig('r1');
    assert.equal(fresh.stale, false);
  });

  it('fails with a timeout on a server that never answers, and reads a slow body in time', async () => {
    server.faults.push({ kind: 'hang' });
    await assert.rejects(client({ timeoutMs: 200 }).getRepoConfig('r1'), (e: unknown) => e instanceof PlatformError && e.kind === 'timeout');
    server.faults.push({ kind: 'slowBody', chunks: 4, chunkDelayMs: 20 });
    const slow = await client().getRepoConfig('r1');
    assert.equal(slow.data.repoId, 'r1');
  });

  it('bounds a slow body by the deadline even while bytes keep arriving', async () => {
    server.faults.push({ kind: 'slowBody', chunks: 20, chunkDelayMs: 50 });
    await assert.rejects(client({ timeoutMs: 300 }).getRepoConfig('r1'), (e: unknown) => e instanceof PlatformError && e.kind === 'timeout');
  });

  it('refuses a huge response with a clear error instead of buffering it', async () => {
    server.faults.push({ kind: 'raw', status: 200, body: 'x'.repeat(200 * 1024) });
    await assert.rejects(client().getRepoConfig('r1'), (e: unknown) => e instanceof PlatformError && e.kind === 'tooLarge' && /larger than 64 KB/.test(e.message));
  });

  it('says when no token is stored', async () => {
    const c = new PlatformClient({ baseUrl: server.url, getToken: async () => undefined, transport, log, clock });
    await assert.rejects(c.postEvents(makeEvents(1)), /not signed in/);
  });

  it('validates docs and deployments and encodes path segments', async () => {
    server.resources.set('/v1/repos/github.com%2Facme%2Fshop/docs', {
      entries: [{ id: 'd1', kind: 'changelog', title: 'v2 API', markdown: 'new', tags: ['api'], type: 'breaking', publishedAt: '2025-01-01T00:00:00Z', removalDate: '2025-06-01' }],
    });
    const docs = await client().getDocs('github.com/acme/shop');
    assert.equal(docs.data.entries[0]?.type, 'breaking');

    server.resources.set('/v1/services/checkout/deployments', {
      service: 'checkout',
      since: '2025-01-01T00:00:00Z',
      until: '2025-02-01T00:00:00Z',
      deployments: [{ id: 'd1', service: 'checkout', environment: 'production', time: '2025-01-02T00:00:00Z', status: 'success', commits: [{ sha: 'abc1234', time: '2025-01-01T10:00:00Z' }], failed: false }],
    });
    const deps = await client().getDeployments('checkout', { since: Date.UTC(2025, 0, 1), until: Date.UTC(2025, 1, 1) });
    assert.equal(deps.data.deployments.length, 1);
    assert.match(server.requests.at(-1)?.path ?? '', /since=2025-01-01T00%3A00%3A00.000Z/);
  });
});
