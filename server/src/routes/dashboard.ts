// The dashboard's static assets at /, from web/dist (built with esbuild at start when
// missing or older than web/src), under a strict Content-Security-Policy: scripts and
// styles only from this origin, no inline code, no framing, forms only to this origin.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../app';

export const WEB_DIR = path.join(__dirname, '..', '..', 'web');
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

interface WebBuild {
  stale(): boolean;
  buildWeb(): Promise<void>;
  DIST: string;
}

/** Builds web/dist when it is missing or older than its sources (needs esbuild, a dev dependency). */
export async function ensureWebBuilt(log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void }): Promise<string> {
  const script = path.join(WEB_DIR, 'build.mjs');
  const dist = path.join(WEB_DIR, 'dist');
  try {
    const b = (await import(script)) as WebBuild;
    if (b.stale()) {
      const t0 = Date.now();
      await b.buildWeb();
      log.info({ ms: Date.now() - t0 }, 'dashboard assets built');
    }
  } catch (e) {
    if (!fs.existsSync(path.join(dist, 'index.html'))) throw e;
    log.warn({ err: e instanceof Error ? e.message : String(e) }, 'could not rebuild the dashboard; serving the assets already built');
  }
  return dist;
}

export async function dashboardRoutes(app: FastifyInstance, _opts: { deps: Deps }): Promise<void> {
  const dist = await ensureWebBuilt(app.log);
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const f of fs.readdirSync(dist)) {
    const type = TYPES[path.extname(f)];
    if (type) files.set(`/${f}`, { body: fs.readFileSync(path.join(dist, f)), type });
  }
  const send = (name: string) => async (_req: unknown, reply: import('fastify').FastifyReply) => {
    const f = files.get(name);
    if (!f) return reply.code(404).send({ error: { code: 'notFound', message: 'dashboard asset missing: run node server/web/build.mjs' } });
    return reply
      .headers({
        'content-type': f.type,
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
        'cache-control': name === '/index.html' ? 'no-cache' : 'public, max-age=300',
      })
      .send(f.body);
  };
  app.get('/', send('/index.html'));
  app.get('/index.html', send('/index.html'));
  app.get('/app.js', send('/app.js'));
  app.get('/app.css', send('/app.css'));
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
}
