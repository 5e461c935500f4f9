import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { openSidebar, screenshot, useWorkbench } from './harness';

/** Tags an element of the webview; a section that is rendered again is built of new elements, without the tag. */
async function tag(target: Locator): Promise<void> {
  await target.evaluate((e) => e.setAttribute('data-ui-tag', 'kept'));
}

async function tagged(view: FrameLocator, selector: string): Promise<boolean> {
  return (await view.locator(`${selector}[data-ui-tag="kept"]`).count()) === 1;
}

describe('Sidebar (what a person sees)', function () {
  const session = useWorkbench();

  it('shows DX Pulse in the activity bar, and its sections inside the webview', async () => {
    const page = session().page;
    const view = await openSidebar(page);
    const heading = view.getByRole('heading', { name: 'Deploy metrics' });
    await heading.waitFor({ timeout: 60_000 });
    const telemetry = await view.getByTestId('telemetry-state').textContent();
    assert.match(telemetry ?? '', /sharing: all/);
    assert.match(telemetry ?? '', /Friction signals and what you submit yourself \(reports, survey answers\) are shared, when a platform is configured/);
    await screenshot(page, 'sidebar-dark');
  });

  it('replaces only the section whose state changed: the other sections keep their elements', async () => {
    const view = await openSidebar(session().page);
    // Settled: the numbers are in and nothing is loading, and the demo's docs are unread.
    await view.locator('section.metrics[aria-busy="false"]').getByTestId('metrics-source').waitFor({ timeout: 60_000 });
    const markAllRead = view.getByTestId('docs-mark-all-read');
    await markAllRead.waitFor({ timeout: 60_000 });

    // A docs change re-renders the docs section, and nothing else.
    for (const selector of ['section.metrics', '[data-metric="leadTime"]', 'footer', '[data-testid="docs"]']) await tag(view.locator(selector));
    await markAllRead.click();
    await view.getByTestId('docs-unread').waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await tagged(view, '[data-testid="docs"]'), false, 'the docs section was rendered again');
    assert.ok(await tagged(view, 'section.metrics'), 'the metrics section is the same element');
    assert.ok(await tagged(view, '[data-metric="leadTime"]'), 'a metric card is the same element');
    assert.ok(await tagged(view, 'footer'), 'the footer is the same element');

    // A metrics change re-renders the metrics section, and leaves the docs alone.
    await tag(view.getByTestId('docs'));
    await view.getByRole('radio', { name: '7 days' }).click();
    await view.getByRole('radio', { name: '7 days', checked: true }).waitFor({ timeout: 20_000 });
    assert.equal(await tagged(view, 'section.metrics'), false, 'the metrics section was rendered again');
    assert.ok(await tagged(view, '[data-testid="docs"]'), 'the docs section is the same element');
    assert.ok(await tagged(view, 'footer'), 'the footer is the same element');
  });
});
