import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manifest } from '../common/manifest';

const root = path.resolve(__dirname, '../../..');
const pkg = manifest;

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

describe('DX Pulse walkthrough and Onboarding view (manifest)', () => {
  const walkthrough = (pkg.contributes.walkthroughs as { id: string; steps: Step[] }[]).find((w) => w.id === 'dxPulse.welcome');
  const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
  const views = new Set((pkg.contributes.views.dxPulse as { id: string }[]).map((v) => v.id));

  it('ships every walkthrough page it shows', () => {
    assert.ok(walkthrough, 'walkthrough dxPulse.welcome is contributed');
    for (const s of walkthrough.steps) {
      assert.ok(s.media.markdown, `${s.id} has a markdown page`);
      assert.ok(fs.existsSync(path.join(root, s.media.markdown)), `${s.media.markdown} exists`);
    }
  });

  it('completes steps only on commands and views that exist', () => {
    for (const s of walkthrough!.steps) {
      for (const e of s.completionEvents ?? []) {
        const [kind, arg] = e.split(':') as [string, string];
        if (kind === 'onCommand') assert.ok(commands.has(arg), `${s.id}: ${arg} is a contributed command`);
        if (kind === 'onView') assert.ok(views.has(arg), `${s.id}: ${arg} is a contributed view`);
      }
      for (const m of s.description.matchAll(/\(command:(dxPulse\.[\w.]+)/g)) {
        const id = m[1]!;
        assert.ok(commands.has(id) || id.endsWith('.focus'), `${s.id}: button runs ${id}, which is contributed`);
      }
    }
  });

  it('puts the Onboarding view right after the Overview, with welcome content for every state', () => {
    const ids = [...views];
    assert.equal(ids[ids.indexOf('dxPulse.sidebar') + 1], 'dxPulse.onboarding');
    const welcome = (pkg.contributes.viewsWelcome as { view: string; when: string }[]).filter((w) => w.view === 'dxPulse.onboarding');
    for (const status of ['none', 'invalid', 'disabled', 'loading']) assert.ok(welcome.some((w) => w.when.includes(`dxPulse.onboarding.status == ${status}`)), status);
  });
});
