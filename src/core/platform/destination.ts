import { createHash } from 'node:crypto';

/**
 * A short key for where events go: the platform URL and the OTLP endpoint together. The
 * outbox stamps each event with the key in force when it was recorded and delivers it only
 * while that key still holds, so changing (or first setting) a destination never sends
 * events recorded before to the new one. Trailing slashes and case of the scheme and host
 * do not make a new destination.
 */
export function destinationKey(platform: { readonly url?: string; readonly otlpEndpoint?: string }): string {
  const url = normalize(platform.url);
  const otlp = normalize(platform.otlpEndpoint);
  if (!url && !otlp) return 'none';
  return createHash('sha256').update(`platform=${url}\notlp=${otlp}`).digest('hex').slice(0, 16);
}

function normalize(u: string | undefined): string {
  const t = u?.trim() ?? '';
  if (!t) return '';
  try {
    return new URL(t).href.replace(/\/+$/, '');
  } catch {
    return t;
  }
}
