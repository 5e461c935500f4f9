import { createHash } from 'node:crypto';
import { credentialScope } from '../common/urls';

/**
 * A short key for where events go: the platform URL and the OTLP endpoint together. The
 * outbox stamps each event with the key in force when it was recorded and delivers it only
 * while that key still holds, so changing (or first setting) a destination never sends
 * events recorded before to the new one. URLs compare as tokens do (origin and path,
 * trailing slashes and host case aside). Asked on every recorded event: the last answer is
 * kept, so only a change of destination costs a hash.
 */
export function destinationKey(platform: { readonly url?: string; readonly otlpEndpoint?: string }): string {
  const url = normalize(platform.url);
  const otlp = normalize(platform.otlpEndpoint);
  if (!url && !otlp) return 'none';
  const input = `platform=${url}\notlp=${otlp}`;
  if (last?.input !== input) last = { input, key: createHash('sha256').update(input).digest('hex').slice(0, 16) };
  return last.key;
}

let last: { input: string; key: string } | undefined;

function normalize(u: string | undefined): string {
  const t = u?.trim() ?? '';
  return t && (credentialScope(t) ?? t);
}
