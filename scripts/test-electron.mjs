// `npm run test:electron`: the same suites as test:vscode, run by @vscode/test-electron,
// which downloads a desktop VS Code build. Needs internet (a laptop or hosted CI); on
// machines without it, use `npm run test:vscode`. Set VSCODE_EXECUTABLE to use an
// existing installation instead of downloading one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { createDemoWorkspace } from './lib/demoWorkspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const args of [['esbuild.config.mjs'], ['esbuild.config.mjs', '--tests']]) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-electron-'));
const workspace = createDemoWorkspace(path.join(work, 'workspace'));
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.93.0',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`test:electron failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
