// The golden-path page in real Chromium, on the hand-computed seed: the numbers the page
// shows are the API's, and screenshots in light and dark (test-results/dashboard/).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TOKEN, DATABASES, call, startApp, type TestServer } from '../helpers';
import { SEED_NOW, seedTeams } from '../dashboardSeed';
import { GOLDEN_EXPECTED, seedGoldenPath } from '../goldenPathSeed';
import { launchBrowser, signInAs } from './browser';

const SHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'dashboard');

describe('golden-path page in Chromium', function () {
  this.timeout(120_000);
  let s: TestServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    s = await startApp((await DATABASES[0]!.open()).db, { now: () => SEED_NOW });
    await seedTeams(s.url);
    await seedGoldenPath(s.url);
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await s?.db.close();
  });

  async function openPage(scheme: 'light' | 'dark'): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 1100 }, colorScheme: scheme });
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await signInAs(page, s.url, { token: ADMIN_TOKEN });
    await page.getByRole('link', { name: 'Golden path' }).click();
    await page.getByTestId('golden-repos-share').waitFor();
    return page;
  }

  it('shows the shares, the worst check and the per-check table the API gives', async () => {
    const page = await openPage('light');
    const apiAnswer = (await call(s.url, 'GET', '/admin/v1/insights/golden-path?days=28')).json;
    assert.equal(Number(await page.getByTestId('golden-repos-share').getAttribute('data-value')), apiAnswer.repos.share);
    assert.equal(apiAnswer.repos.share, GOLDEN_EXPECTED.repos.share);
    assert.equal(await page.getByTestId('golden-repos-share').textContent(), '67%');
    assert.equal(await page.getByTestId('golden-teams-share').textContent(), '50%');
    assert.equal(await page.getByTestId('golden-worst-check').textContent(), 'approved-image');
    assert.equal(Number(await page.getByTestId('golden-worst-developers').getAttribute('data-value')), apiAnswer.mostAffecting.developers);
    const rows = await page.getByTestId('golden-checks-table').locator('tbody tr').allTextContents();
    assert.equal(rows.length, apiAnswer.checks.length);
    assert.match(rows[0]!, /approved-image\s*67% \(2 of 3\)\s*1\s*6/);
    const repos = await page.getByTestId('golden-repos-table').locator('tbody tr').allTextContents();
    assert.match(repos[0]!, /github\.com\/acme\/search\s*search\s*2 of 3\s*approved-image/);
    const weeks = await page.getByTestId('golden-check-weeks-table').locator('tbody tr').allTextContents();
    assert.equal(weeks.length, apiAnswer.weeks.length);
    assert.match(weeks[1]!, /2026-03-09\s*100% \(1 of 1\)\s*100% \(1 of 1\)\s*0% \(0 of 1\)/);
    await page.screenshot({ path: path.join(SHOTS, 'golden-path-light.png'), fullPage: true });
    await page.context().close();
    const dark = await openPage('dark');
    await dark.screenshot({ path: path.join(SHOTS, 'golden-path-dark.png'), fullPage: true });
    await dark.context().close();
    assert.deepEqual(problems, []);
  });
});
