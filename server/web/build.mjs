// Builds the dashboard (Preact + Observable Plot) into web/dist with esbuild: one script,
// one stylesheet, index.html. `node web/build.mjs [--watch]`; the server also calls
// buildWeb() at start when dist is missing or older than the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(here, 'dist');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist is missing or older than web/src or index.html. */
export function stale() {
  const out = path.join(DIST, 'app.js');
  if (!fs.existsSync(out)) return true;
  const built = fs.statSync(out).mtimeMs;
  return newest(path.join(here, 'src')) > built || fs.statSync(path.join(here, 'index.html')).mtimeMs > built;
}

export async function buildWeb({ watch = false } = {}) {
  const esbuild = await import('esbuild');
  fs.mkdirSync(DIST, { recursive: true });
  // Built into a folder of its own, then renamed file by file, so a server process that
  // starts while another builds never reads half a file.
  const out = watch ? DIST : fs.mkdtempSync(path.join(here, '.build-'));
  const opts = {
    entryPoints: { app: path.join(here, 'src', 'main.tsx') },
    outdir: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    minify: !watch,
    sourcemap: watch ? 'inline' : false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  };
  if (watch) {
    const ctx = await esbuild.context(opts);
    await ctx.watch();
    fs.copyFileSync(path.join(here, 'index.html'), path.join(DIST, 'index.html'));
    return;
  }
  try {
    await esbuild.build(opts);
    fs.copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
    for (const f of fs.readdirSync(out)) fs.renameSync(path.join(out, f), path.join(DIST, f));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildWeb({ watch: process.argv.includes('--watch') });
}
