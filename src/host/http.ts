import { lookup } from 'node:dns/promises';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { addressKind, checkRequestTarget, urlHost, type TargetPolicy } from '../core/platform/requestTarget';
import { TransportError, type HttpRequest, type HttpResponse, type HttpTransport } from '../core/platform/transport';
import { safeUrl } from '../core/common/urls';

// The real HttpTransport. It does not import 'vscode' so unit tests can run it against
// loopback servers; the host constructs it once and hands it to every client.

export interface AxiosTransportOptions {
  /** Largest response body accepted; beyond it the request fails with 'tooLarge'. */
  readonly maxResponseBytes?: number;
  /** Largest request body sent. */
  readonly maxRequestBytes?: number;
  /**
   * The hosts the developer's own settings name, which alone may be on a private network
   * (see core/platform/requestTarget.ts). Asked before every request; none when absent.
   */
  readonly targetPolicy?: () => TargetPolicy;
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

  constructor(private readonly options: AxiosTransportOptions = {}) {
    this.maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024;
  }

  /** Made on first use: creating it costs about a millisecond, too much for activate(). */
  private get axios(): AxiosInstance {
    return (this._axios ??= axios.create({
      validateStatus: () => true,
      responseType: 'text',
      // Keep the body as text: the caller parses and validates it.
      transformResponse: [(data: unknown) => data],
      transformRequest: [(data: unknown) => data],
      maxContentLength: this.maxResponseBytes,
      maxBodyLength: this.options.maxRequestBytes ?? 5 * 1024 * 1024,
      maxRedirects: 0,
      proxy: false,
      decompress: true,
    }));
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    await this.checkTarget(req.url, req.timeoutMs);
    // axios' `timeout` is reset by every chunk, so a slow body could run for ever; a
    // deadline signal bounds the whole exchange.
    const deadline = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
    try {
      const res = await this.axios.request<string>({
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
      return { status: res.status, headers, body: typeof res.data === 'string' ? res.data : String(res.data ?? '') };
    } catch (e) {
      throw this.translate(e, req, deadline);
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

  private translate(e: unknown, req: HttpRequest, deadline: AbortSignal): TransportError {
    // Messages name the host only: never the headers (the token) or the body.
    const where = safeUrl(req.url)?.origin ?? 'the server';
    if (req.signal?.aborted) return new TransportError('aborted', `request to ${where} was cancelled`);
    if (deadline.aborted) return new TransportError('timeout', `no complete response from ${where} within ${req.timeoutMs} ms`);
    if (e instanceof AxiosError) {
      if (e.code === AxiosError.ECONNABORTED || e.code === AxiosError.ETIMEDOUT) {
        if (/maxContentLength/i.test(e.message)) return this.tooLarge(where);
        return new TransportError('timeout', `no response from ${where} within ${req.timeoutMs} ms`);
      }
      if (/maxContentLength|maxBodyLength/i.test(e.message)) return this.tooLarge(where);
      if (e.code === AxiosError.ERR_CANCELED) return new TransportError('aborted', `request to ${where} was cancelled`);
      const code = (e.cause as NodeJS.ErrnoException | undefined)?.code ?? e.code ?? 'error';
      return new TransportError('network', `could not reach ${where} (${code})`);
    }
    return new TransportError('network', `could not reach ${where} (${e instanceof Error ? e.message : String(e)})`);
  }

  private tooLarge(where: string): TransportError {
    return new TransportError('tooLarge', `the response from ${where} is larger than ${Math.round(this.maxResponseBytes / 1024)} KB; refusing it`);
  }
}
