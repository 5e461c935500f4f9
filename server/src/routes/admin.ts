import type { FastifyInstance } from 'fastify';
import type { Deps } from '../app';
import { ADMIN_BODY_LIMIT } from '../app';
import { createToken, listTokens, revokeToken } from '../db/tokens';
import { HttpError } from '../httpError';
import { requireScope } from './auth';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } } as const;

export async function adminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    // Only /admin/* lives here; the hook must not fire for other plugins' routes.
    if (req.url.startsWith('/admin/')) await requireScope(deps.auth, 'admin')(req, reply);
  });

  // ---- tokens
  app.post<{ Body: { name: string; scope: 'ingest' | 'admin' } }>(
    '/admin/v1/tokens',
    {
      bodyLimit: ADMIN_BODY_LIMIT,
      schema: {
        body: {
          type: 'object',
          required: ['name', 'scope'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, scope: { enum: ['ingest', 'admin'] } },
        },
      },
    },
    async (req, reply) => reply.code(201).send(await createToken(deps.db, req.body.name, req.body.scope)),
  );
  app.get('/admin/v1/tokens', async () => listTokens(deps.db));
  app.delete<{ Params: { id: string } }>('/admin/v1/tokens/:id', { schema: { params: idParam } }, async (req, reply) => {
    if (!(await revokeToken(deps.db, req.params.id))) throw new HttpError(404, 'notFound', 'no active token with that id');
    deps.auth.forget(req.params.id);
    return reply.code(204).send();
  });
}
