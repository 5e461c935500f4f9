import { MAX_FEED_BYTES, type HttpGetter } from '../core/docs/sources';
import type { HttpTransport } from '../core/platform/transport';

// No 'vscode' import: unit tests run it against a loopback feed server.

export const FEED_TIMEOUT_MS = 15_000;

/** The docs core's HttpGetter over the extension's one HttpTransport (proxy-aware, size-capped). */
export function transportGetter(transport: HttpTransport, timeoutMs = FEED_TIMEOUT_MS): HttpGetter {
  return {
    async get(url, headers) {
      const res = await transport.request({ method: 'GET', url, headers, timeoutMs });
      if (Buffer.byteLength(res.body) > MAX_FEED_BYTES) throw new Error(`feed is more than the ${MAX_FEED_BYTES} bytes allowed`);
      return { status: res.status, body: res.body, etag: res.headers.etag, contentType: res.headers['content-type'] };
    },
  };
}
