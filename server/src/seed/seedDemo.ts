// `node --import tsx server/src/seed/seedDemo.ts <platform URL> <admin token>`: seeds the
// demo organization (./demoOrg.ts) into a running platform and prints
// {"ingestToken": ..., "events": ...} on stdout for scripts/demo.mjs.
import { seedDemoOrg } from './demoOrg';

const [base, adminToken] = process.argv.slice(2);
if (!base || !adminToken) {
  process.stderr.write('usage: seedDemo.ts <platform URL> <admin token>\n');
  process.exit(2);
}
seedDemoOrg(base, adminToken, Date.now()).then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e: unknown) => {
    process.stderr.write(`seeding the demo platform failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
