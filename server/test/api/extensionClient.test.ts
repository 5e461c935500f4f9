// The extension's own code against this server: events made by its recorder
// (makeEvent), delivered by its DeliveryLoop through PlatformSink, PlatformClient and the
// real AxiosTransport; then config, docs and deployments read and validated by its
// client, with the ETag cache answering 304 the second time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Log } from '../../../src/core/common/log';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import { makeEvent, type EventContext } from '../../../src/core/events/kinds';
import { PlatformClient } from '../../../src/core/platform/client';
import { DeliveryLoop } from '../../../src/core/platform/delivery';
import { PlatformSink } from '../../../src/core/platform/sink';
import { repoIdentity, normalizeRemoteUrl } from '../../../src/core/privacy/repoIdentity';
import { AxiosTransport } from '../../../src/host/http';
import { MemoryOutbox } from '../../../test/unit/platform/helpers';
import { DATABASES, call, startApp, type TestServer } from '../helpers';

const quiet: Log = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

for (const d of DATABASES) {
  describe(`the extension's platform client against this server (${d.name})`, () => {
    let s: TestServer;
    let token: string;
    let cacheDir: string;
    const clock = { now: () => Date.now() };
    const repo = repoIdentity(normalizeRemoteUrl('git@github.com:Acme/Shop.git')!, false);
    before(async () => {
      s = await startApp((await d.open()).db);
      token = (await call(s.url, 'POST', '/admin/v1/tokens', { body: { name: 'developers', scope: 'ingest' } })).json.token;
      cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-platform-client-'));
    });
    after(async () => {
      await s.close();
      await s.db.close();
      fs.rmSync(cacheDir, { recursive: true, force: true });
    });

    const client = () => new PlatformClient({ baseUrl: s.url, getToken: async () => token, transport: new AxiosTransport(), log: quiet, clock, cacheDir });

    it('stores what the delivery loop sends, once, and the export gives it back', async () => {
      const ctx: EventContext = { clock, installId: 'install-x', sessionId: 'session-x', repo, extensionVersion: '0.1.0' };
      const events: EventEnvelope[] = [];
      for (let i = 0; i < 250; i++) events.push(makeEvent('terminal.commandEnded', { exitCode: i % 2, command: 'npm test', category: 'test', durationMs: 100 + i }, ctx));
      events.push(makeEvent('survey.answered', { surveyId: 'build-pulse', anonymous: true, answers: [{ questionId: 'speed', value: 4 }] }, ctx));
      events.push(makeEvent('setup.completed', { durationMs: 60_000, failedAttempts: 1, installRuns: 1, firstSuccess: 'build' }, ctx));
      const stale = { ...makeEvent('stuck.helpChosen', { choice: 'help' }, ctx), schemaVersion: 7 };
      const outbox = new MemoryOutbox([...events, stale]);
      const loop = new DeliveryLoop({ outbox, sink: new PlatformSink(client()), log: quiet, clock, isAllowed: () => true, batchSize: 100, maxEventsPerCycle: 1000 });
      try {
        const r = await loop.drainOnce();
        assert.equal(r.stoppedBy, 'empty');
      } finally {
        loop.dispose();
      }
      assert.equal(outbox.pending.size, 0);
      assert.equal(outbox.acknowledged, events.length);
      assert.match(outbox.rejected.get(stale.id)!, /schemaVersion/);

      const exported = await call(s.url, 'GET', '/admin/v1/events');
      const lines = exported.text.trim().split('\n').map((l) => JSON.parse(l) as EventEnvelope);
      assert.deepEqual(new Set(lines.map((e) => e.id)), new Set(events.map((e) => e.id)));
      const anonymous = lines.find((e) => e.kind === 'survey.answered')!;
      assert.equal(anonymous.installId, undefined);
    });

    it('serves config, docs and deployments the client validates, then confirms them with 304', async () => {
      await call(s.url, 'PUT', '/admin/v1/services/checkout', { body: { team: 'payments' } });
      await call(s.url, 'POST', '/admin/v1/repos', { body: { repos: [{ url: 'https://github.com/acme/shop', service: 'checkout' }] } });
      await call(s.url, 'PUT', '/admin/v1/config/org', { body: { features: { surveys: true } } });
      await call(s.url, 'POST', '/admin/v1/docs', { body: { entry: { id: 'd1', kind: 'doc', title: 'Golden path', url: 'https://dev.example.com/gp', tags: [], publishedAt: '2026-01-01T00:00:00Z' } } });
      await call(s.url, 'POST', '/admin/v1/deployments', { body: { id: 'dep-1', service: 'checkout', time: '2026-01-10T10:00:00Z', status: 'success', commits: [{ sha: 'abcdef0', time: '2026-01-09T10:00:00Z' }] } });

      const c = client();
      const config = await c.getRepoConfig(repo.id);
      assert.equal(config.stale, false, config.error?.message);
      assert.deepEqual(config.data.metrics, { service: 'checkout', team: 'payments', environment: 'production' });
      const docs = await c.getDocs(repo.id);
      assert.equal(docs.data.entries[0]!.id, 'd1');
      const range = { since: Date.UTC(2026, 0, 1), until: Date.UTC(2026, 1, 1) };
      const deps = await c.getDeployments('checkout', range);
      assert.equal(deps.stale, false, deps.error?.message);
      assert.equal(deps.data.deployments[0]!.id, 'dep-1');

      const again = await client().getDeployments('checkout', range);
      assert.equal(again.stale, false);
      assert.equal(again.etag, deps.etag);
      assert.ok(again.fetchedAt >= deps.fetchedAt);
    });
  });
}
