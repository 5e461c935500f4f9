// The dashboard on the demo organization (npm run demo, #18) in real Chromium: the pages
// a newcomer opens first show the seeded numbers; screenshots in light and dark
// (test-results/dashboard/demo-*.png).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_EXPECTED, seedDemoOrg } from '../../src/seed/demoOrg';
import { ADMIN_TOKEN, DATABASES, startApp, type TestServer } from '../helpers';
import { launchBrowser, openPage, signInAs } from './browser';

const SHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'dashboard');
const NOW = Date.UTC(2026, 5, 15, 12);

describe('dashboard on the demo organization in Chromium', function () {
  this.timeout(180_000);
  let s: TestServer;
  let browser: Browser;

  before(async () => {
    s = await startApp((await DATABASES[0]!.open()).db, { now: () => NOW });
    await seedDemoOrg(s.url, ADMIN_TOKEN, NOW);
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await s?.db.close();
  });

  async function signedIn(scheme: 'light' | 'dark'): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme })).newPage();
    await signInAs(page, s.url, { token: ADMIN_TOKEN });
    return page;
  }

  async function open(page: Page, id: string): Promise<string> {
    await openPage(page, s.url, id);
    return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`shows the seeded organization (${scheme})`, async () => {
      const page = await signedIn(scheme);
      const overview = await open(page, 'overview');
      assert.match(overview, new RegExp(`\\b${DEMO_EXPECTED.activeLast28Days}\\b`), 'the 60 active developers');
      assert.match(overview, new RegExp(`\\b${DEMO_EXPECTED.nps.nps}\\b`), 'the NPS of the latest round');
      await page.screenshot({ path: path.join(SHOTS, `demo-overview-${scheme}.png`), fullPage: true });
      const friction = await open(page, 'friction');
      // the mirror timeouts hit almost everyone, for over half an hour a week each
      assert.match(await page.locator('main table tr', { hasText: 'npm install' }).first().innerText(), /do this first/);
      assert.match(friction, /Deploys are flaky on Fridays/);
      await page.screenshot({ path: path.join(SHOTS, `demo-friction-${scheme}.png`), fullPage: true });
      // #13 on the demo's data: golden path, CI duration, time to first production deploy.
      await open(page, 'golden-path');
      assert.equal(await page.getByTestId('golden-repos-share').getAttribute('data-value'), '0.5');
      assert.equal(await page.getByTestId('golden-worst-check').textContent(), 'node-20');
      await page.screenshot({ path: path.join(SHOTS, `demo-golden-path-${scheme}.png`), fullPage: true });
      await open(page, 'delivery');
      assert.equal(await page.getByTestId('ci-table').locator('tbody tr').count(), 4);
      await page.screenshot({ path: path.join(SHOTS, `demo-delivery-${scheme}.png`), fullPage: true });
      await open(page, 'onboarding');
      await page.getByTestId('first-deploy-overall').waitFor();
      await page.screenshot({ path: path.join(SHOTS, `demo-onboarding-${scheme}.png`), fullPage: true });
      await page.context().close();
    });
  }
});
