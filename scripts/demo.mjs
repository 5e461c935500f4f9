// `npm run demo`: build and package DX Pulse, generate the demo workspace (a real git
// repository with ten weeks of history), start the real editor on loopback with the
// VSIX installed and the workspace open, and print the URL. Ctrl+C stops everything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVsix, makeUserDataDir, startEditor } from './lib/editor.mjs';
import { createDemoWorkspace } from './lib/demoWorkspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const port = Number(process.env.PORT ?? 0);

const built = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const demoDir = path.join(root, '.demo');
fs.rmSync(demoDir, { recursive: true, force: true });
const workspace = createDemoWorkspace(path.join(demoDir, 'payments-api'));
const userDataDir = makeUserDataDir({ 'workbench.colorTheme': 'Default Dark Modern' });
const extensionsDir = path.join(demoDir, 'extensions');
fs.mkdirSync(extensionsDir, { recursive: true });
installVsix(vsix, { extensionsDir, userDataDir });

const stoppers = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  process.stderr.write('\nStopping the demo…\n');
  for (const stop of stoppers.reverse()) await stop().catch(() => {});
  fs.rmSync(userDataDir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const editor = await startEditor({ userDataDir, extensionsDir, workspace, port });
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
      `  Open: ${url}`,
      `  Workspace: ${workspace} (a real git repository: try its tasks, or commit something)`,
      '  Click the pulse icon in the activity bar to open DX Pulse.',
      '  Press Ctrl+C to stop every process the demo started.',
      '',
    ].join('\n'),
  );
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : e}\n`);
  await stopAll(1);
}
