import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DxPulseApi } from '../../src/extension';
import { activateExtension, EXTENSION_ID, resetSharing, setSetting, shown, waitFor, workbenchProbe } from './helpers';

// "You said, we did" (#18) against the DX Pulse Platform server itself (started by
// scripts/test-vscode.mjs): a friction report sent from the editor, its status set through
// the admin API, and the editor's "Your reports" and notification following it, once.
describe('Your reports against the DX Pulse Platform server (real editor, real server)', () => {
  const url = process.env.DX_PULSE_TEST_PLATFORM_URL ?? '';
  const admin = process.env.DX_PULSE_TEST_PLATFORM_ADMIN ?? '';
  const adminCall = async (method: string, route: string, body?: unknown) =>
    fetch(`${url}${route}`, { method, headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const api = () => {
    const reports = (vscode.extensions.getExtension(EXTENSION_ID)!.exports as DxPulseApi).reports;
    if (!reports) throw new Error('the extension is not in Test mode');
    return { reports };
  };
  const mine = (id: string) => {
    const v = api().reports.view();
    return v.status === 'ready' ? v.reports.find((r) => r.id === id) : undefined;
  };

  before(activateExtension);
  after(async () => {
    await resetSharing();
    await vscode.commands.executeCommand('dxPulse.signOut');
    await setSetting('dxPulse.platform.url', undefined);
  });

  it('shows a sent report with the status set on the platform, announces the fix once, and fetches nothing with telemetry off', async function () {
    if (!url) this.skip();
    this.timeout(180_000);
    const made = await adminCall('POST', '/admin/v1/tokens', { name: 'reports', scope: 'ingest' });
    const { token } = (await made.json()) as { token: string };
    await setSetting('dxPulse.platform.url', url);
    await vscode.commands.executeCommand('dxPulse.signIn', token);
    await adminCall('POST', '/admin/v1/docs', { entry: { id: 'no-vpn', kind: 'changelog', type: 'fix', title: 'Tests run without the VPN', markdown: 'No VPN needed.', tags: [], publishedAt: '2026-01-01T00:00:00Z' } });

    const text = `Integration tests need a VPN ${Date.now()}`;
    await vscode.commands.executeCommand('dxPulse.reportFriction', text);
    const stored = await waitFor('the report in the platform\u2019s export', async () => {
      const r = await adminCall('GET', '/admin/v1/events?kind=friction.reported');
      return (await r.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; data: { text?: string } }).find((e) => e.data?.text === text);
    }, 90_000);
    assert.equal(mine(stored.id)?.status, 'new', 'the sidebar lists the report before any status');
    assert.equal(mine(stored.id)?.text, text);

    const announced: string[] = [];
    const sub = api().reports.onDidAnnounce((fixed) => announced.push(...fixed.map((f) => f.id)));
    try {
      assert.equal((await adminCall('PUT', `/admin/v1/friction/reports/${stored.id}/status`, { status: 'fixed', changelogId: 'no-vpn' })).status, 200);
      await api().reports.refresh();
      assert.equal(mine(stored.id)?.status, 'fixed');
      assert.equal(mine(stored.id)?.changelogId, 'no-vpn');
      assert.deepEqual(announced, [stored.id]);
      if (workbenchProbe) {
        const toasts = await waitFor('the notification', async () => (await shown('.notifications-toasts .notification-toast')).find((t) => t.text.includes('You said, we did')));
        assert.match(toasts.text, /What changed/);
      }
      await api().reports.refresh();
      assert.deepEqual(announced, [stored.id], 'announced once only');

      // The developer's telemetry off: nothing is fetched, so a later change is not seen.
      await setSetting('dxPulse.telemetry.level', 'off');
      await waitFor('sharing off', () => (api().reports.view().status === 'ready' ? true : undefined));
      assert.equal((await adminCall('PUT', `/admin/v1/friction/reports/${stored.id}/status`, { status: 'wontFix' })).status, 200);
      await api().reports.refresh();
      const v = api().reports.view();
      assert.equal(mine(stored.id)?.status, 'fixed');
      assert.ok(v.status === 'ready' && /telemetry/.test(v.problem ?? ''), 'the section says why it is not current');
      await resetSharing();
      await api().reports.refresh();
      assert.equal(mine(stored.id)?.status, 'wontFix');
    } finally {
      sub.dispose();
    }
  });
});
