// The dashboard in real Chromium: sign in, open every page on the seeded data, read the
// numbers from the page and compare them with the API; viewers, team limits and a forged
// cross-site form; screenshots of every page in light and dark (test-results/dashboard/).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_TOKEN, DATABASES, call, startApp, type TestServer } from '../helpers';
import { EXPECTED, SEED_NOW, seedDashboard } from '../dashboardSeed';
import { launchBrowser, openPage, signInAs } from './browser';

const SHOTS = path.resolve(__dirname, '..', '..', '..', 'test-results', 'dashboard');
const PAGES = ['overview', 'friction', 'onboarding', 'surveys', 'delivery', 'changelog', 'admin'];

describe('dashboard in Chromium', function () {
  this.timeout(120_000);
  let s: TestServer;
  let browser: Browser;
  const problems: string[] = [];
  const api = async (p: string) => (await call(s.url, 'GET', p)).json;

  async function newPage(scheme: 'light' | 'dark' = 'light'): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    return { ctx, page };
  }

  const signIn = (page: Page, who: { token?: string; username?: string; password?: string }) => signInAs(page, s.url, who);
  const open = (page: Page, id: string) => openPage(page, s.url, id);

  before(async () => {
    // The suites' shared in-memory PGlite, emptied for this suite.
    s = await startApp((await DATABASES[0]!.open()).db, { now: () => SEED_NOW });
    await seedDashboard(s.url);
    for (const a of [
      { username: 'vera', password: 'viewer-password-1', role: 'viewer' },
      { username: 'pat', password: 'viewer-password-2', role: 'viewer', teams: ['payments'] },
    ]) {
      assert.equal((await call(s.url, 'POST', '/admin/v1/accounts', { body: a })).status, 201);
    }
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await s?.close();
    await s?.db.close();
  });
  afterEach(() => {
    const p = problems.splice(0);
    assert.deepEqual(p, [], 'console errors or CSP violations in the page');
  });

  it('serves the page with a strict CSP and no inline script or style', async () => {
    const r = await fetch(s.url);
    const csp = r.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!(await r.text()).includes('<script>'));
  });

  it('signs in with the admin token and shows the API numbers on the overview', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { token: ADMIN_TOKEN });
    await open(page, 'overview');
    const o = await api('/admin/v1/insights/overview');
    assert.equal(await page.getByTestId('nps-value').getAttribute('data-value'), String(o.nps.nps));
    assert.equal(await page.getByTestId('nps-value').textContent(), String(EXPECTED.nps.nps));
    assert.equal(await page.getByTestId('onboarding-p50').getAttribute('data-value'), String(o.onboarding.p50Minutes));
    assert.equal(await page.getByTestId('adoption-7').textContent(), String(o.adoption[0].developers));
    assert.equal(await page.getByTestId('adoption-28').textContent(), String(o.adoption[1].developers));
    assert.equal(await page.getByTestId('leadtime-checkout').getAttribute('data-value'), String(o.leadTime.find((x: { service: string }) => x.service === 'checkout').medianMinutes));
    // Every number says its period and n.
    assert.match((await page.getByTestId('card-nps').textContent())!, /over \d+ \w+ 2026 – 31 Mar 2026 · n = 13 respondents/);
    await ctx.close();
  });

  it("answers a newcomer's three questions on the first page after sign-in: top friction, current NPS, worst onboarding step", async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { token: ADMIN_TOKEN });
    // No navigation: the page signing in lands on is the Overview.
    const top = page.getByTestId('top-friction');
    await top.waitFor();
    const f = await api('/admin/v1/insights/friction');
    assert.deepEqual(await top.locator('[data-col="label"]').allTextContents(), f.items.slice(0, 3).map((i: { label: string }) => i.label));
    assert.deepEqual(await top.locator('[data-col="label"]').allTextContents(), ['setup of github.com/acme/shop', 'task build', 'npm test']);
    assert.equal(await page.getByTestId('nps-value').textContent(), String(EXPECTED.nps.nps));
    assert.match((await page.getByTestId('card-onboarding').textContent())!, /Most people stall at the step build\./);
    await ctx.close();
  });

  it('ranks friction as the API does, and an admin sets a report status', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { token: ADMIN_TOKEN });
    await open(page, 'friction');
    const f = await api('/admin/v1/insights/friction');
    const rows = await page.locator('[data-testid="friction-table"] > tbody > tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        label: tr.querySelector(':scope > [data-col="label"] summary')?.textContent,
        developers: Number(tr.querySelector(':scope > [data-col="developers"]')?.textContent),
        impact: Number(tr.querySelector(':scope > [data-col="impact"]')?.textContent),
        frequency: tr.querySelector(':scope > [data-col="frequency"]')?.textContent,
      })),
    );
    assert.deepEqual(
      rows,
      f.items.map((i: { label: string; developers: number; impactMinutes: number; frequency: number }) => ({ label: i.label, developers: i.developers, impact: i.impactMinutes, frequency: `${(i.frequency * 100).toFixed(1)}%` })),
    );
    assert.equal(rows[0]!.label, 'setup of github.com/acme/shop');
    assert.match((await page.getByTestId('hidden').textContent())!, /1 item\(s\) hidden because fewer than 5 developers/);
    // Two reports from two developers: no theme reaches the minimum group, and the page says so.
    const themes = await api('/admin/v1/insights/friction/themes');
    assert.deepEqual([themes.themes, themes.reports], [[], 2]);
    assert.equal(await page.getByTestId('themes-none').textContent(), 'No word or phrase was used by 5 or more developers in these 2 reports.');
    // CSV export of the ranked table: the same rows, aggregates only.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('friction-table').getByRole('button', { name: 'Download CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').split('\n');
    assert.equal(csv[0], '#,Item,Kind,Advice,Developers affected,Weekly frequency,Minutes / developer / week,Minutes lost in total,Friction reports after it failed');
    assert.equal(csv.length, 1 + f.items.length);
    assert.match(csv[1]!, /^1,setup of github.com\/acme\/shop,slow setup,"High frequency, high impact: do this first",5,35.7%,120,600,0$/);
    assert.equal(await page.locator('svg[aria-label="Friction items by frequency and impact"] circle').count(), 3);
    const first = page.getByTestId('reports').locator('li').first();
    await first.locator('select[name=status]').selectOption('planned');
    await first.locator('input[name=changelogId]').fill('ci-cache');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.getByText('Saved').waitFor();
    const r = await api('/admin/v1/insights/friction/reports');
    assert.deepEqual([r.reports[0].status, r.reports[0].changelogId], ['planned', 'ci-cache']);
    await ctx.close();
  });

  it('shows onboarding and survey numbers equal to the API', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { token: ADMIN_TOKEN });
    await open(page, 'onboarding');
    const o = await api('/admin/v1/insights/onboarding');
    assert.equal(await page.getByTestId('first-commit-p50').getAttribute('data-value'), String(o.firstCommit.p50Minutes));
    assert.equal(await page.getByTestId('first-commit-p90').getAttribute('data-value'), String(o.firstCommit.p90Minutes));
    assert.equal(await page.getByTestId('worst-step').textContent(), o.funnel.worstStep);
    const completed = await page.getByTestId('funnel-table').locator('td[data-col="completed"]').allTextContents();
    assert.deepEqual(completed.map(Number), o.funnel.steps.map((x: { completed: number }) => x.completed));
    assert.deepEqual(await page.getByTestId('setup-table').locator('td[data-col="repo"]').allTextContents(), ['github.com/acme/shop']);
    // First day to first production deploy (#13): the API's numbers are EXPECTED.firstDeploy, the page shows them.
    const fd = await api('/admin/v1/insights/onboarding/first-deploy');
    assert.equal(fd.overall.p50Minutes, EXPECTED.firstDeploy.p50Minutes);
    assert.equal(await page.getByTestId('first-deploy-p50').getAttribute('data-value'), String(fd.overall.p50Minutes));
    assert.equal(await page.getByTestId('first-deploy-p50').textContent(), '28.3 h'); // 1699 min
    assert.equal(await page.getByTestId('first-deploy-p90').textContent(), '2.1 d'); // 2993.4 min = 2.08 days
    const week = page.getByTestId('first-deploy-table').locator('tr', { hasText: EXPECTED.firstDeploy.week });
    assert.equal(await week.locator('td[data-col="target"]').textContent(), '2 of 5');

    await open(page, 'surveys');
    const sv = await api('/admin/v1/insights/surveys/platform-nps');
    await page.getByTestId('survey-nps-value').waitFor();
    assert.equal(await page.getByTestId('survey-nps-value').getAttribute('data-value'), String(sv.questions[0].result.nps));
    assert.match((await page.getByTestId('survey-free-text').textContent())!, /Deploys are flaky on Fridays/);
    // Publish a survey from a template, for one team, half of it, monthly.
    await page.locator('select[name=template]').selectOption('docs-findability');
    await page.locator('input[name=teams]').fill('payments');
    await page.locator('input[name=sampling]').fill('0.5');
    await page.locator('select[name=trigger]').selectOption('monthly');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published "docs-findability".').waitFor();
    const stored = (await api('/admin/v1/surveys')).surveys.find((x: { id: string }) => x.id === 'docs-findability');
    assert.deepEqual([stored.template, stored.sampling, stored.trigger, stored.audience], ['docs-findability', 0.5, 'monthly', { teams: ['payments'] }]);
    // Your own questions, built question by question; the page says what the extension would refuse.
    await page.locator('select[name=template]').selectOption('custom');
    await page.locator('input[name=id]').fill('ci-pain');
    await page.locator('input[name=title]').fill('CI pain');
    await page.locator('select[name=q0-type]').selectOption('singleChoice');
    await page.locator('input[name=q0-id]').fill('worst');
    await page.locator('input[name=q0-text]').fill('What slows your CI most?');
    await page.locator('textarea[name=q0-choices]').fill('Flaky tests');
    await page.getByTestId('survey-problems').getByText(/needs at least 2 choices/).waitFor();
    await page.locator('textarea[name=q0-choices]').fill('Flaky tests\nQueue time\nSlow builds');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.locator('select[name=q1-type]').selectOption('nps');
    await page.locator('input[name=q1-id]').fill('ci-nps');
    await page.locator('input[name=q1-subject]').fill('our CI');
    await page.getByTestId('survey-ok').waitFor();
    await page.getByTestId('question-builder').screenshot({ path: path.join(SHOTS, 'survey-builder-light.png') });
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published "ci-pain".').waitFor();
    const built = (await api('/admin/v1/surveys')).surveys.find((x: { id: string }) => x.id === 'ci-pain');
    assert.deepEqual([built.title, built.questions], [
      'CI pain',
      [
        { id: 'worst', type: 'singleChoice', text: 'What slows your CI most?', choices: ['Flaky tests', 'Queue time', 'Slow builds'] },
        { id: 'ci-nps', type: 'nps', subject: 'our CI' },
      ],
    ]);

    await open(page, 'delivery');
    const dl = await api('/admin/v1/insights/delivery');
    const lt = await page.getByTestId('delivery-table').locator('td[data-col="n"]').allTextContents();
    assert.deepEqual(lt.map(Number), dl.services.map((x: { report: { deploymentFrequency: { deployments: number } } }) => x.report.deploymentFrequency.deployments));
    // CI pipeline duration (#13): the page's numbers are the API's, which are EXPECTED.ci.
    const ci = (await api('/admin/v1/insights/ci?window=30')).repos.find((x: { repo?: string }) => x.repo === EXPECTED.ci.repo);
    assert.equal(ci.report.p50Minutes, EXPECTED.ci.p50Minutes);
    const ciRow = page.getByTestId('ci-table').locator('tr', { hasText: EXPECTED.ci.repo });
    assert.match((await ciRow.locator('td[data-col="p50"]').textContent())!, /^10 min/);
    assert.match((await ciRow.locator('td[data-col="p90"]').textContent())!, /^14\.1 min/);
    assert.match((await ciRow.locator('td[data-col="over"]').textContent())!, /^2 \(7 min lost\)/);
    assert.match((await ciRow.locator('td[data-col="failed"]').textContent())!, /^25% \(1 of 4\)/);
    assert.match((await ciRow.locator('td[data-col="flaky"]').textContent())!, /^100% \(1 of 1\)/);
    assert.match((await ciRow.locator('td[data-col="slowest"]').textContent())!, /^test \(6\.5 min\)/);

    await open(page, 'changelog');
    assert.match((await page.getByTestId('changelog-table').textContent())!, /CI cache for builds/);
    assert.equal(await page.getByTestId('preview').locator('strong').first().textContent(), 'dependencies');
    await ctx.close();
  });

  it('takes screenshots of every page in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { ctx, page } = await newPage(scheme);
      await page.goto(s.url);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, `signin-${scheme}.png`) });
      await signIn(page, { token: ADMIN_TOKEN });
      for (const id of PAGES) {
        await open(page, id);
        await page.screenshot({ path: path.join(SHOTS, `${id}-${scheme}.png`), fullPage: true });
      }
      await ctx.close();
    }
    // Readable at 1920 px wide too.
    const { ctx, page } = await newPage('light');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await signIn(page, { token: ADMIN_TOKEN });
    for (const id of ['overview', 'friction']) {
      await open(page, id);
      await page.screenshot({ path: path.join(SHOTS, `${id}-1920-light.png`), fullPage: true });
    }
    await ctx.close();
    for (const id of PAGES) assert.ok(fs.existsSync(path.join(SHOTS, `${id}-dark.png`)));
  });

  it('is keyboard reachable: Tab reaches the page links and Enter opens one', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { token: ADMIN_TOKEN });
    await open(page, 'overview');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)) === 'Friction') break; // eslint-disable-line @typescript-eslint/no-explicit-any
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('main h1')?.textContent === 'Friction'); // eslint-disable-line @typescript-eslint/no-explicit-any
    await ctx.close();
  });

  it('keeps a viewer away from admin pages and routes', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { username: 'vera', password: 'viewer-password-1' });
    const links = await page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allTextContents();
    assert.deepEqual(links, ['Overview', 'Friction', 'Onboarding', 'Surveys', 'Delivery', 'Golden path']);
    const status = await page.evaluate(async () => (await fetch('/admin/v1/tokens')).status);
    assert.equal(status, 403);
    problems.splice(0); // the browser logs the refused fetch
    await open(page, 'friction');
    assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
    await ctx.close();
  });

  it('keeps a team-limited viewer to its team', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { username: 'pat', password: 'viewer-password-2' });
    assert.deepEqual(await page.getByLabel('Team').locator('option').allTextContents(), ['payments']);
    await open(page, 'surveys');
    await page.locator('select[name=survey]').selectOption('platform-nps');
    await page.getByTestId('survey-nps-value').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(SHOTS, 'surveys-team-limited-light.png'), fullPage: true });
    assert.equal(await page.getByTestId('survey-nps-value').textContent(), String(EXPECTED.npsPayments.nps));
    const statuses = await page.evaluate(async () => [(await fetch('/admin/v1/insights/friction?team=search')).status, (await fetch('/admin/v1/insights/nps?surveyId=platform-nps')).status]);
    assert.deepEqual(statuses, [403, 403]);
    problems.splice(0);
    await ctx.close();
  });

  it('refuses a forged form post from another site', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, { token: ADMIN_TOKEN });
    // Another site (localhost is not the same site as 127.0.0.1) with an auto-submitting form.
    const port = new URL(s.url).port;
    const evil = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<form id=f method=post action="http://127.0.0.1:${port}/admin/v1/accounts" enctype="text/plain"><input name='{"username":"eve","password":"eve-password-123","role":"admin","x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    const evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
    const answer = page.waitForResponse((r) => r.url().endsWith('/admin/v1/accounts'));
    await page.goto(evilUrl);
    assert.ok([401, 403, 415].includes((await answer).status()), `status ${(await answer).status()}`);
    evil.close();
    const accounts = await api('/admin/v1/accounts');
    assert.ok(!accounts.accounts.some((a: { username: string }) => a.username === 'eve'));
    problems.splice(0); // the refused post's own console line
    await ctx.close();
  });
});
