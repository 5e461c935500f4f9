// OpenID Connect sign-in (authorization code flow with PKCE, state and nonce), the parts
// without I/O: the authorization URL, and which account name an ID token's claims map to.
import { createHash, randomBytes } from 'node:crypto';

export interface OidcConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The dashboard's own URL as the identity provider knows it; else taken from the request. */
  readonly publicUrl?: string;
}

export interface OidcPending {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

export const OIDC_SCOPE = 'openid email profile';

const b64 = (b: Buffer) => b.toString('base64url');

export function newPending(): OidcPending {
  return { state: b64(randomBytes(24)), nonce: b64(randomBytes(24)), verifier: b64(randomBytes(32)) };
}

export function authorizationUrl(endpoint: string, c: OidcConfig, redirectUri: string, p: OidcPending): string {
  const u = new URL(endpoint);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('client_id', c.clientId);
  u.searchParams.set('redirect_uri', redirectUri);
  u.searchParams.set('scope', OIDC_SCOPE);
  u.searchParams.set('state', p.state);
  u.searchParams.set('nonce', p.nonce);
  u.searchParams.set('code_challenge', b64(createHash('sha256').update(p.verifier).digest()));
  u.searchParams.set('code_challenge_method', 'S256');
  return u.toString();
}

/** The account an ID token signs in as: preferred_username, else email, else sub. */
export function accountNameOf(claims: Record<string, unknown>): string | undefined {
  for (const k of ['preferred_username', 'email', 'sub']) {
    const v = claims[k];
    if (typeof v === 'string' && v.length > 0 && v.length <= 100) return v;
  }
  return undefined;
}
