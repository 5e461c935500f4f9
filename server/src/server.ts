// Opens the database, migrates, bootstraps the first admin token and builds the app:
// everything main.ts does except reading the environment and listening, so tests share it.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import { isUnavailable, type Db } from './db/db';
import { runMaintenance } from './db/events';
import { migrate } from './db/migrate';
import { openPglite } from './db/pgliteDb';
import { openPostgres } from './db/postgresDb';
import { bootstrapAdminToken } from './db/tokens';

/** Tries to reach the database at start (about a minute) before giving up. */
export const STARTUP_ATTEMPTS = 40;

/** How often retention and the daily rollup run. */
export const MAINTENANCE_EVERY_MS = 60 * 60_000;

export interface Started {
  readonly app: FastifyInstance;
  readonly db: Db;
  /** Set only when this start generated the first admin token. */
  readonly generatedAdminToken?: string;
  close(): Promise<void>;
}

export async function openDb(config: Pick<ServerConfig, 'databaseUrl' | 'dataDir'>, log?: FastifyBaseLogger): Promise<Db> {
  if (config.databaseUrl) return openPostgres({ url: config.databaseUrl, onIdleError: (e) => log?.warn({ err: e.message }, 'database connection lost') });
  return openPglite(config.dataDir);
}

export async function startServer(config: ServerConfig, logger: FastifyBaseLogger | false, db?: Db): Promise<Started> {
  const database = db ?? (await openDb(config, logger || undefined));
  let generatedAdminToken: string | undefined;
  // A database still starting (or restarting) is waited for, not a reason to exit.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(database, async (q) => {
        if (!config.adminToken) generatedAdminToken = await bootstrapAdminToken(q);
      });
      break;
    } catch (e) {
      if (!isUnavailable(e) || attempt >= STARTUP_ATTEMPTS) throw e;
      if (logger) logger.warn({ err: e instanceof Error ? e.message : String(e), attempt }, 'database unavailable at start; retrying');
      await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2000)));
    }
  }
  const app = buildApp({ db: database, adminToken: config.adminToken, maxInFlight: config.maxInFlight, minGroup: config.minGroup, trustProxy: config.trustProxy, ...(config.oidc ? { oidc: config.oidc } : {}), logger });
  const maintain = async () => {
    try {
      const r = await runMaintenance(database, config.retentionDays);
      if (r.deleted) app.log.info({ deleted: r.deleted, retentionDays: config.retentionDays }, 'retention: deleted raw events');
    } catch (e) {
      app.log.warn({ err: e instanceof Error ? e.message : String(e) }, 'retention and rollup run failed; next run in an hour');
    }
  };
  const timer = setInterval(() => void maintain(), MAINTENANCE_EVERY_MS);
  timer.unref();
  app.addHook('onReady', async () => void maintain());
  return {
    app,
    db: database,
    ...(generatedAdminToken ? { generatedAdminToken } : {}),
    async close() {
      clearInterval(timer);
      await app.close();
      await database.close();
    },
  };
}
