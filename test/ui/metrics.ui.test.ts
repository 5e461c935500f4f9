import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openSidebar, screenshot, useWorkbench } from './harness';

const DAY = 86_400_000;

/**
 * Runs in the webview: each element's text contrast against the first opaque background
 * behind it (WCAG relative luminance). A string, so the test runner's transpiler adds no
 * helpers the page does not have.
 */
const CONTRAST_OF = `(els) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || ['0', '0', '0', '1']).map(Number);
  const lum = (c) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const background = (e) => {
    for (; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return rgb(bg);
    }
    return [255, 255, 255];
  };
  return els.map((e) => {
    const a = lum(rgb(getComputedStyle(e).color));
    const b = lum(background(e));
    return { text: e.textContent, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}`;
const HOUR = 3_600_000;

/**
 * Replaces the demo history with one whose metrics can be computed by hand: four
 * releases 20, 15, 10 and 5 days ago, each tagged 2 hours after its only commit, so
 * 4 deploys in 30 days (4.0 / month), lead time 2.0 h, nothing failed.
 */
function handComputableRepo(dir: string): void {
  fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  const now = Date.now();
  const git = (args: string[], when: number) => {
    const date = new Date(when).toISOString();
    execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 'Priya Raman', GIT_AUTHOR_EMAIL: 'priya@example.com', GIT_COMMITTER_NAME: 'Priya Raman', GIT_COMMITTER_EMAIL: 'priya@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  };
  git(['init', '-q', '-b', 'main'], now);
  git(['remote', 'add', 'origin', 'git@github.com:example-org/payments-api.git'], now);
  git(['add', '-A'], now - 40 * DAY);
  git(['commit', '-q', '-m', 'Initial service'], now - 40 * DAY);
  git(['tag', '-a', 'v0.9.0', '-m', 'v0.9.0'], now - 40 * DAY + 2 * HOUR);
  [20, 15, 10, 5].forEach((daysAgo, i) => {
    const t = now - daysAgo * DAY;
    fs.writeFileSync(path.join(dir, `release-${i}.txt`), `${i}\n`);
    git(['add', '-A'], t);
    git(['commit', '-q', '-m', `Release work ${i}`], t);
    git(['tag', '-a', `v1.${i}.0`, '-m', `v1.${i}.0`], t + 2 * HOUR);
  });
}

for (const colorScheme of ['dark', 'light', 'high-contrast'] as const) {
  describe(`Deploy metrics in the sidebar (${colorScheme})`, function () {
    const session = useWorkbench({ colorScheme, prepare: handComputableRepo });

    it('shows the numbers computed from git tags, and says where they come from', async () => {
      const view = await openSidebar(session().page);
      const frequency = view.getByTestId('metric-deploymentFrequency');
      await frequency.waitFor({ timeout: 60_000 });
      assert.equal(await frequency.textContent(), '4.0 / month');
      assert.equal(await view.getByTestId('metric-leadTime').textContent(), '2.0 h');
      assert.equal(await view.getByTestId('metric-changeFailRate').textContent(), '0 %');
      assert.equal(await view.getByTestId('metric-recoveryTime').textContent(), '—');
      assert.match((await view.getByTestId('metrics-source').textContent()) ?? '', /payments-api · team-checkout · from git tags · updated/);
      // Band and trend texts meet WCAG AA (4.5:1) against what is behind them (#14 item 22).
      const ratios = (await view.locator('.band, .trend').evaluateAll(new Function('els', `return (${CONTRAST_OF})(els)`) as (els: Element[]) => unknown)) as { text: string; ratio: number }[];
      assert.ok(ratios.length > 0);
      for (const r of ratios) assert.ok(r.ratio >= 4.5, `"${r.text}" has contrast ${r.ratio.toFixed(2)}:1`);
      await screenshot(session().page, `metrics-${colorScheme}`);
    });

    if (colorScheme === 'dark') {
      it('explains a number with the deployments behind it, by keyboard', async () => {
        const view = await openSidebar(session().page);
        const card = view.locator('[data-metric="leadTime"]');
        await card.focus();
        await card.press('Enter');
        const detail = view.getByTestId('metric-detail');
        await detail.waitFor();
        const text = (await detail.textContent()) ?? '';
        assert.match(text, /over 4 commits first deployed in the window/);
        assert.match(text, /4 deployments behind this number/);
        assert.equal(await card.getAttribute('aria-expanded'), 'true');
        await screenshot(session().page, 'metrics-detail-dark');
      });

      it('keeps the selection when the view is hidden and shown again', async () => {
        const page = session().page;
        await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
        const view = await openSidebar(page);
        await view.getByTestId('metric-detail').waitFor({ timeout: 20_000 });
      });

      it('recomputes for another window', async () => {
        const view = await openSidebar(session().page);
        await view.getByRole('radio', { name: '7 days' }).click();
        await view.getByRole('radio', { name: '7 days', checked: true }).waitFor();
        // One release (5 days ago) in the last 7 days.
        await view.getByTestId('metric-deploymentFrequency').filter({ hasText: '1.0 / week' }).waitFor({ timeout: 20_000 });
      });

      it('fits a narrow sidebar: the deployments table becomes labelled lines that do not clip (#14 item 17)', async () => {
        const view = await openSidebar(session().page);
        await view.getByRole('radio', { name: '30 days' }).click();
        const detail = view.getByTestId('metric-detail');
        await detail.waitFor({ timeout: 20_000 });
        const fit = (await detail.evaluate(new Function('d', `const t = d.querySelector('table.deploys'); const td = t.querySelector('tbody td');
          return { width: d.clientWidth, tableWidth: t.scrollWidth, headHidden: t.querySelector('thead').getBoundingClientRect().height <= 1, label: getComputedStyle(td, '::before').content };`) as (d: Element) => unknown)) as { width: number; tableWidth: number; headHidden: boolean; label: string };
        assert.ok(fit.width < 360, `the default sidebar is narrow (${fit.width} px)`);
        assert.ok(fit.tableWidth <= fit.width, `the table fits: ${fit.tableWidth} px in ${fit.width} px`);
        assert.ok(fit.headHidden, 'the column headings give way to a label on each line');
        assert.equal(fit.label, '"Deploy"');
        await detail.locator('tbody tr').first().scrollIntoViewIfNeeded();
        await screenshot(session().page, 'metrics-narrow-table-dark');
      });

      it('folds a section to its heading and a glance, remembered when the view comes back', async () => {
        const page = session().page;
        let view = await openSidebar(page);
        await view.getByTestId('metrics-fold').click();
        await view.getByTestId('metric-leadTime').waitFor({ state: 'hidden' });
        assert.match((await view.getByTestId('metrics-fold').textContent()) ?? '', /Deploy metrics.*4\.0 \/ month · 2\.0 h/);
        await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
        view = await openSidebar(page);
        await view.getByTestId('metrics-fold').waitFor();
        assert.equal(await view.getByTestId('metric-leadTime').isVisible(), false, 'still folded');
        await screenshot(page, 'metrics-folded-dark');
        await view.getByTestId('metrics-fold').click();
        await view.getByTestId('metric-leadTime').waitFor();
      });

      it('explains what the numbers mean in plain words, with the full page one click away (#14 item 15)', async () => {
        const page = session().page;
        const view = await openSidebar(page);
        const summaries = await view.locator('.card-summary').allTextContents();
        assert.equal(summaries.length, 5);
        assert.ok(summaries.includes('How often changes reach production.'), summaries.join(' | '));
        assert.match((await view.locator('.band').first().getAttribute('title')) ?? '', /of DORA’s four performance groups \(Elite, High, Medium, Low\)/);
        await view.getByTestId('metrics-explain').click();
        await page.locator('.tabs-container .tab', { hasText: /metrics\.md/ }).waitFor({ timeout: 20_000 });
      });
    }
  });
}
