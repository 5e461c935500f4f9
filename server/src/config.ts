// What the server reads from its environment and command line. Pure: env and argv come in.
import * as path from 'node:path';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly adminToken: string | undefined;
  readonly retentionDays: number;
  readonly maxInFlight: number;
  readonly logLevel: string;
  readonly minGroup: number;
  readonly oidc?: { issuer: string; clientId: string; clientSecret: string; publicUrl?: string };
  /** Fastify's trustProxy: whose X-Forwarded-Proto / -Host / -For to believe. */
  readonly trustProxy: TrustProxy;
}

/** false; true (any proxy); a number of hops; or addresses and CIDR ranges of the proxies. */
export type TrustProxy = boolean | number | string;

export const HELP = `DX Pulse Platform server

Usage: npm run platform [-- --help]

Environment:
  PORT                        port to listen on (default 8787)
  HOST                        address to listen on (default 127.0.0.1; 0.0.0.0 for all)
  DATABASE_URL                postgres://user:password@host:5432/db for a PostgreSQL server (15+);
                              without it, an embedded PostgreSQL (PGlite) is used
  DX_PLATFORM_DATA            folder of the embedded database (default ./.dx-platform)
  DX_PLATFORM_ADMIN_TOKEN     an admin token of your choice; without it, one is generated
                              at first start and printed once
  DX_PLATFORM_RETENTION_DAYS  raw events older than this are deleted (default 400)
  DX_PLATFORM_MAX_IN_FLIGHT   POST /v1/events requests in flight before 429 (default 64)
  DX_PLATFORM_MIN_GROUP       the dashboard hides any group smaller than this (default 5, at least 3)
  DX_PLATFORM_OIDC_ISSUER     an OpenID Connect issuer URL: the dashboard offers sign-in through it
  DX_PLATFORM_OIDC_CLIENT_ID, DX_PLATFORM_OIDC_CLIENT_SECRET   the dashboard's client at that issuer
  DX_PLATFORM_PUBLIC_URL      the dashboard's URL as the issuer knows it (for the redirect URI)
  DX_PLATFORM_TRUST_PROXY     behind a reverse proxy that terminates TLS: the proxy's addresses or
                              CIDR ranges (comma-separated), a hop count, or true for any; then
                              X-Forwarded-Proto/-Host say the dashboard's origin (default: off)
  LOG_LEVEL                   pino level: fatal, error, warn, info, debug (default info)

Docs: docs/platform-server.md, docs/platform-admin-api.md
`;

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; error: string } | { ok: 'help' };

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number | string {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) return `${name} must be an integer from ${min} to ${max} (got "${raw}")`;
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv, argv: readonly string[], cwd: string): ConfigResult {
  if (argv.includes('--help') || argv.includes('-h')) return { ok: 'help' };
  const unknown = argv.filter((a) => a.startsWith('-'));
  if (unknown.length) return { ok: false, error: `unknown option ${unknown[0]} (see --help)` };
  const port = int(env, 'PORT', 8787, 0, 65535);
  const retentionDays = int(env, 'DX_PLATFORM_RETENTION_DAYS', 400, 1, 100_000);
  const maxInFlight = int(env, 'DX_PLATFORM_MAX_IN_FLIGHT', 64, 1, 100_000);
  const minGroup = int(env, 'DX_PLATFORM_MIN_GROUP', 5, 3, 1000);
  for (const v of [port, retentionDays, maxInFlight, minGroup]) if (typeof v === 'string') return { ok: false, error: v };
  const adminToken = env.DX_PLATFORM_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && (adminToken.length < 16 || !/^[\x21-\x7e]+$/.test(adminToken))) {
    return { ok: false, error: 'DX_PLATFORM_ADMIN_TOKEN must be at least 16 printable characters without spaces' };
  }
  const issuer = env.DX_PLATFORM_OIDC_ISSUER || undefined;
  const clientId = env.DX_PLATFORM_OIDC_CLIENT_ID || undefined;
  const clientSecret = env.DX_PLATFORM_OIDC_CLIENT_SECRET || undefined;
  if (issuer && (!clientId || !clientSecret)) return { ok: false, error: 'DX_PLATFORM_OIDC_ISSUER needs DX_PLATFORM_OIDC_CLIENT_ID and DX_PLATFORM_OIDC_CLIENT_SECRET' };
  if (issuer && !/^https?:\/\//.test(issuer)) return { ok: false, error: 'DX_PLATFORM_OIDC_ISSUER must be an http(s) URL' };
  const trustProxy = readTrustProxy(env.DX_PLATFORM_TRUST_PROXY);
  if (typeof trustProxy === 'object') return { ok: false, error: trustProxy.error };
  return {
    ok: true,
    config: {
      port: port as number,
      host: env.HOST || '127.0.0.1',
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: path.resolve(cwd, env.DX_PLATFORM_DATA || '.dx-platform'),
      adminToken,
      retentionDays: retentionDays as number,
      maxInFlight: maxInFlight as number,
      logLevel: env.LOG_LEVEL || 'info',
      minGroup: minGroup as number,
      trustProxy,
      ...(issuer && clientId && clientSecret ? { oidc: { issuer, clientId, clientSecret, ...(env.DX_PLATFORM_PUBLIC_URL ? { publicUrl: env.DX_PLATFORM_PUBLIC_URL } : {}) } } : {}),
    },
  };
}

const ADDRESS = /^[0-9a-fA-F.:]+(\/\d{1,3})?$/;

function readTrustProxy(raw: string | undefined): TrustProxy | { error: string } {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n >= 1 && n <= 10 ? n : { error: `DX_PLATFORM_TRUST_PROXY: a hop count is 1 to 10 (got "${v}")` };
  }
  const parts = v.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !ADDRESS.test(p));
  if (bad !== undefined) return { error: `DX_PLATFORM_TRUST_PROXY: "${bad}" is not an IP address or CIDR range (expected e.g. 10.0.0.0/8,127.0.0.1, a hop count, true or false)` };
  return parts.join(',');
}
