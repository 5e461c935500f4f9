import * as assert from 'node:assert/strict';
import { openDemoWorkbench, openSidebar, pick, runCommand, runTaskTimes, screenshot, toast, type UiSession } from './harness';

// The views of #14 items 14-23 in the two themes the feature suites do not run in (they
// run dark; the metrics and docs suites run light too): the Overview with the onboarding
// tree, the survey form, the stuck offer and Show Collected Data's summary. Each is read
// for what a person must see, and photographed for a person to look at.
for (const colorScheme of ['light', 'high-contrast'] as const) {
  describe(`The sidebar's views (${colorScheme})`, function () {
    let session: UiSession | undefined;
    before(async () => {
      session = await openDemoWorkbench({ colorScheme });
    });
    after(async () => session?.close());

    it('shows the Overview, onboarding tree and survey form in view and focused', async () => {
      const page = session!.page;
      const view = await openSidebar(page);
      await view.getByRole('heading', { name: 'Deploy metrics' }).waitFor({ timeout: 60_000 });
      const tree = page.locator('.part.sidebar .pane', { hasText: 'Get productive on payments-api' });
      await tree.waitFor({ timeout: 30_000 });
      await screenshot(page, `themes-sidebar-${colorScheme}`);

      await runCommand(page, 'DX Pulse: Take a Survey');
      await pick(page, 'Quarterly developer experience survey');
      const form = view.getByTestId('survey-form');
      await form.waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      assert.equal(await form.evaluate((f) => f.contains(document.activeElement)), true, 'the first field has the focus');
      await screenshot(page, `themes-survey-form-${colorScheme}`);
      await form.getByRole('button', { name: 'Remind me later' }).click();
      await form.waitFor({ state: 'detached', timeout: 20_000 });
    });

    it('offers help after three failures, and Show Collected Data opens with a plain summary', async () => {
      const page = session!.page;
      await runTaskTimes(page, 'lint (fails)', 3);
      const offer = toast(page, 'has failed 3 times in the last 15 minutes');
      await offer.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(800); // let the toast finish sliding in
      await screenshot(page, `themes-stuck-offer-${colorScheme}`);
      await page.keyboard.press('Escape');

      await runCommand(page, 'DX Pulse: Show Collected Data');
      const editor = page.locator('.monaco-editor .view-lines').first();
      await editor.waitFor({ timeout: 30_000 });
      const text = ((await editor.textContent()) ?? '').replace(/\s+/g, ' ');
      assert.match(text, /waiting/i, text.slice(0, 300));
      await screenshot(page, `themes-collected-data-${colorScheme}`);
    });
  });
}
