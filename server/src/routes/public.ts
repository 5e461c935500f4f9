// The v1 GET endpoints the extension reads, each with an ETag and 304 for If-None-Match.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../app';
import { deploymentRange } from '../core/deployments';
import { etagOf, notModified } from '../core/etag';
import { repoConfig } from '../db/catalog';
import { repoCiRuns } from '../db/ciRuns';
import { canonicalRepoId } from '../core/repos';
import { serviceDeployments } from '../db/deployments';
import { repoDocs } from '../db/docs';
import { publishedStatuses } from '../db/feedback';
import { HttpError } from '../httpError';
import { requireScope } from './auth';

const segment = { type: 'string', minLength: 1, maxLength: 300 } as const;

function sendCached(req: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  const text = JSON.stringify(body);
  const etag = etagOf(text);
  void reply.header('etag', etag).header('cache-control', 'private, no-cache');
  if (notModified(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).type('application/json; charset=utf-8').send(text);
}

export async function publicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/v1/repos/') || req.url.startsWith('/v1/services/') || req.url.startsWith('/v1/feedback/')) await requireScope(deps.auth, 'ingest')(req, reply);
  });

  app.get<{ Params: { repoId: string } }>('/v1/repos/:repoId/config', { schema: { params: { type: 'object', properties: { repoId: segment } } } }, async (req, reply) => {
    const config = await repoConfig(deps.db, req.params.repoId);
    if (!config) throw new HttpError(404, 'notFound', 'this repository is not registered with the platform');
    return sendCached(req, reply, config);
  });

  app.get<{ Params: { repoId: string } }>('/v1/repos/:repoId/docs', { schema: { params: { type: 'object', properties: { repoId: segment } } } }, async (req, reply) =>
    sendCached(req, reply, await repoDocs(deps.db, req.params.repoId)),
  );

  // The whole list for every install alike (docs/privacy.md, "You said, we did"): asking for
  // one's own report ids would tie an anonymous report to the install that asks.
  app.get('/v1/feedback/statuses', async (req, reply) => sendCached(req, reply, await publishedStatuses(deps.db)));

  app.get<{ Params: { service: string }; Querystring: { since?: string; until?: string } }>(
    '/v1/services/:service/deployments',
    {
      schema: {
        params: { type: 'object', properties: { service: segment } },
        querystring: { type: 'object', properties: { since: { type: 'string', format: 'date-time' }, until: { type: 'string', format: 'date-time' } } },
      },
    },
    async (req, reply) => {
      const range = deploymentRange(req.query, deps.now());
      if ('error' in range) throw new HttpError(400, 'invalidRequest', range.error);
      const resp = await serviceDeployments(deps.db, req.params.service, range.since, range.until);
      if (!resp) throw new HttpError(404, 'notFound', 'no such service');
      return sendCached(req, reply, resp);
    },
  );

  app.get<{ Params: { repoId: string }; Querystring: { since?: string } }>(
    '/v1/repos/:repoId/ci-runs',
    { schema: { params: { type: 'object', properties: { repoId: segment } }, querystring: { type: 'object', properties: { since: { type: 'string', format: 'date-time' } } } } },
    async (req, reply) => {
      // Default and longest: the extension's 90-day window and the one before it.
      const floor = deps.now() - 400 * 86_400_000;
      const asked = req.query.since ? Date.parse(req.query.since) : deps.now() - 180 * 86_400_000;
      const since = new Date(Math.max(asked, floor)).toISOString();
      return sendCached(req, reply, await repoCiRuns(deps.db, canonicalRepoId(req.params.repoId), since));
    },
  );
}
