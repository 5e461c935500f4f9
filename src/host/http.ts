import { lookup } from 'node:dns/promises';
import type { Readable } from 'node:stream';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { addressKind, checkRequestTarget, urlHost, type TargetPolicy } from '../core/platform/requestTarget';
import { TransportError, type HttpRequest, type HttpResponse, type HttpTransport } from '../core/platform/transport';
import { safeUrl } from '../core/common/urls';

// The real HttpTransport. It does not import 'vscode' so unit tests can run it against
// loopback servers; the host constructs it once and hands it to every client.

export interface AxiosTransportOptions {
  /** Largest response body accepted unless a request asks for another; beyond it the request fails with 'tooLarge'. */
  readonly maxResponseBytes?: number;
  /** Largest request body sent. */
  readonly maxRequestBytes?: number;
  /**
   * The hosts the developer's own settings name, which alone may be on a private network
   * (see core/platform/requestTarget.ts). Asked before every request; none when absent.
   */
  readonly targetPolicy?: () => TargetPolicy;
  /**
   * Why DX Pulse may make no request of its own right now (VS Code telemetry is off), or
   * undefined. Asked before every request that the developer did not start themselves.
   */
  readonly refusal?: () => string | undefined;
  /** Resolves a host name to its addresses (tests replace it); DNS by default. */
  readonly resolve?: (host: string) => Promise<string[]>;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}

export class AxiosTransport implements HttpTransport {
  // One instance for the whole extension. No httpAgent/httpsAgent: VS Code's proxy
  // support (http.proxy, http.proxySupport, system proxy, certificates) patches Node's
  // http/https modules, and a custom agent would bypass it. `proxy: false` stops axios
  // from applying HTTP(S)_PROXY itself on top of that, which would proxy twice.
  private _axios: AxiosInstance | undefined;
  private readonly maxResponseBytes: number;
  private readonly maxRequestBytes: number;

  constructor(private readonly options: AxiosTransportOptions = {}) {
    this.maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
    this.maxRequestBytes = options.maxRequestBytes ?? 5 * 1024 * 1024;
  }

  /** Made on first use: creating it costs about a millisecond, too much for activate(). */
  private get axios(): AxiosInstance {
    return (this._axios ??= axios.create({
      validateStatus: () => true,
      // The body arrives as a stream and readBody() bounds it, so a response that is too
      // large is known to be one by its size, not by the wording of an error message.
      responseType: 'stream',
      transformRequest: [(data: unknown) => data],
      maxRedirects: 0,
      proxy: false,
      decompress: true,
    }));
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const where = safeUrl(req.url)?.origin ?? 'the server'; // l10n-ignore: inside error texts, which stay English like the log
    if (req.body !== undefined && Buffer.byteLength(req.body) > this.maxRequestBytes) {
      throw new TransportError('tooLarge', `the request to ${where} is larger than ${Math.round(this.maxRequestBytes / 1024)} KB; not sending it`);
    }
    const refused = req.userInitiated ? undefined : this.options.refusal?.();
    if (refused) throw new TransportError('network', `did not contact ${where}: ${refused}`);
    await this.checkTarget(req.url, req.timeoutMs);
    // axios' `timeout` is reset by every chunk, so a slow body could run for ever; a
    // deadline signal bounds the whole exchange.
    const deadline = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
    try {
      const res = await this.axios.request<Readable>({
        method: req.method,
        url: req.url,
        headers: req.headers,
        data: req.body,
        timeout: req.timeoutMs,
        signal,
      });
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v === undefined || v === null) continue;
        headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      return { status: res.status, headers, body: await readBody(res.data, req.maxResponseBytes ?? this.maxResponseBytes, where) };
    } catch (e) {
      throw this.translate(e, req, deadline, where);
    }
  }

  /**
   * Every URL passes through here, whoever supplied it (a repository's file, a feed, the
   * platform): link-local hosts never, private ones only when the user's settings name them.
   * A name that does not resolve here is left to the request (a proxy may resolve it).
   */
  private async checkTarget(url: string, timeoutMs: number): Promise<void> {
    const host = urlHost(url);
    let addresses: string[] = [];
    if (host !== undefined && addressKind(host) === undefined) {
      // bounded: a resolver that hangs must not hold the request past its own deadline
      let timer: ReturnType<typeof setTimeout> | undefined;
      const giveUp = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), Math.min(timeoutMs, 5000))));
      try {
        addresses = await Promise.race([(this.options.resolve ?? resolveAll)(host), giveUp]);
      } catch {
        addresses = [];
      } finally {
        clearTimeout(timer);
      }
    }
    const verdict = checkRequestTarget(url, addresses, this.options.targetPolicy?.() ?? { userHosts: [] });
    if (!verdict.ok) throw new TransportError('network', `refused to contact ${safeUrl(url)?.origin ?? 'the server'}: ${verdict.reason}`);
  }

  private translate(e: unknown, req: HttpRequest, deadline: AbortSignal, where: string): TransportError {
    // Messages name the host only: never the headers (the token) or the body.
    if (e instanceof TransportError) return e;
    if (req.signal?.aborted) return new TransportError('aborted', `request to ${where} was cancelled`);
    if (deadline.aborted) return new TransportError('timeout', `no complete response from ${where} within ${req.timeoutMs} ms`);
    if (e instanceof AxiosError) {
      if (e.code === AxiosError.ECONNABORTED || e.code === AxiosError.ETIMEDOUT) return new TransportError('timeout', `no response from ${where} within ${req.timeoutMs} ms`);
      if (e.code === AxiosError.ERR_CANCELED) return new TransportError('aborted', `request to ${where} was cancelled`);
      const code = (e.cause as NodeJS.ErrnoException | undefined)?.code ?? e.code ?? 'error';
      return new TransportError('network', `could not reach ${where} (${code})`);
    }
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    return new TransportError('network', `could not reach ${where} (${code ?? (e instanceof Error ? e.message : String(e))})`);
  }
}

/** The body as text, refusing it (and closing the connection) once it passes `maxBytes`. */
async function readBody(stream: Readable, maxBytes: number, where: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > maxBytes) {
      stream.destroy();
      throw new TransportError('tooLarge', `the response from ${where} is larger than ${Math.round(maxBytes / 1024)} KB; refusing it`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
