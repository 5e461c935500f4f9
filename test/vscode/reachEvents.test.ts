import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DxPulseApi } from '../../src/extension';
import { activateExtension, allEvents, collectedData, EXTENSION_ID, setSetting, testPlatform, waitFor } from './helpers';

// The events of #18 from the real editor to the DX Pulse Platform server itself (started by
// scripts/test-vscode.mjs): activity.day, docs.opened and deprecation.affected are caused
// here, seen in Show Collected Data, found in the platform's export, and counted by the
// dashboard's Changelog route.
describe('Dashboard events to the DX Pulse Platform server (real editor, real server)', () => {
  const ENTRY = 'platform-node16-images';
  let api: DxPulseApi;

  before(async () => {
    await activateExtension();
    api = vscode.extensions.getExtension<DxPulseApi>(EXTENSION_ID)!.exports;
  });
  after(async () => {
    await setSetting('dxPulse.telemetry.level', undefined);
    await vscode.commands.executeCommand('dxPulse.signOut');
    await setSetting('dxPulse.platform.url', undefined);
  });

  it('sends activity.day, docs.opened and deprecation.affected, and the dashboard counts the repository as still affected', async function () {
    if (!testPlatform.url) this.skip();
    this.timeout(120_000);
    // An entry the platform publishes, about the node:16-alpine image the demo workspace's Dockerfile uses.
    const published = await testPlatform.admin('POST', '/admin/v1/docs', {
      entry: {
        id: ENTRY,
        kind: 'changelog',
        type: 'deprecation',
        title: 'Node 16 images leave the platform',
        markdown: 'Move to `node:20-alpine`.',
        tags: ['node'],
        publishedAt: '2026-11-01T09:00:00Z',
        removalDate: '2027-03-31',
        affects: [{ image: 'node', tags: '<18' }],
      },
    });
    assert.equal(published.status, 201, await published.text());
    const made = await testPlatform.admin('POST', '/admin/v1/tokens', { name: 'reach', scope: 'ingest' });
    const { token } = (await made.json()) as { token: string };
    await setSetting('dxPulse.platform.url', testPlatform.url);
    await vscode.commands.executeCommand('dxPulse.signIn', token);

    // Today's activity.day went to whichever destination was set when the window opened:
    // forget it, then a change of the sharing level (a moment the editor is used) sends it again.
    await api.testing!.forgetActivityDays!();
    await setSetting('dxPulse.telemetry.level', 'signals');
    await setSetting('dxPulse.telemetry.level', 'all');

    await api.docs.refresh();
    await waitFor('the platform entry to be ranked as affecting this repository', () => api.docs.ranked.find((r) => r.entry.id === ENTRY && r.affected));
    await api.docs.openEntry(ENTRY);

    const seen = await waitFor('the events in Show Collected Data', async () => {
      const events = allEvents(await collectedData());
      const kinds = new Set(events.map((e) => e.kind));
      return ['activity.day', 'docs.opened', 'deprecation.affected'].every((k) => kinds.has(k)) ? events : undefined;
    }, 30_000);
    const opened = seen.find((e) => e.kind === 'docs.opened' && e.data.entryId === ENTRY);
    assert.deepEqual(opened?.data, { entryId: ENTRY, entryKind: 'changelog' });

    const day = await waitFor('activity.day in the platform\u2019s export', async () => (await testPlatform.exported('activity.day')).find((e) => e.data.day === new Date().toISOString().slice(0, 10)), 60_000);
    assert.ok(day.installId && day.repo?.id, 'activity.day names the install and the repository');
    await waitFor('docs.opened in the platform\u2019s export', async () => (await testPlatform.exported('docs.opened')).find((e) => e.data.entryId === ENTRY), 60_000);
    const affected = await waitFor('deprecation.affected in the platform\u2019s export', async () => (await testPlatform.exported('deprecation.affected')).find((e) => e.data.entryId === ENTRY), 60_000);
    assert.deepEqual(affected.data.found, [{ rule: 'image', name: 'node', version: '16-alpine' }]);
    assert.ok(!JSON.stringify(affected).includes('Dockerfile'), 'no file path or contents');

    const changelog = (await (await testPlatform.admin('GET', '/admin/v1/insights/changelog')).json()) as { entries: { id: string; opened: number | null; stillAffected: { repos: number } | null }[] };
    const entry = changelog.entries.find((e) => e.id === ENTRY)!;
    assert.equal(entry.stillAffected?.repos, 1);
    // One developer: below the minimum group, so the count is hidden.
    assert.equal(entry.opened, null);
  });
});
