import type { FastifyInstance } from 'fastify';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from '../../../src/core/platform/contract';
import type { Deps } from '../app';
import { ingestEvents } from '../db/events';
import { HttpError } from '../httpError';
import { requireScope } from './auth';

/** Seconds a shed request should wait. */
export const SHED_RETRY_AFTER_S = 1;

const responseSchema = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected'],
  properties: {
    accepted: { type: 'array', items: { type: 'string' } },
    duplicates: { type: 'array', items: { type: 'string' } },
    rejected: { type: 'array', items: { type: 'object', required: ['id', 'reason'], properties: { id: { type: 'string' }, reason: { type: 'string' } } } },
  },
} as const;

export async function ingestRoutes(app: FastifyInstance, { deps, maxInFlight }: { deps: Deps; maxInFlight: number }): Promise<void> {
  let inFlight = 0;
  // Shedding comes first and costs nothing: no token lookup, no body read.
  app.addHook('onRequest', async (_req, reply) => {
    if (inFlight >= maxInFlight) {
      throw new HttpError(429, 'overloaded', 'too many requests in flight; retry after the given seconds', {}, { 'retry-after': String(SHED_RETRY_AFTER_S) });
    }
    inFlight++;
    // 'close' fires once the answer is sent or the connection is gone, whichever comes first.
    reply.raw.once('close', () => inFlight--);
  });
  app.addHook('onRequest', requireScope(deps.auth, 'ingest'));

  app.post(
    '/v1/events',
    {
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        // The envelope shape; each event is then checked on its own against the contract
        // and its kind's schema (core/ingest.ts), so one bad event costs only itself.
        body: { type: 'object', required: ['events'], properties: { events: { type: 'array', minItems: 1, maxItems: MAX_BATCH_EVENTS } } },
        response: { 200: responseSchema },
      },
    },
    async (req, reply) => {
      const r = await ingestEvents(deps.db, req.body, req.tokenId ?? null);
      const rejected = r.ok ? r.response.rejected : r.rejected;
      // Ids and reasons only: never event contents. A platform team sees why events are refused.
      if (rejected.length) req.log.info({ tokenId: req.tokenId, rejected: rejected.length, first: rejected[0] }, 'events rejected');
      if (!r.ok) throw new HttpError(400, 'invalidEvents', r.message, { rejected: r.rejected });
      return reply.code(200).send(r.response);
    },
  );
}
