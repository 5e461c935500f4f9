import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PlatformServer } from '../fixtures/platformServer';
import { openSidebar, runCommand, screenshot, useWorkbench } from './harness';

const MIN = 60_000;
const DAY = 86_400_000;
const REPO_ID = createHash('sha256').update('github.com/example-org/payments-api').digest('hex');

/** main: 4, 6 (failed) and 14 minutes (its rerun, passed), in the last 30 days. Hand-computed below. */
function ciRuns(now: number) {
  const run = (id: string, daysAgo: number, minutes: number, over: Record<string, unknown> = {}) => {
    const start = now - daysAgo * DAY;
    return { id, workflow: 'CI', branch: 'main', sha: id.padEnd(40, '0'), attempt: 1, conclusion: 'success', startedAt: new Date(start).toISOString(), finishedAt: new Date(start + minutes * MIN).toISOString(), ...over };
  };
  return {
    repoId: REPO_ID,
    defaultBranch: 'main',
    since: new Date(now - 180 * DAY).toISOString(),
    runs: [
      run('a1', 5, 4, { jobs: [{ name: 'build', durationMs: 3 * MIN }] }),
      run('b1', 4, 6, { sha: 'b'.repeat(40), conclusion: 'failure' }),
      run('b2', 4, 14, { sha: 'b'.repeat(40), attempt: 2, jobs: [{ name: 'build', durationMs: 11 * MIN, steps: [{ name: 'e2e tests', durationMs: 9 * MIN }] }] }),
    ],
  };
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`CI pipeline duration in the sidebar (${colorScheme})`, function () {
    let server: PlatformServer;
    before(async () => {
      server = await PlatformServer.start();
      server.resources.set(`/v1/repos/${REPO_ID}/ci-runs`, ciRuns(Date.now()));
    });
    after(() => server.close());
    const session = useWorkbench({
      colorScheme,
      // Read when the workbench opens, after the server above has started.
      get settings() {
        return { 'dxPulse.platform.url': server.url };
      },
    });

    it('shows the platform’s CI runs: p50, p90, target, failures, flakiness and the slowest job and step', async () => {
      const page = session().page;
      // Before signing in, no source can be asked: the section says what to do, as a hint.
      const before = await openSidebar(page);
      const empty = before.getByTestId('ci-empty');
      await empty.waitFor({ timeout: 60_000 });
      assert.match((await empty.textContent()) ?? '', /DX Pulse has no GitHub token for example-org\/payments-api\..*Run “DX Pulse: Connect GitHub”/);
      await before.getByTestId('ci-section').scrollIntoViewIfNeeded();
      await screenshot(page, `ci-empty-${colorScheme}`);
      await runCommand(page, 'DX Pulse: Sign In to Platform');
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ timeout: 30_000 });
      await input.fill(server.token);
      await page.keyboard.press('Enter');
      const view = await openSidebar(page);
      const summary = view.getByTestId('ci-summary');
      // Saving the token refetches by itself.
      await summary.waitFor({ timeout: 60_000 });
      // 4, 6, 14: p50 6; p90 rank 1.8: 6 + 0.8 * 8 = 12.4
      assert.equal(await summary.textContent(), 'CI p50 6 min · p90 12 min on main (target 10 min)');
      assert.match((await view.getByTestId('ci-source').textContent()) ?? '', /^from your platform · last 30 days · updated/);
      const main = view.locator('[data-testid="ci-branch"][data-branch="main"]');
      assert.equal(await main.getByTestId('ci-p50').textContent(), '6 min');
      assert.equal(await main.getByTestId('ci-p90').textContent(), '12 min');
      assert.deepEqual(await main.locator('li').allTextContents(), [
        '1 of 3 runs over 10 min: 4 min lost past the target.',
        '1 run failed (33 %).',
        'Flaky: 1 of 1 failing commits passed on a rerun (100 %).',
        'Slowest job: build (7 min p50).',
        'Slowest step: e2e tests in build (9 min p50).',
      ]);
      await view.getByTestId('ci-section').scrollIntoViewIfNeeded();
      await screenshot(page, `ci-${colorScheme}`);
    });
  });
}
