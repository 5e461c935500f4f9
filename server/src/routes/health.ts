import type { FastifyInstance } from 'fastify';
import type { Deps } from '../app';
import { LATEST_VERSION, schemaVersion } from '../db/migrate';

export async function healthRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // The process is up; says nothing about the database.
  app.get('/healthz', async () => ({ status: 'ok' }));

  // The database answers and every migration is applied.
  app.get('/readyz', async (_req, reply) => {
    const version = await schemaVersion(deps.db).catch(() => -1);
    if (version !== LATEST_VERSION) {
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({ error: { code: 'notReady', message: version < 0 ? 'database unreachable' : `schema version ${version}, expected ${LATEST_VERSION}` } });
    }
    return { status: 'ready', schemaVersion: version, database: deps.db.kind };
  });
}
