// `npm run demo`: both halves of the product on loopback. Builds and packages DX Pulse,
// starts the DX Pulse Platform on its embedded database seeded with a believable
// organization (server/src/seed/demoOrg.ts), generates the demo workspace (a real git
// repository with ten weeks of history), starts the real editor with the VSIX installed,
// signed in to that platform, and prints both URLs. Ctrl+C stops everything.
// DX_PULSE_DEMO_SKIP_PACKAGE=1 reuses the VSIX already built (the demo's own test).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix, makeUserDataDir, startEditor } from './lib/editor.mjs';
import { createDemoWorkspace } from './lib/demoWorkspace.mjs';
import { startPlatformServer } from './lib/platformServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const port = Number(process.env.PORT ?? 0);

if (process.env.DX_PULSE_DEMO_SKIP_PACKAGE !== '1' || !fs.existsSync(vsix)) {
  // stdout stays for the URLs: the build's own output goes to stderr
  const built = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// DX_PULSE_DEMO_DIR: somewhere else than .demo/ (the demo's own test uses a temp folder)
const demoDir = process.env.DX_PULSE_DEMO_DIR ? path.resolve(process.env.DX_PULSE_DEMO_DIR) : path.join(root, '.demo');
fs.rmSync(demoDir, { recursive: true, force: true });
const workspace = createDemoWorkspace(path.join(demoDir, 'payments-api'));
const stoppers = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  process.stderr.write('\nStopping the demo…\n');
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

let userDataDir;
try {
  process.stderr.write('Starting the DX Pulse Platform on its embedded database…\n');
  const platform = await startPlatformServer(root, path.join(demoDir, 'platform-data'), Number(process.env.PLATFORM_PORT ?? 0));
  stoppers.push(platform.stop);
  process.stderr.write('Seeding a demo organization: 3 teams, 60 developers, 90 days…\n');
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'src', 'seed', 'seedDemo.ts'), platform.url, platform.adminToken], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 2] });
  if (seeded.status !== 0) throw new Error('seeding the demo platform failed (see above)');
  const { ingestToken } = JSON.parse(seeded.stdout.trim().split('\n').pop());

  // The editor talks to that platform: its URL in the user settings, the ingest token
  // made through the admin API in the environment (bound to that URL, see PlatformAuth).
  userDataDir = makeUserDataDir({ 'workbench.colorTheme': 'Default Dark Modern', 'dxPulse.platform.url': platform.url, 'dxPulse.privacy.shareRepoNames': true });
  const extensionsDir = path.join(demoDir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  installVsix(vsix, { extensionsDir, userDataDir });
  const env = { DX_PULSE_PLATFORM_TOKEN: ingestToken, DX_PULSE_PLATFORM_TOKEN_URL: platform.url };
  const editor = await startEditor({ userDataDir, extensionsDir, workspace, port, env });
  stoppers.push(editor.stop);
  editor.proc.on('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`The editor exited unexpectedly (code ${code}).\n${editor.output()}\n`);
      void stopAll(1);
    }
  });
  const url = `${editor.url}/?folder=${encodeURIComponent(workspace)}`;
  process.stdout.write(
    [
      '',
      'DX Pulse demo is running.',
      `  Editor:    ${url}`,
      `  Dashboard: ${platform.url}/`,
      `  Dashboard sign-in (admin token): ${platform.adminToken}`,
      `  Workspace: ${workspace} (a real git repository: try its tasks, or commit something)`,
      '  In the editor, click the pulse icon in the activity bar, then Report friction; on the',
      "  dashboard's Friction page, mark your report Fixed; back in the editor, DX Pulse says so.",
      '  Press Ctrl+C to stop every process the demo started.',
      '',
    ].join('\n'),
  );
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
  await stopAll(1);
}
