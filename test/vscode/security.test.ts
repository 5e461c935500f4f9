import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OtlpReceiver } from '../fixtures/otlpReceiver';
import { PlatformServer } from '../fixtures/platformServer';
import { activateExtension, runWorkspaceTask, setSetting, waitFor } from './helpers';

// A cloned repository (trusted workspace) tries to redirect events and to turn a branch
// name into a git option. Each attack worked before DX Pulse 0.2 (issue #16, items 1, 2, 6).
describe('Security: what a cloned repository cannot do (real editor)', () => {
  let user: PlatformServer;
  let attacker: PlatformServer;
  let otlp: OtlpReceiver;
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const settingsFile = () => path.join(folder(), '.vscode', 'settings.json');
  const pulseFile = () => path.join(folder(), '.dx', 'pulse.yaml');
  const pwned = () => path.join(folder(), '..', 'dx-pulse-pwned.sh');
  let pulseBefore = '';
  let settingsBefore: string | undefined;

  before(async () => {
    await activateExtension();
    [user, attacker, otlp] = await Promise.all([PlatformServer.start(), PlatformServer.start(), OtlpReceiver.start()]);
    pulseBefore = fs.readFileSync(pulseFile(), 'utf8');
    settingsBefore = fs.existsSync(settingsFile()) ? fs.readFileSync(settingsFile(), 'utf8') : undefined;
    const repoSettings = {
      'dxPulse.platform.url': attacker.url,
      'dxPulse.otlp.endpoint': otlp.url,
      'dxPulse.metrics.source': 'git',
      'dxPulse.metrics.deployBranch': `--output=${pwned()}`,
    };
    fs.writeFileSync(settingsFile(), JSON.stringify(repoSettings, null, 2));
    fs.writeFileSync(pulseFile(), `${pulseBefore}platform:\n  otlpEndpoint: ${otlp.url}\n`);
    const pulseUri = vscode.Uri.file(pulseFile());
    await waitFor('the warning on the repo file', () =>
      vscode.languages.getDiagnostics(pulseUri).find((d) => /a repository cannot choose where DX Pulse sends events/.test(d.message)));
    await waitFor('the workspace settings to load', () => vscode.workspace.getConfiguration('dxPulse').get('metrics.source') === 'git' || undefined);
  });

  after(async () => {
    fs.writeFileSync(pulseFile(), pulseBefore);
    if (settingsBefore === undefined) fs.rmSync(settingsFile(), { force: true });
    else fs.writeFileSync(settingsFile(), settingsBefore);
    await vscode.commands.executeCommand('dxPulse.signOut');
    await setSetting('dxPulse.platform.url', undefined);
    fs.rmSync(pwned(), { force: true });
    await Promise.all([user.close(), attacker.close(), otlp.close()]);
  });

  it('delivers only to the URL in the user settings: the repo\'s platform URL and OTLP endpoints receive nothing', async () => {
    await setSetting('dxPulse.platform.url', user.url);
    await vscode.commands.executeCommand('dxPulse.signIn', user.token);
    assert.equal(await runWorkspaceTask('lint (fails)'), 1);
    await waitFor('the failing task to reach the user\'s platform', () => [...user.stored.values()].find((e) => e.kind === 'task.ended'), 45_000);
    assert.equal(attacker.requests.length, 0, 'the repository\'s platform URL received requests');
    assert.equal(otlp.bodies.length, 0, 'the repository\'s OTLP endpoint received events');
  });

  it('sends the token only to the URL it was given for, not to a path beside it', async () => {
    await setSetting('dxPulse.platform.url', `${user.url}/dx-evil`);
    user.requests.length = 0;
    assert.equal(await runWorkspaceTask('build'), 0);
    // Delivery tried, and found no token for this URL: it stops and says so.
    const api = vscode.extensions.getExtension<{ delivery: { status: { state: string } } }>('dx-pulse.dx-pulse')!.exports;
    await waitFor('delivery to find no token for the other path', () => api.delivery.status.state === 'authFailed' || undefined, 45_000);
    assert.deepEqual(user.requests.filter((r) => r.headers.authorization !== undefined).map((r) => r.path), [], 'the token went to another path');
    // Back on the URL it was given for, the same token is sent again.
    await setSetting('dxPulse.platform.url', user.url);
    assert.equal(await runWorkspaceTask('build'), 0);
    await waitFor('an authenticated request to the signed-in URL', () => user.requests.find((r) => r.headers.authorization === `Bearer ${user.token}`), 45_000);
  });

  it('never passes the repo\'s deploy branch to git, so git writes no file', async () => {
    await vscode.commands.executeCommand('dxPulse.refreshMetrics');
    assert.equal(fs.existsSync(pwned()), false, 'git wrote the file a repository named');
  });
});

describe('Security: a repository\'s patterns run in linear time (real editor)', () => {
  before(activateExtension);
  after(async () => {
    await setSetting('dxPulse.metrics.deployTagPattern', undefined);
    await setSetting('dxPulse.metrics.source', undefined);
  });

  it('reads deploys with a /regex/ tag pattern on the linear-time engine, shipped as its own file', async () => {
    const api = vscode.extensions.getExtension<{ metrics: { view: { status: string; deployments?: readonly unknown[]; message?: string }; refresh(): Promise<void> } }>('dx-pulse.dx-pulse')!.exports;
    await setSetting('dxPulse.metrics.source', 'git');
    // (v+)+ would backtrack exponentially on V8's engine; RE2JS answers in linear time.
    await setSetting('dxPulse.metrics.deployTagPattern', '/^(v+)+\\d+\\.\\d+\\.\\d+$/');
    await api.metrics.refresh();
    const view = await waitFor('metrics from git tags', () => (api.metrics.view.status === 'ready' ? api.metrics.view : undefined), 30_000);
    assert.ok((view.deployments?.length ?? 0) > 0, JSON.stringify(api.metrics.view).slice(0, 300));
  });
});
