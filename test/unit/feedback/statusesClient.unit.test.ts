import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import fc from 'fast-check';
import { AxiosTransport } from '../../../src/host/http';
import { PlatformClient } from '../../../src/core/platform/client';
import { PlatformError } from '../../../src/core/platform/errors';
import { PlatformServer } from '../../fixtures/platformServer';
import { ArrayLog, FakeClock, tempDir } from '../platform/helpers';

// GET /v1/feedback/statuses through the real client and transport against a loopback
// server: the request names no report, the ETag is used, and hostile bodies are refused
// with one line naming the endpoint (#18).
describe('PlatformClient.getFeedbackStatuses', () => {
  let server: PlatformServer;
  let cacheDir: string;
  const transport = new AxiosTransport({ maxResponseBytes: 64 * 1024 });
  const client = () => new PlatformClient({ baseUrl: server.url, getToken: async () => server.token, transport, log: new ArrayLog(), clock: new FakeClock(), cacheDir, timeoutMs: 2000 });
  const PATH = '/v1/feedback/statuses';

  before(async () => {
    server = await PlatformServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.faults.length = 0;
    server.resources.clear();
    cacheDir = await tempDir('statuses');
  });
  afterEach(async () => {
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('asks for the whole list with no report id in the request, and revalidates with the ETag', async () => {
    server.resources.set(PATH, { statuses: [{ id: 'a', status: 'fixed', changelogId: 'x', updatedAt: '2026-03-02T10:00:00Z' }] });
    const c = client();
    const first = await c.getFeedbackStatuses();
    assert.deepEqual(first.data.statuses.map((s) => [s.id, s.status]), [['a', 'fixed']]);
    const req = server.requests.at(-1)!;
    assert.equal(req.path, PATH, 'no query, no ids: the same request from every install');
    assert.equal(req.method, 'GET');
    await c.getFeedbackStatuses();
    assert.equal(server.requests.at(-1)?.headers['if-none-match'], first.etag);
  });

  it('refuses any body that breaks the contract, in one line naming the endpoint', async () => {
    const c = client();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ statuses: fc.array(fc.record({ id: fc.string(), status: fc.string(), updatedAt: fc.string() }), { maxLength: 5 }) })), async (body) => {
        server.resources.set(PATH, body);
        try {
          const got = await c.getFeedbackStatuses();
          assert.ok(Array.isArray(got.data.statuses));
        } catch (e) {
          assert.ok(e instanceof PlatformError, String(e));
          assert.match(e.message, /^GET \/v1\/feedback\/statuses: /);
          assert.ok(!e.message.includes('\n'));
        }
      }),
      { numRuns: 60 },
    );
  });
});
