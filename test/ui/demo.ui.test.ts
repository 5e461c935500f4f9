import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openSidebar, runCommand, screenshot, screenshotOnFailure, toast } from './harness';

// `npm run demo` (#18): both halves start, the dashboard serves the seeded organization,
// and the loop closes as a newcomer would do it: report friction in the editor, find it on
// the platform, mark it fixed there, and see "Your reports" and the notification say so.
const root = path.resolve(__dirname, '..', '..');

describe('npm run demo: editor and platform, the loop closed (what a person sees)', function () {
  this.retries(0);
  let demo: ChildProcess | undefined;
  const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-demo-'));
  let out = '';
  let browser: Browser | undefined;
  let page: Page | undefined;
  const urls = { editor: '', dashboard: '', admin: '' };
  const admin = async (method: string, route: string, body?: unknown) => {
    const r = await fetch(`${urls.dashboard}${route}`, { method, headers: { authorization: `Bearer ${urls.admin}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, json: (await r.json().catch(() => undefined)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  before(async function () {
    this.timeout(300_000);
    demo = spawn(process.execPath, [path.join(root, 'scripts', 'demo.mjs')], { cwd: root, env: { ...process.env, DX_PULSE_DEMO_SKIP_PACKAGE: '1', DX_PULSE_DEMO_DIR: demoDir, PORT: '', PLATFORM_PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    demo.stdout!.on('data', (d) => (out += d));
    demo.stderr!.on('data', (d) => (out += d));
    const deadline = Date.now() + 240_000;
    while (!out.includes('Press Ctrl+C')) {
      if (demo.exitCode !== null || Date.now() > deadline) throw new Error(`the demo did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    urls.editor = /Editor:\s+(\S+)/.exec(out)![1]!;
    urls.dashboard = /Dashboard:\s+(\S+?)\/?\s/.exec(out)![1]!;
    urls.admin = /\(admin token\):\s+(\S+)/.exec(out)![1]!;
    const { launchBrowser } = (await import(path.join(root, 'scripts/lib/editor.mjs'))) as { launchBrowser(): Promise<Browser> };
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' })).newPage();
  });
  afterEach(async function () {
    await screenshotOnFailure(this, page);
  });
  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    if (demo && demo.exitCode === null) {
      const exited = new Promise<number | null>((resolve) => demo!.once('exit', (code) => resolve(code)));
      demo.kill('SIGINT');
      assert.equal(await exited, 0, `Ctrl+C stops the demo cleanly:\n${out.slice(-2000)}`);
    }
    fs.rmSync(demoDir, { recursive: true, force: true });
  });

  it('prints both URLs, and the dashboard serves the seeded organization', async () => {
    assert.match(urls.editor, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
    const page0 = await fetch(`${urls.dashboard}/`);
    assert.equal(page0.status, 200);
    assert.match(await page0.text(), /<html/i);
    const o = await admin('GET', '/admin/v1/insights/overview');
    assert.equal(o.status, 200);
    assert.equal(o.json.adoption.find((x: { days: number }) => x.days === 28).developers, 60);
    assert.equal((await admin('GET', '/admin/v1/teams')).json.teams.length, 3);
  });

  it('a friction report reaches the dashboard; marked fixed there, the editor shows it and says so once', async function () {
    this.timeout(300_000);
    const p = page!;
    await p.goto(urls.editor);
    await p.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    const frame = await openSidebar(p);
    await frame.locator('[data-testid="telemetry-state"]').waitFor({ timeout: 60_000 });

    const text = `The demo database needs a manual migration ${Date.now()}`;
    await runCommand(p, 'DX Pulse: Report Friction');
    const input = p.locator('.quick-input-widget input[type="text"]');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await p.keyboard.press('Enter');
    // The demo shares repository names, so the context to send offers the repository: keep it.
    await p.locator('.quick-input-widget', { hasText: 'context to send with it' }).waitFor({ timeout: 30_000 });
    await p.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Repository:' }).waitFor();
    await p.keyboard.press('Enter');
    await toast(p, 'your report is queued').waitFor({ timeout: 30_000 });

    // On the platform, as the friction page lists it.
    let id: string | undefined;
    for (const deadline = Date.now() + 120_000; !id && Date.now() < deadline; await p.waitForTimeout(2000)) {
      id = (await admin('GET', '/admin/v1/insights/friction/reports')).json?.reports?.find((r: { text: string }) => r.text === text)?.id;
    }
    assert.ok(id, 'the report reached the platform');

    const row = frame.locator(`[data-testid="reports"] [data-report-id="${id}"]`);
    await row.waitFor({ timeout: 30_000 });
    assert.equal((await row.locator('[data-testid="report-status"]').textContent())?.trim(), 'No status yet');

    assert.equal((await admin('PUT', `/admin/v1/friction/reports/${id}/status`, { status: 'fixed', changelogId: 'tests-without-vpn' })).status, 200);
    await frame.locator('[data-testid="reports-refresh"]').click();
    await row.and(frame.locator('[data-status="fixed"]')).waitFor({ timeout: 30_000 });
    assert.equal((await row.locator('[data-testid="report-status"]').textContent())?.trim(), 'Fixed');
    const note = toast(p, 'You said, we did');
    await note.waitFor({ timeout: 30_000 });
    await frame.locator('[data-testid="reports"]').scrollIntoViewIfNeeded();
    await screenshot(p, 'reports-dark');

    // "What changed" opens the changelog entry in DX Pulse's doc viewer.
    await note.getByRole('button', { name: 'What changed' }).click();
    await p.locator('.tabs-container .tab', { hasText: 'Integration tests run without the VPN' }).waitFor({ timeout: 30_000 });

    // Once: the action closed the notification, and checking again announces nothing new.
    await note.waitFor({ state: 'detached', timeout: 10_000 });
    await frame.locator('[data-testid="reports-refresh"]').click();
    await p.waitForTimeout(3000);
    assert.equal(await toast(p, 'You said, we did').count(), 0, 'the fix was announced again');

    await runCommand(p, 'Preferences: Toggle between Light/Dark Themes');
    await p.waitForTimeout(1500);
    await frame.locator('[data-testid="reports"]').scrollIntoViewIfNeeded();
    await screenshot(p, 'reports-light');
  });
});
