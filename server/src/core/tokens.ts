// Bearer tokens: `dxp_<id>_<secret>`. Only sha256(token) is stored; the id finds the row
// and the hashes are compared in constant time. Pure apart from the random source.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type Scope = 'ingest' | 'admin';
export const SCOPES: readonly Scope[] = ['ingest', 'admin'];

export interface NewToken {
  readonly id: string;
  readonly token: string;
  readonly hash: Buffer;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function newToken(random: (n: number) => Buffer = randomBytes): NewToken {
  const id = random(8).toString('hex');
  const token = `dxp_${id}_${random(32).toString('base64url')}`;
  return { id, token, hash: hashToken(token) };
}

/** The id inside a token, or undefined when it is not one of ours. */
export function tokenId(token: string): string | undefined {
  return /^dxp_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/.exec(token)?.[1];
}

export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header ?? '');
  return m?.[1];
}

/** An admin token may do everything an ingest token may. */
export function allows(have: Scope, need: Scope): boolean {
  return have === 'admin' || have === need;
}
