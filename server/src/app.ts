// The Fastify instance: body parsing, errors in the contract's ApiError shape, and one
// plugin per area, each registering its own routes and hooks.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { MAX_BATCH_BYTES } from '../../src/core/platform/contract';
import { Access } from './access';
import { Authenticator } from './auth';
import { minGroupSize } from './core/insights/suppression';
import type { OidcConfig } from './core/oidc';
import { oidcRoutes } from './routes/oidc';
import { findUnstorableString, parseJsonBody } from './core/jsonBody';
import type { Db } from './db/db';
import { DbUnavailableError } from './db/db';
import { HttpError } from './httpError';
import { adminRoutes } from './routes/admin';
import { dashboardRoutes } from './routes/dashboard';
import { healthRoutes } from './routes/health';
import { ingestRoutes } from './routes/ingest';
import { publicRoutes } from './routes/public';
import { insightRoutes } from './routes/insights';
import { sessionRoutes } from './routes/session';
import type { TrustProxy } from './config';

export interface AppOptions {
  readonly db: Db;
  /** DX_PLATFORM_ADMIN_TOKEN, when set. */
  readonly adminToken?: string;
  /** Requests to POST /v1/events in flight before more get 429. */
  readonly maxInFlight?: number;
  /** A pino logger, or false for none (tests). */
  readonly logger?: FastifyBaseLogger | boolean | object;
  readonly now?: () => number;
  /** DX_PLATFORM_MIN_GROUP: smallest group the dashboard shows (default 5, never below 3). */
  readonly minGroup?: number;
  /** DX_PLATFORM_OIDC_*: sign-in through an OpenID provider. */
  readonly oidc?: OidcConfig;
  /** Serve the dashboard at / (default true). */
  readonly dashboard?: boolean;
  /** DX_PLATFORM_TRUST_PROXY (default false): believe X-Forwarded-* from these proxies. */
  readonly trustProxy?: TrustProxy;
}

export interface Deps {
  readonly db: Db;
  readonly auth: Authenticator;
  /** Bearer tokens or dashboard sessions, for /admin/ and the dashboard. */
  readonly access: Access;
  readonly minGroup: number;
  /** Whether the sign-in page offers the identity provider. */
  readonly oidc: boolean;
  readonly now: () => number;
}

/** Seconds a client should wait after a 503 for an unreachable database. */
export const DB_RETRY_AFTER_S = 5;
/** Largest admin request body (survey, docs or repo lists). */
export const ADMIN_BODY_LIMIT = 5_000_000;

export function buildApp(opts: AppOptions): FastifyInstance {
  const loggerOpt = opts.logger ?? false;
  const app = Fastify({
    ...(typeof loggerOpt === 'object' && 'child' in loggerOpt ? { loggerInstance: loggerOpt as FastifyBaseLogger } : { logger: loggerOpt === true ? { redact: ['req.headers.authorization'] } : loggerOpt }),
    bodyLimit: MAX_BATCH_BYTES,
    // Behind a TLS-terminating proxy, req.protocol and req.host are what the browser used
    // (the Origin check, Secure cookies, the OIDC redirect) only when the proxy is trusted.
    trustProxy: fastifyTrustProxy(opts.trustProxy ?? false),
    // Repo ids are percent-encoded URLs (github.com%2Facme%2Fshop) and can be long.
    routerOptions: { maxParamLength: 500 },
    // One line per request would cost more than the insert at full ingest load.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Keep ajv from coercing or inventing values: a wrong type is a 400, not a guess.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
  });
  const auth = new Authenticator(opts.db, opts.adminToken);
  const now = opts.now ?? Date.now;
  const deps: Deps = { db: opts.db, auth, access: new Access(opts.db, auth, now), minGroup: minGroupSize(opts.minGroup), oidc: opts.oidc !== undefined, now };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    // An empty body is an empty object (curl -X PUT with the header); routes that need fields say so.
    if (body === '') return done(null, {});
    const r = parseJsonBody(body as string);
    if (r.ok) done(null, r.value);
    else done(new HttpError(400, r.code, r.message), undefined);
  });

  // A NUL character or a lone surrogate cannot be stored or compared by PostgreSQL (text and
  // jsonb): refused here for every path, query and body, so no route answers 500 for it.
  // Ingest refuses such events one by one instead, and stores the rest of the batch.
  app.addHook('preValidation', async (req) => {
    const bad = findUnstorableString([req.params, req.query, req.routeOptions.url === '/v1/events' ? null : req.body]);
    if (bad !== undefined) throw new HttpError(400, 'invalidRequest', 'a string holds a NUL character or a lone surrogate, which the database cannot store');
  });

  app.setErrorHandler((err: FastifyError | HttpError | DbUnavailableError, req, reply) => {
    if (err instanceof HttpError) {
      void reply.headers(err.headers).code(err.statusCode).send({ error: { code: err.code, message: err.message }, ...err.extra });
      return;
    }
    if (err instanceof DbUnavailableError) {
      req.log.warn({ err: err.message }, 'database unavailable');
      void reply.header('retry-after', String(DB_RETRY_AFTER_S)).code(503).send({ error: { code: 'unavailable', message: 'the database is unreachable; retry later' } });
      return;
    }
    const e = err as FastifyError;
    if (e.validation) {
      void reply.code(400).send({ error: { code: 'invalidRequest', message: e.message.slice(0, 300) } });
      return;
    }
    const status = e.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = ({ 413: 'tooLarge', 415: 'unsupportedMediaType', 400: 'badRequest' } as Record<number, string>)[status] ?? 'clientError';
      void reply.code(status).send({ error: { code, message: e.message.slice(0, 300) } });
      return;
    }
    req.log.error({ err: e }, 'request failed');
    void reply.code(500).send({ error: { code: 'internal', message: 'internal server error' } });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: { code: 'notFound', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
  });

  void app.register(healthRoutes, { deps });
  void app.register(ingestRoutes, { deps, maxInFlight: opts.maxInFlight ?? 64 });
  void app.register(publicRoutes, { deps });
  void app.register(adminRoutes, { deps });
  void app.register(sessionRoutes, { deps });
  void app.register(insightRoutes, { deps });
  if (opts.oidc) void app.register(oidcRoutes, { deps, oidc: opts.oidc });
  if (opts.dashboard !== false) void app.register(dashboardRoutes, { deps });
  return app;
}

/** A hop count as the function Fastify's types take (what proxy-addr does with a number). */
function fastifyTrustProxy(t: TrustProxy): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof t === 'number' ? (_address, hop) => hop < t : t;
}
