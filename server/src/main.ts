// `npm run platform`: reads DX_PLATFORM_* / PORT / HOST / DATABASE_URL, starts, listens,
// logs one line with its URL; SIGTERM or SIGINT drains requests in flight, then exits.
import pino from 'pino';
import { HELP, readConfig } from './config';
import { startServer } from './server';

async function main(): Promise<void> {
  const r = readConfig(process.env, process.argv.slice(2), process.cwd());
  if (r.ok === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (!r.ok) {
    process.stderr.write(`dx-platform: ${r.error}\n`);
    process.exitCode = 2;
    return;
  }
  const config = r.config;
  const log = pino({ level: config.logLevel, redact: ['req.headers.authorization'] });
  const s = await startServer(config, log);
  if (s.generatedAdminToken) {
    // Printed once, on stdout rather than through the log, so it never reaches a log store.
    process.stdout.write(
      `\nNo DX_PLATFORM_ADMIN_TOKEN was set, so an admin token was generated. It is shown only now:\n\n  ${s.generatedAdminToken}\n\nKeep it in a password manager; make more with POST /admin/v1/tokens.\n\n`,
    );
  }
  const where = config.databaseUrl ? 'PostgreSQL' : `embedded PostgreSQL in ${config.dataDir}`;
  // Fastify logs this one line per address it listens on.
  await s.app.listen({ port: config.port, host: config.host, listenTextResolver: (address) => `DX Pulse Platform listening on ${address} (${where})` });

  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    s.app.log.info({ signal }, 'draining requests in flight, then exiting');
    s.close().then(
      () => process.exit(0),
      (e: unknown) => {
        s.app.log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`dx-platform: could not start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
