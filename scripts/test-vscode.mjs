// `npm run test:vscode`: the mocha suites under test/vscode, run inside a real VS Code
// extension host (code-server from the npm registry, driven by headless Chromium),
// against the packaged VSIX. `npm run package` must have run first (npm test does).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkbench } from './lib/workbench.mjs';
import { createDemoWorkspace } from './lib/demoWorkspace.mjs';
import { startWorkbenchProbe } from './lib/workbenchProbe.mjs';
import { startPlatformServer } from './lib/platformServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
if (!fs.existsSync(vsix)) {
  console.error(`${path.basename(vsix)} not found: run 'npm run package' first (npm test does it for you).`);
  process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-vscode-test-'));
// Each run builds its suites and copies the VSIX into its own folder, so runs can overlap.
const testsDir = path.join(work, 'tests');
const build = spawnSync(process.execPath, ['esbuild.config.mjs', '--tests', `--outdir=${testsDir}`], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const vsixCopy = path.join(work, path.basename(vsix));
fs.copyFileSync(vsix, vsixCopy);

const workspace = createDemoWorkspace(path.join(work, 'workspace'));
const report = path.join(work, 'report.txt');
const timeoutMs = Number(process.env.DX_PULSE_TEST_TIMEOUT_MS ?? 8 * 60_000);

// The real platform server, for the suite that delivers to it (test/vscode/platform.test.ts).
const platform = await startPlatformServer(root, path.join(work, 'platform-data'));

// Lets the suites see and click what the workbench shows (see workbenchProbe.mjs).
let page;
const probe = await startWorkbenchProbe(() => page);
const wb = await openWorkbench({
  vsix: vsixCopy,
  workspace,
  testsPath: path.join(testsDir, 'index.js'),
  env: { DX_PULSE_TEST_REPORT: report, DX_PULSE_TEST_GREP: process.env.DX_PULSE_TEST_GREP ?? '', DX_PULSE_WORKBENCH_PROBE: probe.url, DX_PULSE_TEST_PLATFORM_URL: platform.url, DX_PULSE_TEST_PLATFORM_ADMIN: platform.adminToken },
});
page = wb.page;
let code = 1;
try {
  code = await Promise.race([
    wb.exit,
    new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
  ]);
  if (code === 'timeout') {
    console.error(`the extension-host tests did not finish within ${timeoutMs / 1000} s`);
    await wb.page.screenshot({ path: path.join(root, 'test-results', 'vscode-timeout.png') }).catch(() => {});
    code = 1;
  }
} finally {
  if (fs.existsSync(report)) process.stdout.write(fs.readFileSync(report, 'utf8'));
  else console.error(`no report from the extension host. Browser log:\n${wb.logs.join('\n')}\nEditor output:\n${wb.editor.output()}`);
  await wb.close();
  await probe.close();
  await platform.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(typeof code === 'number' ? code : 1);
