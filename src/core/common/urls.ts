import { isLoopbackHost } from '../platform/errors';

/** https, or http to a loopback address (a local fixture or tunnel). */
export function isAllowedEndpoint(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
  } catch {
    return false;
  }
}

// Where a credential may go. A token is bound to the URL it was given for: its origin
// (scheme, host and port) and its path, on a `/` boundary, so a token for
// https://host/dx never reaches https://host/dx-evil or http://host/dx.

/** `origin + path` without trailing slashes, or undefined for an unreadable URL. */
export function credentialScope(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/** Whether `url` is `scopeUrl` or below it: same origin, and its path under the scope's on a `/` boundary. */
export function isWithinScope(scopeUrl: string, url: string): boolean {
  const scope = credentialScope(scopeUrl);
  if (scope === undefined) return false;
  try {
    const u = new URL(url.trim());
    const target = `${u.origin}${u.pathname}`;
    return u.origin === new URL(scope).origin && (target === scope || target.startsWith(`${scope}/`));
  } catch {
    return false;
  }
}

/** Same scheme, host and port. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** The URL, or undefined when it does not parse. */
export function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
