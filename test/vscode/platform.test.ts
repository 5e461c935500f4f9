import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DxPulseApi } from '../../src/extension';
import { activateExtension, EXTENSION_ID, runWorkspaceTask, setSetting, waitFor } from './helpers';

// The extension against the DX Pulse Platform server itself (server/, started by
// scripts/test-vscode.mjs with its embedded database): a token made through the admin API,
// a real event delivered, and found again in the platform's export (issue #11).
describe('Delivery to the DX Pulse Platform server (real editor, real server)', () => {
  const url = process.env.DX_PULSE_TEST_PLATFORM_URL ?? '';
  const admin = process.env.DX_PULSE_TEST_PLATFORM_ADMIN ?? '';
  const adminCall = async (method: string, route: string, body?: unknown) =>
    fetch(`${url}${route}`, { method, headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });

  before(activateExtension);
  after(async () => {
    await vscode.commands.executeCommand('dxPulse.signOut');
    await setSetting('dxPulse.platform.url', undefined);
  });

  it('signs in with an ingest token from the admin API, delivers a real task event, and the export has it', async function () {
    if (!url) this.skip();
    const made = await adminCall('POST', '/admin/v1/tokens', { name: 'developers', scope: 'ingest' });
    assert.equal(made.status, 201);
    const { token } = (await made.json()) as { token: string };
    await setSetting('dxPulse.platform.url', url);
    await vscode.commands.executeCommand('dxPulse.signIn', token);
    assert.equal(await runWorkspaceTask('lint (fails)'), 1);
    const stored = await waitFor('the task event in the platform\u2019s export', async () => {
      const r = await adminCall('GET', '/admin/v1/events?kind=task.ended');
      const lines = (await r.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; data: { name?: string; exitCode?: number } });
      return lines.find((e) => e.data?.name === 'lint (fails)');
    }, 60_000);
    assert.equal(stored.data.exitCode, 1);
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as DxPulseApi;
    assert.notEqual(api.delivery.status.state, 'authFailed');
  });
});
