import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseActivityState } from '../../../src/core/activity/activityDays';
import { applyDeprecationChanges, deprecationChanges, parseDeprecationState } from '../../../src/core/docs/deprecationTracker';
import { countMatches } from '../../../src/core/docs/search';
import { teamName } from '../../../src/core/surveys/eligibility';

// What another version of DX Pulse (or a hand-edited globalState) left in the store, a
// catalog owner and a search query: any value, never a throw, always a usable answer.
describe('stored activity and deprecation states, team names and search counts', () => {
  it('reads any stored value as a state, keeping only well-formed ones', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const a = parseActivityState(raw);
        assert.equal(a.version, 1);
        assert.ok(Object.values(a.lastDay).every((d) => typeof d === 'string'));
        const d = parseDeprecationState(raw);
        assert.equal(d.version, 1);
        // A state read from anything can be used at once.
        const next = applyDeprecationChanges(d, 'r', ['e'], []);
        assert.deepEqual(deprecationChanges(next, 'r', []), { affected: [], resolved: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('gives a team name without throwing for any owner reference, never an empty one', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 300 }), { nil: undefined }), (ref) => {
        const t = teamName(ref);
        assert.ok(t === undefined || (t.length > 0 && t === t.trim()));
      }),
    );
  });

  it('counts matches of any query over any items within the number of items', () => {
    const item = fc.record({ label: fc.string(), description: fc.option(fc.string(), { nil: undefined }), detail: fc.option(fc.string(), { nil: undefined }), separator: fc.option(fc.boolean(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), fc.string({ maxLength: 200 }), (items, q) => {
        const n = countMatches(items, q);
        assert.ok(Number.isInteger(n) && n >= 0 && n <= items.filter((i) => !i.separator).length);
      }),
    );
    // A long query over a long list answers too (no backtracking: plain substring tests).
    assert.equal(countMatches([{ label: 'a'.repeat(100_000) }], `${'a '.repeat(5000)}b`), 0);
  });
});
