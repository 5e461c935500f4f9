import { credentialScope } from '../common/urls';

/**
 * The platform token from the editor's environment, for exactly one URL:
 * DX_PULSE_PLATFORM_TOKEN with DX_PULSE_PLATFORM_TOKEN_URL (dev containers, CI,
 * `npm run demo`). Bound to its URL like a stored token, so a platform URL set anywhere
 * else never receives it.
 */
export function envTokenFor(scope: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const token = env.DX_PULSE_PLATFORM_TOKEN?.trim();
  const url = env.DX_PULSE_PLATFORM_TOKEN_URL;
  return token && url && credentialScope(url) === scope ? token : undefined;
}
