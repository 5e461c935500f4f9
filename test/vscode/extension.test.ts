import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'dx-pulse.dx-pulse';

describe('DX Pulse extension', () => {
  it('activates in a real extension host', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
    assert.equal(ext.isActive, true);
    assert.equal(ext.packageJSON.displayName, 'DX Pulse');
  });

  it('registers every command package.json contributes, and no other dxPulse. command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('dxPulse.')).sort();
    // Views add their own `<view id>.focus`-style commands; those are the editor's, not ours.
    const ours = registered.filter((c) => !/^dxPulse\.(sidebar|onboarding)\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/.test(c));
    assert.deepEqual(contributed.filter((c) => !ours.includes(c)), [], 'contributed but not registered');
    assert.deepEqual(ours.filter((c) => !contributed.includes(c)), [], 'registered but not contributed');
    await vscode.commands.executeCommand('dxPulse.showLog');
  });

  it('contributes the sidebar view, which can be opened', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dxPulse');
    await vscode.commands.executeCommand('dxPulse.sidebar.focus');
  });
});
