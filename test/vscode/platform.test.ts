import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DxPulseApi } from '../../src/extension';
import { activateExtension, EXTENSION_ID, runWorkspaceTask, setSetting, testPlatform, waitFor } from './helpers';

// The extension against the DX Pulse Platform server itself (server/, started by
// scripts/test-vscode.mjs with its embedded database): a token made through the admin API,
// a real event delivered, and found again in the platform's export (issue #11).
describe('Delivery to the DX Pulse Platform server (real editor, real server)', () => {
  const url = testPlatform.url;
  const adminCall = testPlatform.admin;

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
      return (await testPlatform.exported('task.ended')).find((e) => e.data?.name === 'lint (fails)');
    }, 60_000);
    assert.equal(stored.data.exitCode, 1);
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as DxPulseApi;
    assert.notEqual(api.delivery.status.state, 'authFailed');
  });
});
