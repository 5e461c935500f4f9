import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openDemoWorkbench, openSidebar, screenshot, type UiSession } from './harness';

// The golden-path scorecard as a person sees it in the sidebar, on the demo repository
// with checks that pass (catalog-info.yaml, README) and fail (its node:16 Dockerfile,
// checkout@v3): failing first with the fix and the link, re-evaluated when a file changes.
const CHECKS = [
  'goldenPath:',
  '  checks:',
  '    - { id: catalog-info, title: Has catalog-info.yaml, fileExists: catalog-info.yaml }',
  '    - id: approved-image',
  '      title: Base image from the approved registry',
  "      dockerfileFrom: { pattern: 'registry.acme.dev/*' }",
  '      fix: Build FROM registry.acme.dev/node:20-alpine instead of Docker Hub.',
  '      docUrl: https://platform.example.com/docs/base-images',
  '    - id: checkout-v4',
  '      title: CI checks out with actions/checkout v4',
  "      ciUsesWorkflow: { pattern: 'actions/checkout@v4*' }",
  '      docId: demo-checkout-v4',
  "    - { id: readme-develop, title: README says how to develop, fileMatches: { path: README.md, pattern: '/^## Develop$/m' } }",
  '',
].join('\n');

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`Golden-path scorecard in the sidebar (${colorScheme})`, function () {
    let session: UiSession | undefined;
    before(async () => {
      session = await openDemoWorkbench({ colorScheme, prepare: (ws) => fs.appendFileSync(path.join(ws, '.dx/pulse.yaml'), CHECKS) });
    });
    after(async () => session?.close());

    it('lists failing checks first with what to change, and re-evaluates when the Dockerfile changes', async () => {
      const page = session!.page;
      const view = await openSidebar(page);
      const summary = view.getByTestId('golden-path-summary');
      await summary.waitFor({ timeout: 60_000 });
      assert.match((await summary.textContent()) ?? '', /2 of 4 checks pass\./);
      const checks = view.getByTestId('golden-path-check');
      assert.deepEqual(await checks.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check-id')}:${e.getAttribute('data-passed')}`)), ['approved-image:false', 'checkout-v4:false', 'catalog-info:true', 'readme-develop:true']);
      const image = checks.first();
      assert.match((await image.textContent()) ?? '', /Dockerfile uses node:16-alpine, which does not match registry\.acme\.dev\/\*/);
      assert.equal(await image.getByTestId('golden-path-fix').textContent(), 'Build FROM registry.acme.dev/node:20-alpine instead of Docker Hub.');
      await screenshot(page, `golden-path-sidebar-${colorScheme}`);

      // The migration entry opens in DX Pulse's doc viewer (an editor tab).
      const checkout = view.locator('[data-check-id="checkout-v4"]');
      assert.equal(await checkout.getByTestId('golden-path-link').textContent(), 'How to fix it');
      assert.equal(await image.getByTestId('golden-path-link').textContent(), 'Open the guide');
      await checkout.getByTestId('golden-path-link').click();
      await page.locator('.tabs-container .tab', { hasText: 'actions/checkout below v4' }).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500); // the viewer's webview paints after its tab appears
      await screenshot(page, `golden-path-doc-viewer-${colorScheme}`);

      fs.writeFileSync(path.join(session!.workspace, 'Dockerfile'), 'FROM registry.acme.dev/node:20-alpine\nWORKDIR /app\n');
      await view.getByTestId('golden-path-summary').filter({ hasText: '3 of 4 checks pass.' }).waitFor({ timeout: 60_000 });
      assert.equal(await view.locator('[data-check-id="approved-image"]').getAttribute('data-passed'), 'true');
    });
  });
}
