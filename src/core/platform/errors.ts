import type * as z from 'zod/mini';
import type { RejectedEvent } from './contract';

export type PlatformErrorKind =
  /** The base URL or a parameter is unusable; nothing was sent. */
  | 'config'
  /** No token, or the server said 401/403. */
  | 'auth'
  /** 429: wait `retryAfterMs` if given. */
  | 'rateLimited'
  /** 400/413/422: this request will never succeed as sent. */
  | 'badRequest'
  /** 5xx. */
  | 'server'
  /** Any other unexpected status. */
  | 'http'
  /** A 2xx/304 whose body is not JSON or does not match the contract. */
  | 'invalidResponse'
  | 'timeout'
  | 'network'
  | 'tooLarge'
  | 'aborted';

/** Every failure of the platform client; `message` is one line naming the endpoint. */
export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly retryAfterMs?: number;
      readonly rejected?: readonly RejectedEvent[];
    } = {},
  ) {
    super(message);
    this.name = 'PlatformError';
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** "path.to.field: message" for the first issue of a failed validation. */
export function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  return `${where}: ${issue.message}`;
}

/**
 * Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3). Returns
 * milliseconds from `now`, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Accepts https anywhere and http only on loopback (127.0.0.0/8, localhost, [::1]),
 * so a token is never sent in clear text over a network.
 */
export function parsePlatformUrl(raw: string): { ok: true; url: URL } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: `The platform URL "${raw}" is not a valid URL; use e.g. https://dx.example.com.` };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'The platform URL must not contain a user name or password; sign in to store a token instead.' };
  }
  if (url.search || url.hash) {
    return { ok: false, message: 'The platform URL must not contain a query or fragment.' };
  }
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url };
  return {
    ok: false,
    message: `The platform URL must use https (http is only allowed for localhost, 127.0.0.0/8 and [::1]); got "${url.protocol}//${url.host}".`,
  };
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}
