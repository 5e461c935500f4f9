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

  it('registers its commands under dxPulse.', async () => {
    const commands = await vscode.commands.getCommands(true);
    const ours = commands.filter((c) => c.startsWith('dxPulse.'));
    assert.ok(ours.includes('dxPulse.showLog'), `found: ${ours.join(', ')}`);
    await vscode.commands.executeCommand('dxPulse.showLog');
  });

  it('contributes the sidebar view, which can be opened', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dxPulse');
    await vscode.commands.executeCommand('dxPulse.sidebar.focus');
  });
});
