import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PlatformServer } from '../fixtures/platformServer';
import { activateExtension, runWorkspaceTask, setSetting, waitFor, resetSharing } from './helpers';

describe('Delivery to the platform in the real editor', () => {
  let server: PlatformServer;

  before(async () => {
    await activateExtension();
    server = await PlatformServer.start();
  });
  after(async () => {
    await resetSharing();
    await vscode.commands.executeCommand('dxPulse.signOut');
    await setSetting('dxPulse.platform.url', undefined);
    await server.close();
  });

  const storedTaskEvents = () => [...server.stored.values()].filter((e) => e.kind === 'task.ended');

  it('signs in, and delivers real events to the platform with the bearer token', async () => {
    await setSetting('dxPulse.platform.url', server.url);
    await vscode.commands.executeCommand('dxPulse.signIn', server.token);
    assert.equal(await runWorkspaceTask('lint (fails)'), 1);
    const ev = await waitFor('the failing task to reach the platform', () => storedTaskEvents().find((e) => e.data.name === 'lint (fails)'), 45_000);
    assert.equal(ev.data.exitCode, 1);
    const posts = server.requests.filter((r) => r.method === 'POST');
    assert.ok(posts.length > 0);
    assert.equal(posts[0]!.headers.authorization, `Bearer ${server.token}`);
  });

  it('sends nothing more once VS Code telemetry is off', async () => {
    await setSetting('telemetry.telemetryLevel', 'off');
    await waitFor('telemetry to be off', () => !vscode.env.isTelemetryEnabled || undefined);
    const before = storedTaskEvents().length;
    assert.equal(await runWorkspaceTask('build'), 0);
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(storedTaskEvents().length, before);
  });
});
