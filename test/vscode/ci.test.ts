import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { CiView } from '../../src/protocol/sidebar';
import { PlatformServer } from '../fixtures/platformServer';
import { EXTENSION_ID, activateExtension, runWorkspaceTask, setSetting, waitFor } from './helpers';

const MIN = 60_000;
const DAY = 86_400_000;
type Ready = Extract<CiView, { status: 'ready' }>;

describe('CI pipeline duration in the real editor', () => {
  let server: PlatformServer;
  const repoId = createHash('sha256').update('github.com/example-org/payments-api').digest('hex');
  const api = () => vscode.extensions.getExtension<{ ci: { view: CiView; refresh(): Promise<void> } }>(EXTENSION_ID)!.exports.ci;

  before(async () => {
    await activateExtension();
    server = await PlatformServer.start();
    const now = Date.now();
    const run = (id: string, daysAgo: number, minutes: number, over: Record<string, unknown> = {}) => {
      const start = now - daysAgo * DAY;
      return { id, workflow: 'CI', branch: 'main', sha: id.padEnd(40, 'a'), attempt: 1, conclusion: 'success', startedAt: new Date(start).toISOString(), finishedAt: new Date(start + minutes * MIN).toISOString(), ...over };
    };
    // 8, 12 and 20 minutes on main: p50 12, p90 rank 1.8: 12 + 0.8 * 8 = 18.4
    server.resources.set(`/v1/repos/${repoId}/ci-runs`, { repoId, defaultBranch: 'main', since: new Date(now - 180 * DAY).toISOString(), runs: [run('c1', 3, 8), run('c2', 2, 12), run('c3', 1, 20, { conclusion: 'failure' })] });
  });
  after(async () => {
    await vscode.commands.executeCommand('dxPulse.signOut');
    await setSetting('dxPulse.platform.url', undefined);
    await server.close();
  });

  it('reads the platform’s runs for this repo and adds the local build loop from a task that ran', async () => {
    await setSetting('dxPulse.platform.url', server.url);
    await vscode.commands.executeCommand('dxPulse.signIn', server.token);
    assert.equal(await runWorkspaceTask('build'), 0);
    const view = await waitFor(
      'the CI section from the platform',
      async () => {
        await api().refresh();
        const v = api().view;
        return v.status === 'ready' && v.local ? (v as Ready) : undefined;
      },
      45_000,
    );
    assert.equal(view.sourceLabel, 'from your platform');
    assert.equal(view.summary, 'CI p50 12 min · p90 18 min on main (target 10 min)');
    assert.deepEqual(view.branches[0]!.lines.slice(0, 2), ['2 of 3 runs over 10 min: 12 min lost past the target.', '1 run failed (33 %).']);
    assert.ok(server.requests.some((r) => r.path.startsWith(`/v1/repos/${repoId}/ci-runs?since=`) && r.headers.authorization === `Bearer ${server.token}`));
    // The build task of the demo workspace ran here: the local loop has its duration.
    assert.match(view.local!.lines[0]!, /^Build: .* p50, .* p90, \d+ runs?, \d+ failed\.$/);
  });
});
