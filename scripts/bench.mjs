// `npm run bench`: one JSON object per line, {"name","value","unit"}; nothing else on
// stdout (progress goes to stderr). Sizes come from a fresh production package; the
// start-up figures from fresh extension-host starts in the real editor (see startups());
// every bench/*.bench.ts adds its own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkbench } from './lib/workbench.mjs';
import { createDemoWorkspace } from './lib/demoWorkspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const emit = (name, value, unit) => {
  if (only.length && !only.some((o) => name.startsWith(o))) return;
  process.stdout.write(JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit }) + '\n');
};
const want = (prefix) => !only.length || only.some((o) => o.startsWith(prefix) || prefix.startsWith(o));

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const r = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
if (r.status !== 0) process.exit(r.status ?? 1);
// Everything the extension host may load: dist/extension.js and the files it requires on
// first use (esbuild.config.mjs); the webview's own scripts are counted apart.
const WEBVIEW_FILES = new Set(['webview.js', 'docViewer.js']);
const hostFiles = fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js') && !WEBVIEW_FILES.has(f));
emit('bundle_extension_bytes', hostFiles.reduce((n, f) => n + fs.statSync(path.join(root, 'dist', f)).size, 0), 'bytes');
emit('bundle_extension_main_bytes', fs.statSync(path.join(root, 'dist/extension.js')).size, 'bytes');
emit('bundle_webview_bytes', fs.statSync(path.join(root, 'dist/webview.js')).size, 'bytes');
emit('vsix_bytes', fs.statSync(vsix).size, 'bytes');

if (want('activate') || want('bundle_startup_bytes')) {
  const s = await startups(9);
  emit('bundle_startup_bytes', s.startupBytes, 'bytes');
  emit('activate_ms', s.activateMs, 'ms');
  emit('activate_total_ms', s.totalMs, 'ms');
  emit('activate_git_total_ms', s.gitMs, 'ms');
  emit('activate_vs_git_ratio', s.ratio, 'ratio');
}
if (want('webview_first_paint_ms') || want('webview_open_e2e_ms')) {
  const { firstPaint, endToEnd } = await webviewFirstPaint(5);
  emit('webview_first_paint_ms', firstPaint, 'ms');
  emit('webview_open_e2e_ms', endToEnd, 'ms');
}

// The core benchmarks, each module in its own process so one cannot skew another.
// The platform server's own benchmarks (server/bench) run the same way.
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const benchFiles = ['bench', 'server/bench'].flatMap((dir) =>
  fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.bench.ts')).sort().map((f) => path.join(root, dir, f)) : [],
);
for (const benchFile of benchFiles) {
  const file = path.relative(root, benchFile);
  process.stderr.write(`[bench] ${file}\n`);
  const code = `import(${JSON.stringify(benchFile)}).then(async (m) => { for (const r of await (m.run ?? m.default.run)()) process.stdout.write(JSON.stringify(r) + '\\n'); })`;
  const res = spawnSync(process.execPath, [tsx, '-e', code], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20 });
  if (res.status !== 0) {
    process.stderr.write(`[bench] ${file} failed with exit code ${res.status}\n`);
    process.exitCode = 1;
    continue;
  }
  for (const line of res.stdout.split('\n').filter(Boolean)) {
    const { name, value, unit } = JSON.parse(line);
    emit(name, value, unit);
  }
}

/**
 * Fresh extension-host starts (page reloads) in one editor window. For each:
 * - activate_ms: the extension's own timing of its activate() call (its log line);
 * - bundle_startup_bytes: the sizes of the extension's bundle files that Node had loaded
 *   when activate() returned, as the same log line names them (from require.cache);
 * - activate_total_ms: what "Developer: Show Running Extensions" shows for DX Pulse, read
 *   from that editor's DOM: VS Code's own activation time, code loading plus the
 *   activate() call (ActivationTimes.codeLoadingTime + activateCallTime);
 * - activate_vs_git_ratio: that figure over the built-in Git extension's in the same view.
 * Medians over the starts; the ratio is the median of the per-window ratios.
 */
async function startups(starts) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-bench-'));
  const wb = await openWorkbench({ vsix, workspace: createDemoWorkspace(path.join(work, 'ws')) });
  const page = wb.page;
  // The view is a virtualised list sorted slowest first: tall enough to render every row.
  await page.setViewportSize({ width: 1400, height: 3200 });
  const runs = [];
  try {
    for (let i = 0; i < starts; i++) {
      if (i > 0) await page.reload();
      const deadline = Date.now() + 60_000;
      let logged;
      while (!logged && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 250));
        logged = readActivations(wb.userDataDir)[i];
      }
      if (!logged) throw new Error('the extension did not log its activation within 60 s');
      const shown = await runningExtensionTimes(page, ['DX Pulse', 'Git']);
      const bytes = logged.files.reduce((n, f) => n + fs.statSync(path.join(wb.extensionPath, 'dist', f)).size, 0);
      process.stderr.write(`[bench] start ${i + 1}: activate() ${logged.ms} ms, loaded ${logged.files.join(', ')} (${bytes} bytes); Running Extensions: DX Pulse ${shown['DX Pulse']} ms, Git ${shown.Git} ms\n`);
      runs.push({ ms: logged.ms, bytes, total: shown['DX Pulse'], git: shown.Git });
    }
  } finally {
    await wb.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    activateMs: median(runs.map((r) => r.ms)),
    startupBytes: Math.max(...runs.map((r) => r.bytes)),
    totalMs: median(runs.map((r) => r.total)),
    gitMs: median(runs.map((r) => r.git)),
    ratio: median(runs.map((r) => r.total / r.git)),
  };
}

/**
 * Opens "Developer: Show Running Extensions" and reads each named extension's activation
 * time from its row ("Activation: 158ms", "Startup Activation: 56ms"), waiting until every
 * one of them shows one.
 */
async function runningExtensionTimes(page, names) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await page.locator('.runtime-extensions-editor .extension').evaluateAll((els) =>
      els.map((e) => ({ name: e.querySelector('.name')?.textContent?.trim(), time: e.querySelector('.activation-time')?.textContent ?? '' })),
    );
    const found = {};
    for (const r of rows) {
      const m = /(\d+(?:\.\d+)?)\s*ms/.exec(r.time);
      if (r.name && names.includes(r.name) && m) found[r.name] = Number(m[1]);
    }
    if (names.every((n) => n in found)) return found;
    if (Date.now() > deadline) throw new Error(`Running Extensions showed no activation time for ${names.filter((n) => !(n in found)).join(', ')}: ${JSON.stringify(rows)}`);
    await page.waitForTimeout(500);
  }
}

/**
 * With a warm metrics cache, the sidebar is hidden (which destroys its webview: no
 * retainContextWhenHidden) and shown again, five times. webview_first_paint_ms: from the
 * webview's HTML having arrived to metric numbers on screen (the webview's own
 * performance.mark), which is what DX Pulse controls: its CSS, script and render from
 * saved state. webview_open_e2e_ms: from the click in the
 * activity bar to the numbers, including the workbench re-creating the webview frame.
 */
async function webviewFirstPaint(samples) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-bench-'));
  const wb = await openWorkbench({ vsix, workspace: createDemoWorkspace(path.join(work, 'ws')) });
  const page = wb.page;
  const item = page.locator('.activitybar [aria-label^="DX Pulse"]').first();
  const explorer = page.locator('.activitybar [aria-label^="Explorer"]').first();
  const number = page.frameLocator('iframe.webview.ready[src*="extensionId=dx-pulse.dx-pulse"]:visible').first().frameLocator('#active-frame').getByTestId('metric-deploymentFrequency');
  const times = [];
  const paints = [];
  try {
    await item.waitFor({ timeout: 60_000 });
    await item.click({ force: true }); // the unread badge covers the icon
    await number.waitFor({ timeout: 60_000 }); // warms the cache
    for (let i = 0; i < samples; i++) {
      await explorer.click();
      await page.waitForTimeout(500);
      const t0 = performance.now();
      await item.click({ force: true }); // the unread badge covers the icon
      await number.waitFor({ timeout: 30_000 });
      times.push(performance.now() - t0);
      const contentFrames = page.frames().filter((f) => f.parentFrame() && f.parentFrame().url().includes('extensionId=dx-pulse.dx-pulse'));
      for (const f of contentFrames) {
        const mark = await f
          .evaluate(() => {
            const paint = performance.getEntriesByName('dx-pulse:metrics-first-paint')[0]?.startTime;
            const nav = performance.getEntriesByType('navigation')[0];
            return paint === undefined || !nav ? undefined : paint - nav.responseEnd;
          })
          .catch(() => undefined);
        if (typeof mark === 'number') {
          paints.push(mark);
          break;
        }
      }
    }
  } finally {
    await wb.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (paints.length === 0) throw new Error('the webview never marked its first paint');
  return { firstPaint: median(paints), endToEnd: median(times) };
}

/** Every activation DX Pulse logged in this user-data dir, oldest first: its time and the bundle files loaded. */
function readActivations(userDataDir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'DX Pulse.log') {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/activated in ([\d.]+) ms; code loaded: ([^\n]*)/g)) out.push({ ms: Number(m[1]), files: m[2].split(', ').filter(Boolean) });
      }
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return out;
}
