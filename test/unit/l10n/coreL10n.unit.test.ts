import * as assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { formatMinutes } from '../../../src/core/metrics/viewModel';
import { progressText } from '../../../src/core/onboarding/progress';

// The host configures @vscode/l10n from vscode.l10n.bundle (src/host/l10n.ts); core texts
// then come out translated, and as written with no bundle (English).

describe('core texts through @vscode/l10n (#15 item 9)', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('reads as written in English, with no bundle', () => {
    assert.equal(formatMinutes(5), '5 min');
    assert.equal(progressText({ done: 3, total: 7 }), '3 of 7');
  });

  it('uses the bundle the host passes, placeholders filled in', () => {
    l10n.config({ contents: { '{0} min': '{0} Min.', '{0} of {1}': '{0} von {1}' } });
    assert.equal(formatMinutes(5), '5 Min.');
    assert.equal(progressText({ done: 3, total: 7 }), '3 von 7');
  });
});
