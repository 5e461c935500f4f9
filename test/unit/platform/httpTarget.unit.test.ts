import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransportError } from '../../../src/core/platform/transport';
import { AxiosTransport } from '../../../src/host/http';

// Issue #16, item 11, in the one HTTP transport: a `.dx/pulse.yaml` docs source or a
// platform's URL pointing at the metadata service or the internal network is refused
// before any connection is made.

describe('AxiosTransport request targets', () => {
  let server: http.Server;
  let port: number;
  let hits = 0;
  before(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end('{"items":[]}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const get = (t: AxiosTransport, url: string) => t.request({ method: 'GET', url, headers: {}, timeoutMs: 3000 });

  it('refuses the metadata service at once, in any spelling', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'https://0xA9FEA9FE/', 'https://2852039166/', 'https://[::ffff:169.254.169.254]/', 'https://[fe80::1]/']) {
      const started = Date.now();
      await assert.rejects(get(new AxiosTransport(), url), (e: unknown) => e instanceof TransportError && /link-local/.test(e.message), url);
      assert.ok(Date.now() - started < 1000, `${url} was refused without trying to connect`);
    }
  });

  it('refuses a host name that resolves to a private address unless the user names it', async () => {
    // "feed.internal" stands for a name a repository gives that resolves inside the network;
    // the real connection goes to the loopback server, so an unchecked request succeeds.
    const resolve = async (host: string) => (host === 'localhost' ? ['10.20.30.40'] : ['127.0.0.1']);
    const url = `http://localhost:${port}/feed.json`;
    const before = hits;
    await assert.rejects(get(new AxiosTransport({ resolve }), url), (e: unknown) => e instanceof TransportError && /private network/.test(e.message));
    assert.equal(hits, before, 'no request reached the server');
    const named = new AxiosTransport({ resolve, targetPolicy: () => ({ userHosts: ['localhost'] }) });
    assert.equal((await get(named, url)).status, 200);
    assert.equal(hits, before + 1);
  });

  it('refuses private IP literals unless named, and keeps loopback working', async () => {
    await assert.rejects(get(new AxiosTransport(), 'https://10.0.0.8/config'), /private network/);
    await assert.rejects(get(new AxiosTransport(), 'https://[fd00::8]/config'), /private network/);
    assert.equal((await get(new AxiosTransport(), `http://127.0.0.1:${port}/`)).status, 200);
  });
});
