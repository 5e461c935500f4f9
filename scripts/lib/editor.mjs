// Installs and starts the real editor used by the test and demo scripts: code-server
// from the npm registry (it embeds VS Code), because these machines cannot download a
// VS Code build. Everything is cached outside the repo, keyed by version.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const cacheRoot = process.env.DX_PULSE_CACHE ?? path.join(os.homedir(), '.cache', 'dx-pulse');
export const editorDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const entry = path.join(editorDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const doneMarker = path.join(editorDir, '.installed');

const APT_PACKAGES = { chromium: 'chromium', rg: 'ripgrep' };

function log(msg) {
  process.stderr.write(`[editor] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: ['ignore', 2, 2], ...opts }); // stdout stays clean for machine-readable output
  if (res.status !== 0) {
    throw new Error(`'${cmd} ${args.join(' ')}' failed with exit code ${res.status} in ${opts.cwd ?? process.cwd()}`);
  }
}

function which(bin) {
  const res = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

function hasDebPackage(name) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.includes('install ok installed');
}

/** Installs the Debian packages the editor and the browser need, or says exactly what to install. */
export function ensureSystemPackages() {
  const missing = [];
  for (const [bin, pkg] of Object.entries(APT_PACKAGES)) if (!which(bin)) missing.push(pkg);
  if (!hasDebPackage('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !which('apt-get')) {
    throw new Error(
      `DX Pulse tests need these system packages: ${missing.join(' ')}.\n` +
        `Install them, e.g.: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function chromiumPath() {
  const p = process.env.CHROMIUM_PATH ?? which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
  if (!p) throw new Error('No Chromium found. Install it: sudo apt-get install -y chromium (or set CHROMIUM_PATH).');
  return p;
}

/** Installs code-server into the cache once (about 2 minutes) and returns its entry script. */
export function ensureEditor() {
  ensureSystemPackages();
  if (fs.existsSync(doneMarker)) return entry;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${editorDir} (once; later runs reuse it)`);
  fs.rmSync(editorDir, { recursive: true, force: true });
  fs.mkdirSync(editorDir, { recursive: true });
  fs.writeFileSync(path.join(editorDir, 'package.json'), '{"name":"dx-pulse-editor-cache","private":true}\n');
  const env = { ...process.env, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  const npm = (args, cwd) => run('npm', args, { cwd, env });
  npm(['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-save', '--no-package-lock'], editorDir);
  const vscodeDir = path.join(editorDir, 'node_modules', 'code-server', 'lib', 'vscode');
  npm(['install', '--omit=dev', '--ignore-scripts', '--no-package-lock'], vscodeDir);
  // @vscode/ripgrep would download rg from the internet; give it Debian's instead.
  const rgBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  if (!fs.existsSync(path.join(rgBin, 'rg'))) fs.symlinkSync(which('rg'), path.join(rgBin, 'rg'));
  npm(['rebuild'], vscodeDir);
  const asar = path.join(vscodeDir, 'node_modules.asar');
  if (!fs.existsSync(asar)) fs.symlinkSync('node_modules', asar);
  npm(['install', '--omit=dev', '--no-package-lock'], path.join(vscodeDir, 'extensions'));
  npm(['rebuild', 'argon2'], editorDir);
  fs.writeFileSync(doneMarker, new Date().toISOString());
  log('code-server installed');
  return entry;
}

/** Writes a user-data dir with settings that keep the tests free of dialogs. */
export function makeUserDataDir(extraSettings = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-ud-'));
  fs.mkdirSync(path.join(dir, 'User'), { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'all',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    ...extraSettings,
  };
  fs.writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return dir;
}

/** Installs a VSIX into an extensions dir with code-server's own installer. */
export function installVsix(vsix, { extensionsDir, userDataDir }) {
  run(process.execPath, [ensureEditor(), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force']);
}

/**
 * Starts code-server on a free loopback port. Resolves once it listens.
 * Returns { url, port, proc, stop() }.
 */
export async function startEditor({ userDataDir, extensionsDir, workspace, env = {}, port = 0, quiet = true }) {
  const entryJs = ensureEditor();
  const chosen = port || (await freePort());
  const args = [entryJs, '--auth', 'none', '--bind-addr', `127.0.0.1:${chosen}`, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'];
  if (workspace) args.push(workspace);
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let output = '';
  const onData = (d) => {
    output += d.toString();
    if (!quiet) process.stderr.write(d);
  };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
    });
  return { url: `http://127.0.0.1:${chosen}`, port: chosen, proc, stop, output: () => output };
}

export async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Launches Debian's Chromium headless through playwright-core. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}
