import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openSidebar, screenshot, useWorkbench } from './harness';

const DAY = 86_400_000;
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
        assert.match(text, /over 4 commit\(s\) first deployed in the window/);
        assert.match(text, /4 deployment\(s\) behind this number/);
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
    }
  });
}
