import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { TransportError } from '../../../src/core/platform/transport';
import { AxiosTransport } from '../../../src/host/http';

// The transport knows a body is too large by counting it, not by reading an error
// message: a response over the limit (plain, gzip, or without a Content-Length), and a
// request body over the limit before anything is sent.

describe('AxiosTransport size limits', () => {
  let server: http.Server;
  let base: string;
  let received = 0;
  before(async () => {
    server = http.createServer((req, res) => {
      req.on('data', (c: Buffer) => (received += c.length));
      req.on('end', () => {
        const n = Number(new URL(req.url!, 'http://x').searchParams.get('kb') ?? 1) * 1024;
        if (req.url!.startsWith('/gzip')) {
          res.writeHead(200, { 'content-encoding': 'gzip' });
          res.end(gzipSync(Buffer.alloc(n, 'a')));
        } else if (req.url!.startsWith('/chunked')) {
          res.writeHead(200);
          for (let i = 0; i < n / 1024; i++) res.write(Buffer.alloc(1024, 'b'));
          res.end();
        } else res.end(Buffer.alloc(n, 'c'));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const policy = () => ({ userHosts: ['127.0.0.1'] });
  const t = new AxiosTransport({ maxResponseBytes: 64 * 1024, maxRequestBytes: 8 * 1024, targetPolicy: policy });
  const get = (path: string, maxResponseBytes?: number) => t.request({ method: 'GET', url: base + path, headers: {}, timeoutMs: 5000, maxResponseBytes });
  const tooLarge = (e: unknown) => e instanceof TransportError && e.kind === 'tooLarge' && /larger than 64 KB; refusing it/.test(e.message);

  it('reads a body under the limit, decompressed', async () => {
    assert.equal((await get('/gzip?kb=32')).body.length, 32 * 1024);
    assert.equal((await get('/chunked?kb=32')).body, 'b'.repeat(32 * 1024));
  });

  it('refuses a body over the limit, whether it says its length, is chunked or is compressed small', async () => {
    for (const path of ['/plain?kb=100', '/chunked?kb=100', '/gzip?kb=1000']) await assert.rejects(get(path), tooLarge, path);
  });

  it('lets one request accept more than the transport default (GitHub pages up to 20 MB)', async () => {
    assert.equal((await get('/plain?kb=100', 200 * 1024)).body.length, 100 * 1024);
  });

  it('does not send a request body over the limit', async () => {
    const before = received;
    await assert.rejects(t.request({ method: 'POST', url: `${base}/plain`, headers: {}, body: 'x'.repeat(9 * 1024), timeoutMs: 5000 }), (e: unknown) => e instanceof TransportError && e.kind === 'tooLarge' && /request to .* is larger than 8 KB; not sending it/.test(e.message));
    assert.equal(received, before);
  });

  it('makes no request of its own while the developer has telemetry off, but fetches what they clicked', async () => {
    let off = true;
    const gated = new AxiosTransport({ targetPolicy: policy, refusal: () => (off ? 'telemetry is off' : undefined) });
    let hits = 0;
    const count = http.createServer((_q, r) => (hits++, r.end('ok')));
    await new Promise<void>((r) => count.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(count.address() as AddressInfo).port}/`;
    try {
      await assert.rejects(gated.request({ method: 'GET', url, headers: {}, timeoutMs: 5000 }), (e: unknown) => e instanceof TransportError && /did not contact http:\/\/127\.0\.0\.1:\d+: telemetry is off/.test(e.message));
      assert.equal(hits, 0);
      assert.equal((await gated.request({ method: 'GET', url, headers: {}, timeoutMs: 5000, userInitiated: true })).body, 'ok');
      off = false;
      assert.equal((await gated.request({ method: 'GET', url, headers: {}, timeoutMs: 5000 })).body, 'ok');
      assert.equal(hits, 2);
    } finally {
      await new Promise<void>((r) => count.close(() => r()));
    }
  });
});
