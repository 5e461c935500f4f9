// The HTTP seam between core and the network. Core never imports an HTTP library:
// the host provides the one real implementation (src/host/http.ts, axios), and
// tests can use it too because it does not depend on the editor.

export type HttpMethod = 'GET' | 'POST';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Already serialised; the transport sends it as is. */
  readonly body?: string;
  /** Deadline for the whole exchange, including a slow body. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Largest response body accepted for this request (the transport's own limit by default). */
  readonly maxResponseBytes?: number;
  /**
   * The developer asked for this request just now (a link they clicked): it goes out even
   * while DX Pulse makes no requests of its own (telemetry off).
   */
  readonly userInitiated?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text; callers parse and validate it. */
  readonly body: string;
}

/**
 * Any response with a status line resolves, whatever the status; only failures
 * below HTTP reject, always with a TransportError.
 */
export interface HttpTransport {
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** Why no HTTP response arrived. */
export type TransportErrorKind = 'timeout' | 'network' | 'tooLarge' | 'aborted';

export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
