import * as assert from 'node:assert/strict';
import { pick, runCommand, runTaskTimes, screenshot, toast, useWorkbench } from './harness';

describe('Stuck offer and friction report (what a person sees)', function () {
  const session = useWorkbench();

  it('offers help after the same task fails three times, and sends a report with the context the developer kept', async () => {
    const page = session().page;
    await runTaskTimes(page, 'lint (fails)', 3);
    const offer = toast(page, 'has failed 3 times in the last 15 minutes');
    await offer.waitFor({ timeout: 30_000 });
    await screenshot(page, 'stuck-offer');
    await offer.getByRole('button', { name: 'Report Friction' }).click();

    const input = page.locator('.quick-input-widget input[type="text"]');
    await input.waitFor({ state: 'visible' });
    await input.fill('The lint task fails on a fresh clone and the error does not say why');
    await page.keyboard.press('Enter');
    // The context, each item ticked and removable: untick the duration, keep the command.
    // The repository's name is not offered: dxPulse.privacy.shareRepoNames is off.
    await pick(page, 'Failing for');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    assert.equal(await rows.filter({ hasText: 'Repository:' }).count(), 0, 'the repository name was offered with shareRepoNames off');
    await screenshot(page, 'friction-context');
    await page.keyboard.press('Enter');
    // No platform is configured in this editor: the report stays on this machine, and says so.
    await toast(page, 'your report is kept on this machine').waitFor({ timeout: 20_000 });

    await runCommand(page, 'DX Pulse: Show Collected Data');
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.waitFor();
    // The collected-data document is long; find the report through the editor's own search.
    await page.keyboard.press('Control+F');
    await page.keyboard.type('friction.reported');
    await page.keyboard.press('Escape');
    // The editor renders spaces as non-breaking spaces.
    const text = ((await editor.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /friction\.reported/);
    assert.match(text, /The lint task fails on a fresh clone and the error does not say why/);
    await screenshot(page, 'friction-collected');
  });
});
