import * as assert from 'node:assert/strict';
import { openSidebar, screenshot, useWorkbench } from './harness';

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
});
