import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { describeDeliveryStatus } from '../../src/views/deliveryStatusBar';
import { PlatformServer } from '../fixtures/platformServer';
import { activateExtension, collectedData, runWorkspaceTask, setSetting, waitFor, resetSharing } from './helpers';

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

  it('signs in, applies the platform configuration for this repo, and delivers real events with the bearer token', async () => {
    // The platform knows this repo by the SHA-256 of its normalized remote.
    const repoId = createHash('sha256').update('github.com/example-org/payments-api').digest('hex');
    server.resources.set(`/v1/repos/${repoId}/config`, { repoId, features: {}, surveys: [{ id: 'platform-docs-pulse', template: 'docs-findability' }], docSources: [] });
    await setSetting('dxPulse.platform.url', server.url);
    await vscode.commands.executeCommand('dxPulse.signIn', server.token);
    assert.equal(await runWorkspaceTask('lint (fails)'), 1);
    const ev = await waitFor('the failing task to reach the platform', () => storedTaskEvents().find((e) => e.data.name === 'lint (fails)'), 45_000);
    assert.equal(ev.data.exitCode, 1);
    const posts = server.requests.filter((r) => r.method === 'POST');
    assert.ok(posts.length > 0);
    // Show Collected Data opens with the plain answer: how many wait, where they go, sent, dropped.
    const summary = ((await collectedData()) as unknown as { summary: string[] }).summary;
    assert.match(summary[0]!, new RegExp(`waiting to be sent to ${server.url.replace(/[.]/g, '\\.')}`));
    assert.match(summary[1]!, /\d+ events? sent/);
    assert.equal(posts[0]!.headers.authorization, `Bearer ${server.token}`);
    // A survey only the platform defines is now among this repo's surveys.
    await waitFor('the platform survey', async () => {
      const status = await vscode.commands.executeCommand<{ surveys: { id: string }[] }>('dxPulse.showSurveyStatus');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return status.surveys.some((x) => x.id === 'platform-docs-pulse') || undefined;
    });
  });

  it('refetches the platform configuration at once when signing in again', async () => {
    await vscode.commands.executeCommand('dxPulse.signOut');
    server.requests.length = 0;
    await vscode.commands.executeCommand('dxPulse.signIn', server.token);
    await waitFor('the configuration request after sign-in', () =>
      server.requests.find((r) => r.method === 'GET' && r.path.endsWith('/config') && r.headers.authorization === `Bearer ${server.token}`), 10_000);
  });

  it('sends nothing more once VS Code telemetry is off, and removes what was still queued', async () => {
    // Something queued that cannot be delivered yet: the platform answers 503 for now.
    server.faultFor = () => ({ kind: 'status', status: 503 });
    assert.equal(await runWorkspaceTask('build'), 0);
    await waitFor('a queued event', async () => (await collectedData()).pending.length > 0 || undefined);
    await setSetting('telemetry.telemetryLevel', 'off');
    await waitFor('telemetry to be off', () => !vscode.env.isTelemetryEnabled || undefined);
    await waitFor('the queue to be emptied', async () => (await collectedData()).pending.length === 0 || undefined);
    server.faultFor = undefined;
    const before = storedTaskEvents().length;
    assert.equal(await runWorkspaceTask('build'), 0);
    // Nothing recorded means nothing to send (the recorder is synchronous, see signals.test).
    assert.deepEqual((await collectedData()).pending, []);
    assert.equal(storedTaskEvents().length, before);
  });

  it('makes no request of its own while telemetry is off, says so, and fetches again once it is on (#17 item 1)', async () => {
    assert.equal(vscode.env.isTelemetryEnabled, false, 'still off from the test before');
    server.requests.length = 0;
    await vscode.commands.executeCommand('dxPulse.refreshDocs');
    await vscode.commands.executeCommand('dxPulse.refreshMetrics');
    await vscode.commands.executeCommand('dxPulse.signIn', server.token);
    const api = vscode.extensions.getExtension<{ metrics: { view: { status: string; source?: string; warnings?: readonly string[] } } }>('dx-pulse.dx-pulse')!.exports;
    const view = api.metrics.view;
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), [], 'no configuration, docs or deployments request reached the platform');
    assert.equal(view.source, 'git', 'the deploy metrics come from the local clone instead');
    assert.ok(view.warnings?.some((w) => /did not contact .*telemetry .* is off/.test(w)), JSON.stringify(view.warnings));
    await resetSharing();
    await waitFor('the configuration request once telemetry is on again', () => server.requests.find((r) => r.method === 'GET' && r.path.endsWith('/config')), 10_000);
  });

  it('shows the texts docs/platform-api.md quotes for a refused token (#17)', () => {
    const shown = describeDeliveryStatus({ state: 'authFailed', message: 'HTTP 401, the platform refused the token' });
    assert.match(shown?.text ?? '', /DX Pulse: sign in$/);
    assert.ok(shown?.tooltip.startsWith('The platform refused the credentials: HTTP 401'), shown?.tooltip);
  });

  it('says whether the collected data lists every sent event (#17 item 19)', async () => {
    const data = await collectedData();
    assert.equal(typeof data.sentComplete, 'boolean');
    assert.equal(data.sentComplete, data.sentNote === undefined);
  });
});
