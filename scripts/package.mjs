// `npm run package`: a minified production build, then dx-pulse-<version>.vsix.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const vsixPath = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** One packaging run at a time (several terminals or scripts may package at once). */
async function withLock(fn) {
  const lock = path.join(root, '.package.lock');
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const stale = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 5 * 60_000;
      if (stale) fs.rmSync(lock, { recursive: true, force: true });
      if (i === 0) process.stderr.write('waiting for another packaging run to finish…\n');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The bundles require some of their code from sibling files on first use
 * (esbuild.config.mjs); .vscodeignore lists what ships. A file left out would only fail
 * when a feature first needs it, so packaging fails here instead.
 */
function checkShippedRequires() {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(r.status ?? 1);
  }
  const shipped = new Set(r.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
  const missing = new Set();
  for (const f of shipped) {
    if (!f.startsWith('dist/') || !f.endsWith('.js')) continue;
    for (const m of fs.readFileSync(path.join(root, f), 'utf8').matchAll(/require\("\.\/([^"]+)"\)/g)) {
      if (!shipped.has(`dist/${m[1]}`)) missing.add(`${f} requires ./${m[1]}`);
    }
  }
  if (missing.size) {
    process.stderr.write(`The VSIX would miss files its bundles require (add them to .vscodeignore):\n  ${[...missing].join('\n  ')}\n`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await withLock(() => {
    fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    run(process.execPath, ['esbuild.config.mjs', '--production']);
    checkShippedRequires();
    const tmp = `${vsixPath}.tmp.vsix`;
    run(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', tmp]);
    fs.renameSync(tmp, vsixPath); // readers never see a half-written VSIX
  });
}
