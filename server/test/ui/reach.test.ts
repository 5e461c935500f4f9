// The numbers the events of #18 bring to the dashboard, in real Chromium: read from the
// Changelog, Surveys, Onboarding and Overview pages and compared with the API (and the
// hand-computed REACH); screenshots in light and dark (test-results/dashboard/reach-*).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_TOKEN, DATABASES, call, startApp, type TestServer } from '../helpers';
import { SEED_NOW, seedTeams } from '../dashboardSeed';
import { REACH, seedReach } from '../reachSeed';
import { launchBrowser, openPage, signInAs } from './browser';

const SHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'dashboard');

describe('dashboard reach in Chromium', function () {
  this.timeout(120_000);
  let s: TestServer;
  let browser: Browser;
  const problems: string[] = [];
  const api = async (p: string) => (await call(s.url, 'GET', p)).json;

  async function signedIn(scheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await signInAs(page, s.url, { token: ADMIN_TOKEN });
    return page;
  }
  const cells = (page: Page, table: string, col: string) => page.getByTestId(table).locator(`td[data-col="${col}"]`).allTextContents();

  before(async () => {
    s = await startApp((await DATABASES[0]!.open()).db, { now: () => SEED_NOW });
    await seedTeams(s.url);
    await seedReach(s.url);
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await s?.db.close();
  });
  afterEach(() => assert.deepEqual(problems.splice(0), [], 'console errors in the page'));

  it('shows each entry\'s reach, the repositories still affected and the unanswered searches as the API does', async () => {
    const page = await signedIn();
    await openPage(page, s.url, 'changelog');
    const c = await api('/admin/v1/insights/changelog');
    const shown = (n: number | null) => (n === null ? 'fewer than 5' : String(n));
    assert.deepEqual(await cells(page, 'reach-table', 'id'), c.entries.map((e: { id: string }) => e.id));
    assert.deepEqual(await cells(page, 'reach-table', 'reached'), c.entries.map((e: { reached: number | null }) => shown(e.reached)));
    assert.deepEqual(await cells(page, 'reach-table', 'opened'), c.entries.map((e: { opened: number | null }) => shown(e.opened)));
    // Newest first. ci-cache: hidden, hidden, 0; node-16, by hand: reached 7, opened 5, notified 6.
    assert.deepEqual(await cells(page, 'reach-table', 'reached'), ['fewer than 5', '7']);
    assert.deepEqual(await cells(page, 'reach-table', 'notified'), ['0', '6']);
    assert.deepEqual(await cells(page, 'reach-table', 'still'), ['', '1']);
    assert.deepEqual(await cells(page, 'affected-table', 'repo'), REACH.node16.stillAffected);
    assert.match((await cells(page, 'affected-table', 'removal'))[0]!, /2026-04-30 \(in 30 days\)/);
    const summary = page.getByTestId('search-summary');
    assert.deepEqual([await summary.getAttribute('data-total'), await summary.getAttribute('data-without')], [String(c.searches.total), String(c.searches.withoutResults)]);
    assert.deepEqual(await cells(page, 'unanswered-table', 'query'), ['vpn setup']);
    assert.deepEqual(await cells(page, 'unanswered-table', 'developers'), [String(REACH.searches.unanswered[0]!.developers)]);
    await page.context().close();
  });

  it('shows the response rate, dismissals and NPS per team as the API does', async () => {
    const page = await signedIn();
    await openPage(page, s.url, 'surveys');
    await page.locator('select[name=survey]').selectOption('dx-pulse');
    await page.getByTestId('response-rate').waitFor();
    const sv = await api('/admin/v1/insights/surveys/dx-pulse');
    assert.equal(await page.getByTestId('response-rate').getAttribute('data-value'), String(sv.prompts.responseRate));
    assert.equal(await page.getByTestId('response-rate').textContent(), '70%');
    assert.equal(await page.getByTestId('prompts-shown').textContent(), String(REACH.prompts.shown));
    assert.deepEqual((await cells(page, 'survey-dismissals', 'n')).map(Number), [sv.prompts.dismissed.remindLater, sv.prompts.dismissed.never, sv.prompts.dismissed.closed]);
    assert.deepEqual(await cells(page, 'nps-by-team', 'team'), ['payments', 'search', 'platform']);
    assert.deepEqual(await cells(page, 'nps-by-team', 'nps'), ['33', 'hidden', 'hidden']);
    assert.equal(await page.getByTestId('survey-nps-value').textContent(), String(REACH.nps.nps));
    await page.context().close();
  });

  it('shows the onboarding stall step and the times since the checklist appeared', async () => {
    const page = await signedIn();
    await openPage(page, s.url, 'onboarding');
    const o = await api('/admin/v1/insights/onboarding');
    assert.equal(await page.getByTestId('stall-step').textContent(), o.funnel.stallStep);
    assert.equal(o.funnel.stallStep, 'build');
    assert.deepEqual(await cells(page, 'funnel-table', 'onStep'), ['5 min', '20 min', '60 min', 'fewer than 5 timed']);
    assert.deepEqual(await cells(page, 'funnel-table', 'fromStart'), ['5 min', '24 min', '80 min', 'fewer than 5 timed']);
    await openPage(page, s.url, 'overview');
    const ov = await api('/admin/v1/insights/overview');
    assert.equal(await page.getByTestId('adoption-7').textContent(), String(ov.adoption[0].developers));
    assert.equal(ov.adoption[0].developers, REACH.activeDevelopers);
    assert.equal(await page.getByTestId('overview-stall-step').textContent(), 'build');
    await page.context().close();
  });

  it('takes screenshots of the pages that show the new numbers, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await signedIn(scheme);
      for (const id of ['changelog', 'onboarding', 'overview']) {
        await openPage(page, s.url, id);
        await page.screenshot({ path: path.join(SHOTS, `reach-${id}-${scheme}.png`), fullPage: true });
      }
      await openPage(page, s.url, 'surveys');
      await page.locator('select[name=survey]').selectOption('dx-pulse');
      await page.getByTestId('response-rate').waitFor();
      await page.screenshot({ path: path.join(SHOTS, `reach-surveys-${scheme}.png`), fullPage: true });
      await page.context().close();
    }
    assert.ok(fs.existsSync(path.join(SHOTS, 'reach-changelog-dark.png')));
  });
});
