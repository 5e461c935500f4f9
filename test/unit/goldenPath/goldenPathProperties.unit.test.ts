import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadPulseConfig } from '../../../src/core/config/pulseConfig';
import { GoldenPathCheck, parseGoldenPathChecks } from '../../../src/core/goldenPath/definition';
import { evaluateGoldenPath } from '../../../src/core/goldenPath/evaluate';
import { emptyProfile } from '../docs/repoFixture';

// Check definitions come from repository files and platform responses; the files they
// match come from whoever made the repository. Nothing may throw out, and no pattern may
// backtrack: the classic catastrophic regexes are refused or run on RE2JS.
describe('golden-path checks, hostile input (properties)', () => {
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  const ruleish = fc.record(
    {
      id: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('a', 'ok-1', '__proto__', 'constructor')),
      title: fc.string({ maxLength: 50 }),
      fileExists: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('../etc/passwd', '/abs', 'C:\\x', '~/x', 'a/**', 'https://x')),
      fileMatches: fc.record({ path: fc.string({ maxLength: 20 }), pattern: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('/(a+)+$/', '/(a|aa)*b/', '/(?=a)/', '/\\1/', '/x/g', '/[/')) }),
      dependency: fc.record({ name: fc.string({ maxLength: 20 }), range: fc.string({ maxLength: 20 }) }),
    },
    { requiredKeys: [] },
  );

  it('parseGoldenPathChecks never throws and keeps only checks the schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, fc.array(fc.oneof(ruleish, anyJson), { maxLength: 20 })), (raw) => {
        const r = parseGoldenPathChecks(raw);
        for (const c of r.checks) assert.ok(GoldenPathCheck.safeParse(c).success);
        assert.equal(new Set(r.checks.map((c) => c.id)).size, r.checks.length);
      }),
      { numRuns: 300 },
    );
  });

  it('loadPulseConfig never throws on generated goldenPath YAML', () => {
    const piece = fc.constantFrom('goldenPath:\n', '  checks:\n', '    - ', 'id: a\n', '      title: t\n', '      fileExists: x\n', "      fileMatches: {path: a, pattern: '/(a+)+$/'}\n", '      dependency: {name: n, range: ">=1"}\n', '{', '[', ':', '\n', '&a ', '*a', '"');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), (t) => void loadPulseConfig(t)), { numRuns: 300 });
  });

  it('evaluates accepted checks on arbitrary file text without throwing, including nested-quantifier bait', async () => {
    const checks = parseGoldenPathChecks([
      { id: 're', title: 're', fileMatches: { path: 'f.txt', pattern: '/^(a|a?)+b$/' } },
      { id: 'glob', title: 'glob', fileMatches: { path: 'f.txt', pattern: '*a*a*a*a*a*b' } },
      { id: 'from', title: 'from', dockerfileFrom: { pattern: '/(x+x+)+y/' } },
    ]).checks;
    assert.equal(checks.length, 3);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 2000 }), fc.integer({ min: 1000, max: 30_000 }).map((n) => 'a'.repeat(n) + '!')), async (text) => {
        const files = { read: async () => text, list: async () => ['f.txt'] };
        const card = await evaluateGoldenPath(checks, files, emptyProfile({ images: [{ image: 'x', raw: 'x'.repeat(text.length % 5000) + '!', file: 'Dockerfile' }] }));
        assert.equal(card.total, 3);
      }),
      { numRuns: 60 },
    );
  });

  it('turns a RepoFiles that throws into a failed check with the reason', async () => {
    const checks = parseGoldenPathChecks([{ id: 'm', title: 'm', fileMatches: { path: 'a', pattern: '/x/' } }]).checks;
    const files = { read: async () => { throw new Error('EACCES'); }, list: async () => { throw new Error('EACCES'); } };
    const card = await evaluateGoldenPath(checks, files, emptyProfile());
    assert.deepEqual(card.results.map((r) => [r.passed, r.detail]), [[false, 'a is missing']]);
  });
});
