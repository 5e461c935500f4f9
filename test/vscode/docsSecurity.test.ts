import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DxPulseApi } from '../../src/extension';
import { startFeedServer, type FeedServer } from '../fixtures/feedServer';
import { clickShown, EXTENSION_ID, hoverShown, pressKey, setSetting, shown, waitFor, workbenchProbe, type ShownElement } from './helpers';

// Issue #19: content from a feed, the platform or a repo file must never run a command.
// Every check here looks at what the workbench really shows (through the harness's
// probe), clicks it as a person would, and then asserts that nothing ran: no terminal
// opened, no file appeared in the workspace.

const RUN = 'command:workbench.action.terminal.new';
const TYPE = 'command:workbench.action.terminal.sendSequence?{"text":"touch pwned\\n"}';
const TITLE = `[Fix it now](${RUN}) $(zap) Node 16 images are going away`;
const DOC_TITLE = `$(key) [Docs](${TYPE}) <b onclick="x()">npm</b> cache`;
const HOSTILE_MD = [
  `# Session expired`,
  `<h2>Sign in again</h2>`,
  `[Run it](${RUN}) · <a href="${RUN}">run it</a> · [type it](${TYPE}) · $(zap) $(sync~spin)`,
  `[Sign in](https://evil.example/login) · <a href="https://evil.example/x"><kbd>Sign in</kbd></a>`,
  `<img src=x onerror="window.__xss=1"> <script>window.__xss=1</script> <iframe src="${RUN}"></iframe>`,
  `[relative](./guide.md) ![logo](/logo.png)`,
].join('\n\n');

function hostileFeed(origin: string): string {
  return JSON.stringify({
    entries: [
      // Affects the demo repo (Dockerfile FROM node:16-alpine): notifies, with migration steps.
      { id: 'evil-affects', title: TITLE, kind: 'changelog', type: 'deprecation', migration: HOSTILE_MD, affects: [{ image: 'node', tags: '<18' }], tags: { images: ['node'] } },
      // Matches the repo's tools: listed first in the quick pick; body only, so it opens in the viewer.
      { id: 'evil-doc', title: DOC_TITLE, kind: 'doc', summary: `$(key) [x](${RUN})`, body: HOSTILE_MD, tags: { tools: ['npm'] } },
      // A .md URL: fetched and shown in the viewer.
      { id: 'evil-md', title: 'Hostile markdown file', kind: 'doc', url: `${origin}/docs/evil.md`, tags: { tools: ['npm'] } },
    ],
  });
}

const visible = (s: string): string => s.split('\u2060').join('');
const commandLinks = (e: ShownElement): (string | null)[] => e.links.filter((h) => h !== null && !/^https?:/i.test(h));

describe('Hostile docs content in the real editor (#19)', function () {
  let server: FeedServer;
  let api: DxPulseApi;
  const terminals: string[] = [];
  const created: string[] = [];
  const subs: vscode.Disposable[] = [];
  let folder: string;

  before(async function () {
    if (!workbenchProbe) this.skip(); // needs the code-server harness
    server = await startFeedServer();
    server.route('/feed.json', { body: hostileFeed(server.origin), contentType: 'application/json' });
    server.route('/docs/evil.md', { body: `# Evil file\n\n${HOSTILE_MD}`, contentType: 'text/markdown' });
    const ext = vscode.extensions.getExtension<DxPulseApi>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    subs.push(
      watcher,
      watcher.onDidCreate((u) => created.push(vscode.workspace.asRelativePath(u))),
      vscode.window.onDidOpenTerminal((t) => terminals.push(t.name)),
    );
    // The demo repo's own feed notifies first; let that settle so the hostile feed gets its own notification.
    await waitFor('the demo feed', () => api.docs.wasNotified('demo-node16-images'), 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    await setSetting('dxPulse.docs.feedUrl', server.feedUrl);
  });

  after(async () => {
    for (const s of subs) s.dispose();
    if (!workbenchProbe) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('dxPulse.docs.feedUrl', undefined);
    await server?.close();
  });

  function nothingRan(): void {
    assert.deepEqual(terminals, [], 'no terminal was opened');
    assert.deepEqual(created.filter((f) => !f.startsWith('.git/')), [], 'no file was written to the workspace');
    assert.ok(!fs.existsSync(path.join(folder, 'pwned')), 'no pwned file');
  }

  it('shows a feed title with a command link and an icon as text in the notification, and clicking it runs nothing', async () => {
    await waitFor('the hostile entry to notify', () => api.docs.wasNotified('evil-affects'), 60_000);
    const [message] = await waitFor('the notification', async () => {
      const m = (await shown('.notification-toast .notification-list-item-message')).filter((e) => e.text.includes('Fix it now'));
      return m.length ? m : undefined;
    });
    assert.ok(visible(message!.text).includes(TITLE), `the title shows as it is: ${message!.text}`);
    assert.deepEqual(message!.links, [], 'no link in the message');
    assert.deepEqual(message!.icons, [], 'no icon in the message');
    await clickShown('.notification-toast .notification-list-item-message');
    await new Promise((r) => setTimeout(r, 1500));
    nothingRan();
  });

  it('opens the migration steps in DX Pulse’s doc viewer (not the markdown preview), sanitized, and its links run nothing', async () => {
    await clickShown('.notification-toast .monaco-button:has-text("Open Migration Guide")');
    const tab = await waitFor('the doc viewer tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputWebview && t.input.viewType.includes('dxPulse.doc') ? t : undefined;
    });
    assert.ok(visible(tab.label).includes('[Fix it now]'), tab.label);
    const [title] = await waitFor('the viewer title', async () => ((await shown('[data-testid="doc-title"]')).find((e) => e.text.includes('Fix it now')) ? await shown('[data-testid="doc-title"]') : undefined));
    assert.ok(visible(title!.text).includes(TITLE), title!.text);
    const [body] = await shown('[data-testid="doc-body"]');
    assert.deepEqual(commandLinks(body!), [], `only http(s) links: ${JSON.stringify(body!.links)}`);
    assert.ok(body!.text.includes('$(zap) $(sync~spin)'), 'codicon syntax shows as text');
    assert.doesNotMatch(body!.html, /<(script|iframe|h[1-4])\b|onerror|<kbd/i, body!.html);
    assert.ok(body!.links.includes('https://evil.example/login'));
    const links = (await shown('[data-testid="doc-body"] a')).length;
    for (let i = 0; i < links; i++) await clickShown('[data-testid="doc-body"] a', i).catch(() => undefined);
    await pressKey('Escape'); // the "open external website?" prompt for the https link
    await new Promise((r) => setTimeout(r, 1500));
    nothingRan();
  });

  it('lists hostile titles in Search Platform Docs as text, with only DX Pulse’s own icons', async () => {
    // The command's argument filters the list, as the stuck offer does: no typing into whatever has focus.
    const rowsFor = async (filter: string, re: RegExp): Promise<ShownElement[]> => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      void vscode.commands.executeCommand('dxPulse.searchDocs', filter);
      return waitFor(`the quick pick rows for ${filter}`, async () => {
        const r = (await shown('.quick-input-widget .quick-input-list .monaco-list-row')).filter((e) => re.test(e.text));
        return r.length ? r : undefined;
      });
    };
    const affecting = await rowsFor('going away', /Fix it now/);
    const rows = [...affecting, ...(await rowsFor('cache', /\[Docs\]/))];
    for (const row of rows) {
      assert.deepEqual(row.links.filter((h) => h !== null), [], row.text);
      assert.ok(row.icons.every((i) => ['codicon-warning', 'codicon-book', 'codicon-history'].includes(i)), `icons ${row.icons.join(', ')} in ${row.text}`);
    }
    const doc = rows.find((r) => r.text.includes('[Docs]'))!;
    assert.ok(visible(doc.text).includes(DOC_TITLE), doc.text);
    assert.ok(visible(doc.text).includes(`$(key) [x](${RUN})`), 'the summary shows as text');
    // Open it: a body-only entry, so the doc viewer.
    await clickShown('.quick-input-widget .quick-input-list .monaco-list-row:has-text("[Docs]")');
    await waitFor('the viewer to show the doc', async () => (await shown('[data-testid="doc-title"]')).some((e) => visible(e.text) === DOC_TITLE) || undefined);
    const [body] = await shown('[data-testid="doc-body"]');
    assert.deepEqual(commandLinks(body!), []);
    // Relative links resolve against the feed's URL.
    assert.ok(body!.links.includes(`${server.origin}/guide.md`), JSON.stringify(body!.links));
    const hosts = await shown('[data-testid="doc-body"] a[title*="evil.example"]');
    assert.ok(hosts.length >= 2, 'each link names its real host on hover');
    nothingRan();
  });

  it('fetches a .md URL into the doc viewer, sanitized', async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    void vscode.commands.executeCommand('dxPulse.searchDocs', 'Hostile markdown');
    await waitFor('the .md row', async () => (await shown('.quick-input-widget .monaco-list-row:has-text("Hostile markdown file")')).length > 0 || undefined);
    await clickShown('.quick-input-widget .monaco-list-row:has-text("Hostile markdown file")');
    await waitFor('the viewer to show the file', async () => (await shown('[data-testid="doc-body"]')).some((e) => e.text.includes('Evil file')) || undefined);
    const [body] = await shown('[data-testid="doc-body"]');
    assert.deepEqual(commandLinks(body!), []);
    assert.doesNotMatch(body!.html, /<(script|iframe|h[1-4])\b|onerror/i);
    assert.ok(server.requests.some((r) => r.path === '/docs/evil.md'));
    nothingRan();
  });

  it('shows a hostile checklist step as text in the tree, its hover and the status bar hover, and clicking it runs nothing', async () => {
    const file = path.join(folder, '.dx', 'onboarding.yaml');
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(
        file,
        [
          'version: 1',
          'steps:',
          '  - id: evil',
          `    title: ${JSON.stringify(TITLE)}`,
          `    description: ${JSON.stringify(`[Run](${RUN}) $(key) **bold** <img src=x onerror=alert(1)>`)}`,
          '',
        ].join('\n'),
      );
      await vscode.commands.executeCommand('dxPulse.onboarding.refresh');
      await vscode.commands.executeCommand('dxPulse.onboarding.focus');
      const row = await waitFor('the tree item', async () => (await shown('.pane-body .monaco-list-row')).find((r) => r.text.includes('Fix it now')));
      assert.ok(visible(row.text).includes(TITLE), row.text);
      assert.deepEqual(row.links.filter((h) => h !== null), [], 'no link (the label itself is an <a> without href)');
      assert.ok(!row.icons.includes('codicon-zap'), row.icons.join(', '));
      await hoverShown('.pane-body .monaco-list-row:has-text("Fix it now") .label-name');
      const hover = await waitFor('the hover', async () => (await shown('.monaco-hover, .workbench-hover')).find((h) => h.text.includes('Fix it now')));
      assert.ok(visible(hover.text).includes(`[Run](${RUN}) $(key) **bold**`), hover.text);
      assert.deepEqual(hover.links.filter((h) => h !== null), [], 'no link in the hover');
      assert.ok(!hover.icons.includes('codicon-zap') && !hover.icons.includes('codicon-key'), hover.icons.join(', '));
      await clickShown('.pane-body .monaco-list-row:has-text("Fix it now") .label-name');
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(terminals, []);
      // The status bar item names the next step in its hover.
      await hoverShown('[id="dx-pulse.dx-pulse.dxPulse.onboarding"]');
      const tip = await waitFor('the status bar hover', async () => (await shown('.monaco-hover, .workbench-hover')).find((h) => h.text.includes('Next:')));
      assert.ok(visible(tip.text).includes(`Next: ${TITLE}.`), tip.text);
      assert.deepEqual(tip.links.filter((h) => h !== null), []);
      assert.deepEqual(tip.icons, [], 'no icon in the hover');
    } finally {
      fs.writeFileSync(file, original);
      await vscode.commands.executeCommand('dxPulse.onboarding.refresh');
    }
  });
});
