import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadPulseConfig } from '../../../src/core/config/pulseConfig';
import { loadOnboarding } from '../../../src/core/onboarding/definition';
import { parseCatalogInfo } from '../../../src/core/catalog/catalogInfo';
import { parseRemoteUrl } from '../../../src/core/metrics/serviceIdentity';

// Repository files are written by whoever made the repository: nothing in them may throw
// out of a loader that promises diagnostics, or take more than one pass.
describe('repository files, hostile input', () => {
  it('treats a __proto__ key in .dx/pulse.yaml as an unknown key at its line, and loads the rest', () => {
    const r = loadPulseConfig('metrics:\n  source: git\n__proto__:\n  polluted: true\n');
    assert.equal(r.value?.metrics?.source, 'git');
    const d = r.diagnostics.find((x) => /unknown key '__proto__'/.test(x.message));
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.equal(d.range.startLine, 2);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reports a __proto__ key inside an onboarding step instead of dropping the step silently', () => {
    const r = loadOnboarding('version: 1\nsteps:\n  - id: deps\n    title: Install dependencies\n    __proto__: {x: 1}\n    check: {type: manual}\n');
    assert.ok(r.diagnostics.some((d) => /__proto__/.test(d.message)), JSON.stringify(r.diagnostics));
  });

  it('reads 20,000 bad steps and 10,000 unknown prerequisites in one pass (they were quadratic)', () => {
    const bad = loadOnboarding(`version: 1\nsteps: [${Array(20_000).fill('1').join(',')}]\n`);
    assert.ok(bad.diagnostics.length > 0);
    const steps = Array.from({ length: 10_000 }, (_, i) => `  - {id: s${i}, title: Step ${i}, prerequisites: [nope${i}], check: {type: manual}}`).join('\n');
    const unknown = loadOnboarding(`version: 1\nsteps:\n${steps}\n`);
    assert.ok(unknown.diagnostics.some((d) => /unknown step id 'nope0' \(known: s0, s1/.test(d.message)));
  });

  it('refuses a YAML alias bomb in catalog-info.yaml with a message', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]', 'kind: Component', 'metadata: {name: x}'].join('\n');
    const m = parseCatalogInfo(bomb);
    assert.equal(m.ok, false);
    assert.match(!m.ok ? m.error : '', /could not be read/);
  });

  it('keeps a remote URL with a malformed escape as written instead of throwing', () => {
    assert.doesNotThrow(() => parseRemoteUrl('https://h/o/r%'));
  });

  it('never throws on random YAML-ish text (property)', () => {
    const piece = fc.constantFrom('version: 1\n', 'steps:\n', '  - ', 'id: a', 'title: t', '{', '}', '[', ']', ',', ': ', '&x ', '*x', '__proto__', '\n', '  ', 'metrics:', 'source: git', '"', "'", '#', '---\n');
    const text = fc.array(piece, { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (t) => {
      loadPulseConfig(t);
      loadOnboarding(t);
      parseCatalogInfo(t);
    }));
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (t) => {
      parseRemoteUrl(t);
    }));
  });
});
