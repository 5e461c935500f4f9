import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, allEvents, collectedData, runWorkspaceTask, setSetting, waitFor, resetSharing } from './helpers';

describe('Friction signals in the real editor', () => {
  before(activateExtension);
  after(resetSharing);

  it('records a failing and a passing task in the outbox', async () => {
    assert.equal(vscode.env.isTelemetryEnabled, true, 'the test editor has telemetry on');
    assert.equal(await runWorkspaceTask('lint (fails)'), 1);
    assert.equal(await runWorkspaceTask('build'), 0);
    const events = await waitFor('both task events', async () => {
      const tasks = allEvents(await collectedData()).filter((e) => e.kind === 'task.ended');
      const failed = tasks.find((e) => e.data.name === 'lint (fails)' && e.data.exitCode === 1);
      const passed = tasks.find((e) => e.data.name === 'build' && e.data.exitCode === 0);
      return failed && passed ? { failed, passed } : undefined;
    });
    assert.equal(events.failed.data.group, 'build');
    assert.equal(events.failed.data.category, 'build');
    assert.equal(typeof events.passed.data.durationMs, 'number');
    assert.ok(events.passed.installId, 'events carry the install id');
    assert.equal(events.passed.repo?.hashed, true, 'the repo is hashed unless sharing names is on');
    assert.match(events.passed.repo!.id, /^[0-9a-f]{64}$/);
  });

  it('times the set-up of a fresh clone, from the clone to its first successful build, with the failed attempts', async () => {
    // The test workspace is a fresh clone (scripts/lib/demoWorkspace.mjs), and the test
    // above failed a build-group task once before the build passed.
    const setup = await waitFor('the setup.completed event', async () => allEvents(await collectedData()).find((e) => e.kind === 'setup.completed'));
    assert.equal(setup.data.firstSuccess, 'build');
    assert.ok(Number(setup.data.failedAttempts) >= 1, JSON.stringify(setup.data));
    assert.ok(Number(setup.data.durationMs) > 0, JSON.stringify(setup.data));
  });

  it('records a terminal command reduced to program and subcommand', async function () {
    const terminal = vscode.window.createTerminal({ name: 'dx-pulse-test', shellPath: '/bin/bash' });
    try {
      const integration = await new Promise<vscode.TerminalShellIntegration | undefined>((resolve) => {
        if (terminal.shellIntegration) return resolve(terminal.shellIntegration);
        const timer = setTimeout(() => resolve(undefined), 15_000);
        const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
          if (e.terminal === terminal) {
            clearTimeout(timer);
            sub.dispose();
            resolve(e.shellIntegration);
          }
        });
      });
      // Shell integration works in the test editor; only a desktop run without it may skip.
      if (!integration) {
        if (process.env.CI) assert.fail('no terminal shell integration in the test editor');
        return this.skip();
      }
      integration.executeCommand('npm run build -- --secret-flag=hunter2');
      const ev = await waitFor('the terminal event', async () => allEvents(await collectedData()).find((e) => e.kind === 'terminal.commandEnded' && e.data.command === 'npm run build'));
      assert.equal(ev.data.category, 'build');
      assert.equal(ev.data.exitCode, 0);
      assert.ok(!JSON.stringify(ev).includes('hunter2'), 'arguments never leave the machine');
    } finally {
      terminal.dispose();
    }
  });

  it('records nothing more once VS Code telemetry is turned off', async () => {
    await setSetting('telemetry.telemetryLevel', 'off');
    await waitFor('telemetry to be off', () => !vscode.env.isTelemetryEnabled || undefined);
    const before = allEvents(await collectedData()).length;
    // DX Pulse's task listener was registered first, and records synchronously: by the
    // time the task's end reaches this test, anything it recorded is in the outbox.
    assert.equal(await runWorkspaceTask('test'), 0);
    const after = await collectedData();
    assert.equal(after.sharing, 'off');
    assert.equal(allEvents(after).length, before);
    await setSetting('telemetry.telemetryLevel', undefined);
    await waitFor('telemetry to be back on', () => vscode.env.isTelemetryEnabled || undefined);
  });
});
