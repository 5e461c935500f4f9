import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from '../auth';
import type { Scope } from '../core/tokens';
import { HttpError } from '../httpError';

declare module 'fastify' {
  interface FastifyRequest {
    tokenId?: string;
  }
}

/** An onRequest hook: refuses the request before its body is read unless the token allows `need`. */
export function requireScope(auth: Authenticator, need: Scope) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const r = await auth.check(req.headers.authorization, need);
    if (!r.ok) throw new HttpError(r.status, r.status === 401 ? 'unauthorized' : 'forbidden', r.message);
    req.tokenId = r.tokenId;
  };
}
