import * as assert from 'node:assert/strict';
import { manifest } from '../common/manifest';
import { readDoc } from './docText';

// Claims in docs/ that are about the manifest, checked against it (#17).

const pkg = manifest as {
  contributes: { views: Record<string, { id: string; when?: string }[]>; viewsWelcome: { view: string; when: string; contents: string }[] };
};
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

describe('docs claims about the manifest (#17)', () => {
  it('onboarding.md: the Onboarding view is always there, with a welcome text and its button when there is no checklist (item 17)', () => {
    const view = Object.values(pkg.contributes.views)
      .flat()
      .find((v) => v.id === 'dxPulse.onboarding');
    assert.ok(view, 'the Onboarding view is contributed');
    assert.equal(view.when, undefined, 'no `when`: the view is always in the side bar');
    const welcome = pkg.contributes.viewsWelcome.find((w) => w.view === 'dxPulse.onboarding' && w.when.includes('dxPulse.onboarding.status == none'));
    assert.ok(welcome, 'a welcome text for a repository without a checklist');
    assert.match(welcome.contents, /\[Create \.dx\/onboarding\.yaml from the Example\]\(command:dxPulse\.onboarding\.editChecklist\)/);
    const doc = oneLine(readDoc('docs/onboarding.md'));
    assert.ok(doc.includes('The "Onboarding" view is always in the DX Pulse side bar'));
    assert.ok(doc.includes('*Create .dx/onboarding.yaml from the Example*'));
  });
});
