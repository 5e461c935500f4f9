import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AffectedNotice } from '../../src/core/docs/notices';
import type { DxPulseApi } from '../../src/extension';
import { SAMPLE_CHANGELOG, SAMPLE_FEED, startFeedServer, type FeedServer } from '../fixtures/feedServer';
import { EXTENSION_ID, runWorkspaceTask, setSetting, waitFor } from './helpers';

// The feed server runs here, in the extension host's Node, on 127.0.0.1; the extension
// fetches it through its real transport (plain http is allowed to loopback only).
describe('Docs and changelog in the real editor', () => {
  let server: FeedServer;
  let api: DxPulseApi;
  const notices: AffectedNotice[] = [];
  let sub: { dispose(): void } | undefined;

  before(async () => {
    server = await startFeedServer();
    const ext = vscode.extensions.getExtension<DxPulseApi>(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    api = await ext.activate();
    sub = api.docs.onDidFindAffecting((n) => notices.push(...n));
  });
  after(async () => {
    sub?.dispose();
    await setSetting('dxPulse.docs.feedUrl', undefined);
    await server.close();
  });

  it('ranks the feed entries with the deprecation that affects this repo first', async () => {
    await setSetting('dxPulse.docs.feedUrl', server.feedUrl);
    const ranked = await waitFor('the feed entries', () => (api.docs.ranked.some((r) => r.entry.id === 'node16-images') ? api.docs.ranked : undefined));
    assert.ok(server.requests.some((r) => r.path === '/feed.json'), 'the feed server was asked');
    const ids = ranked.map((r) => r.entry.id);
    const node16 = ranked.find((r) => r.entry.id === 'node16-images')!;
    assert.equal(node16.entry.source, server.feedUrl);
    assert.equal(node16.tier, 0);
    assert.match(node16.affected?.explanation ?? '', /Dockerfile uses node:16-alpine; node < 18 is deprecated/);
    // Everything that affects this repo comes before everything that does not.
    const firstUnaffected = ranked.findIndex((r) => r.tier !== 0);
    assert.ok(ranked.slice(0, firstUnaffected).every((r) => r.affected), 'tier 0 holds affected entries only');
    assert.ok(ids.indexOf('node16-images') < firstUnaffected);
    assert.ok(ids.indexOf('checkout-v4') < firstUnaffected, 'the checkout@v3 workflow is affected too');
    // The service's own doc outranks a general one.
    assert.ok(ids.indexOf('payments-runbook') < ids.indexOf('welcome'), ids.join(', '));

    const view = api.docs.view();
    assert.equal(view.status, 'ready');
    if (view.status !== 'ready') return;
    assert.ok(view.actionable[0].affected, 'the sidebar lists an affecting entry first');
    const shown = view.actionable.find((e) => e.id === 'node16-images');
    assert.match(shown?.removal?.text ?? '', /^removed (in \d+ days?|today|\d+ days? ago)$/);
    assert.match(shown?.migrationHtml ?? '', /node:20-alpine/);
    assert.ok(view.entries.some((e) => e.id === 'welcome'));
  });

  it('produces the affected-repo notice once per entry, never again', async () => {
    await waitFor('the notices', () => api.docs.wasNotified('node16-images') && api.docs.wasNotified('checkout-v4'));
    await api.docs.refresh();
    await api.docs.refresh();
    const count = (id: string) => notices.filter((n) => n.entryId === id).length;
    assert.equal(count('node16-images'), 1, JSON.stringify(notices.map((n) => n.entryId)));
    assert.equal(count('checkout-v4'), 1);
    const n = notices.find((x) => x.entryId === 'node16-images')!;
    assert.match(n.message, /^Deprecation: Node 16 base images are deprecated\. Dockerfile uses node:16-alpine/);
    assert.equal(n.migrationUrl, 'https://platform.example.com/docs/migrate-node-20');
    assert.ok(notices.every((x) => x.entryId !== 'welcome' && x.entryId !== 'payments-runbook'), 'entries that do not affect the repo never notify');
    // The refreshes revalidated with the ETag rather than downloading again.
    assert.ok(server.requests.filter((r) => r.path === '/feed.json').some((r) => r.ifNoneMatch), 'If-None-Match was sent');
  });

  it('offers the docs that match a failing command (helpFor)', () => {
    const help = api.docs.helpFor('npm run build');
    const titles = help.map((h) => h.title);
    assert.ok(titles.includes('Speeding up npm builds with the shared cache'), titles.join(', '));
    assert.ok(help.every((h) => typeof h.open === 'function'));
    assert.deepEqual(api.docs.helpFor('cargo build --release'), []);
  });

  it('matches a failing task to the docs of the program it runs, not its label (#17 item 16)', async () => {
    assert.ok(api.signals, 'the extension runs in Test mode');
    const nodeDoc = { id: 'node-debugging', title: 'Debugging Node.js scripts', kind: 'doc', url: 'https://platform.example.com/docs/node', tags: { tools: ['node'] } };
    server.route('/feed.json', { body: JSON.stringify({ entries: [...SAMPLE_FEED.entries, nodeDoc] }), contentType: 'application/json' });
    await setSetting('dxPulse.docs.feedUrl', server.feedUrl);
    await api.docs.refresh();
    await waitFor('the node doc', () => api.docs.ranked.some((r) => r.entry.id === 'node-debugging') || undefined);
    assert.notEqual(await runWorkspaceTask('lint (fails)'), 0);
    const line = api.signals.programLineFor('lint (fails)');
    assert.equal(line, 'node scripts/lint.js');
    assert.deepEqual(api.docs.helpFor('lint (fails)').map((h) => h.entry.id), [], 'the label names no tool');
    assert.ok(api.docs.helpFor(line).some((h) => h.entry.id === 'node-debugging'));
  });

  // #17 item 8, left to the engineer refactoring configuration (src/host/configService.ts):
  // dxPulse.docs.feedUrl becomes a docs source typed by `feedUrl.endsWith('.md')`, and a
  // typed source is read as its type says, so a Keep-a-Changelog file served at a path
  // without .md (text/markdown) is read as JSON. The setting has no type; its format
  // should be told from the response (content type, then content), as it was before.
  it('#17 item 8: reads dxPulse.docs.feedUrl served as text/markdown at a path without .md as Keep-a-Changelog', async () => {
    server.route('/changelog', { body: SAMPLE_CHANGELOG.replace('Preview environments', 'Markdown-only preview environments'), contentType: 'text/markdown' });
    await setSetting('dxPulse.docs.feedUrl', server.feedUrl.replace('/feed.json', '/changelog'));
    try {
      await waitFor('the changelog entries', () => api.docs.ranked.some((r) => /Markdown-only preview environments/.test(r.entry.title)) || undefined);
    } finally {
      await setSetting('dxPulse.docs.feedUrl', server.feedUrl);
    }
  });

  it('keeps showing the last good entries when the feed fails', async () => {
    server.route('/feed.json', { status: 500, body: 'down for maintenance' });
    await api.docs.refresh();
    assert.ok(api.docs.ranked.some((r) => r.entry.id === 'node16-images'), 'cached entries remain');
    const view = api.docs.view();
    assert.equal(view.status, 'ready');
    assert.ok(view.status === 'ready' && view.problems.some((p) => /HTTP 500/.test(p)), 'the failure is shown');
  });

  it('registers the search command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('dxPulse.searchDocs'));
    assert.ok(commands.includes('dxPulse.refreshDocs'));
  });
});
