// Opens the real VS Code workbench (code-server) in headless Chromium with the packaged
// VSIX installed, so every test exercises what ships.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureEditor, installVsix, launchBrowser, makeUserDataDir, startEditor } from './editor.mjs';

/**
 * @param {object} o
 * @param {string} o.vsix path of the VSIX to install
 * @param {string} o.workspace folder to open
 * @param {string} [o.testsPath] compiled mocha index to run in the extension host
 * @param {Record<string, unknown>} [o.settings] user settings
 * @param {Record<string, string>} [o.env] environment for the editor (and its extension host)
 * @param {'dark'|'light'} [o.colorScheme]
 */
export async function openWorkbench(o) {
  ensureEditor();
  const userDataDir = makeUserDataDir(o.settings);
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-ext-'));
  installVsix(o.vsix, { extensionsDir, userDataDir });
  const installed = fs.readdirSync(extensionsDir).find((d) => d.startsWith('dx-pulse.dx-pulse-'));
  if (!installed) throw new Error(`the VSIX did not install into ${extensionsDir}`);
  const extensionPath = path.join(extensionsDir, installed);

  const editor = await startEditor({ userDataDir, extensionsDir, workspace: o.workspace, env: o.env ?? {} });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: o.colorScheme ?? 'dark' });
  const page = await context.newPage();

  const exit = new Promise((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
  });
  const logs = [];
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    logs.push(`${type}: ${Array.isArray(args) ? args.join(' ') : String(args)}`);
  });

  const params = new URLSearchParams({ folder: o.workspace });
  if (o.testsPath) {
    const host = `vscode-remote://127.0.0.1:${editor.port}`;
    params.set(
      'payload',
      JSON.stringify([
        ['extensionDevelopmentPath', `${host}${extensionPath}`],
        ['extensionTestsPath', `${host}${o.testsPath}`],
      ]),
    );
  }
  await page.goto(`${editor.url}/?${params.toString()}`);

  const close = async () => {
    await browser.close().catch(() => {});
    await editor.stop();
    for (const d of [userDataDir, extensionsDir]) fs.rmSync(d, { recursive: true, force: true });
  };
  return { page, browser, editor, exit, logs, close, userDataDir, extensionPath };
}
