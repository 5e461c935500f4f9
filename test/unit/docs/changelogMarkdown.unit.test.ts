import * as assert from 'node:assert/strict';
import { parseAffectsMarker, parseChangelogMarkdown } from '../../../src/core/docs/changelogMarkdown';
import fc from 'fast-check';
import { SAMPLE_CHANGELOG } from '../../fixtures/feedServer';

describe('parseChangelogMarkdown', () => {
  it('turns each bullet of a released version into an entry, skipping Unreleased', () => {
    const { entries, notes } = parseChangelogMarkdown(SAMPLE_CHANGELOG, { url: 'https://platform.example.com/CHANGELOG.md' });
    assert.deepEqual(notes, []);
    assert.deepEqual(
      entries.map((e) => [e.version, e.type, e.title, e.publishedAt]),
      [
        ['1.4.0', 'feature', 'Preview environments for every pull request', '2026-09-15'],
        ['1.4.0', 'deprecation', 'left-pad below 2.0 is deprecated', '2026-09-15'],
        ['1.4.0', 'breaking', 'The legacy deploy script `deploy.sh`', '2026-09-15'],
        ['1.3.0', 'breaking', 'the build image no longer ships Python 2', '2026-08-01'],
      ],
    );
  });

  it('reads inline tag markers, trailing (tags: ...), affects, removal and migration', () => {
    const { entries } = parseChangelogMarkdown(SAMPLE_CHANGELOG);
    const [added, deprecated, removed, fixed] = entries;
    assert.deepEqual(added.tags, { tools: ['github-actions'], services: ['payments-api'] });
    assert.deepEqual(deprecated.tags, { dependencies: ['left-pad'] });
    assert.deepEqual(deprecated.affects, [{ dependency: 'left-pad', versions: '<2.0.0' }]);
    assert.equal(deprecated.removalDate, '2026-10-20');
    assert.equal(deprecated.body, 'The package is unmaintained.');
    assert.equal(deprecated.migration, 'replace it with `String.prototype.padStart`.');
    assert.deepEqual(removed.tags, { topics: ['deploy', 'bash'] });
    assert.deepEqual(fixed.tags, { languages: ['python'] });
  });

  it('links entries to their version link, else to the changelog itself', () => {
    const { entries } = parseChangelogMarkdown(SAMPLE_CHANGELOG, { url: 'https://platform.example.com/CHANGELOG.md' });
    assert.equal(entries[0].url, 'https://platform.example.com/releases/1.4.0');
    assert.equal(entries[3].url, 'https://platform.example.com/CHANGELOG.md');
  });

  it('makes stable, unique ids and honours an explicit [id:...]', () => {
    const md = '## [2.0.0] - 2026-01-02\n### Fixed\n- Same title\n- Same title\n- Other [id:my-stable-id]\n';
    const a = parseChangelogMarkdown(md, { idPrefix: 'x#' }).entries.map((e) => e.id);
    const b = parseChangelogMarkdown(md, { idPrefix: 'x#' }).entries.map((e) => e.id);
    assert.deepEqual(a, ['x#2.0.0:same-title', 'x#2.0.0:same-title-2', 'my-stable-id']);
    assert.deepEqual(a, b);
  });

  it('accepts other heading styles and notes what it cannot read', () => {
    const md = '## 3.1.0 (2026-02-03)\n### Added\n- A\n### Misc\n- ignored\n## [3.0.0]\n### Changed\n- B [affects:thing]\n';
    const { entries, notes } = parseChangelogMarkdown(md);
    assert.deepEqual(
      entries.map((e) => [e.version, e.publishedAt, e.title, e.type]),
      [
        ['3.1.0', '2026-02-03', 'A', 'feature'],
        ['3.0.0', undefined, 'B', 'improvement'],
      ],
    );
    assert.ok(notes.some((n) => /unknown section "### Misc"/.test(n)));
    assert.ok(notes.some((n) => /3\.0\.0 has no date/.test(n)));
    assert.ok(notes.some((n) => /unreadable marker \[affects:thing\]/.test(n)));
  });

  it('does not take markdown links for markers, nor headings inside code fences', () => {
    const md = '## [1.0.0] - 2026-01-01\n### Added\n- See [docs:here](https://x.example.com) for more\n  ```\n  ## not a heading\n  ```\n';
    const { entries } = parseChangelogMarkdown(md);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].title, 'See [docs:here](https://x.example.com) for more');
    assert.match(entries[0].body ?? '', /## not a heading/);
  });

  it('returns nothing, without throwing, for text that is not a changelog', () => {
    assert.deepEqual(parseChangelogMarkdown('just some text\n- a bullet').entries, []);
    assert.deepEqual(parseChangelogMarkdown('').entries, []);
  });
});

describe('parseAffectsMarker', () => {
  it('parses each rule kind and keeps scoped package names whole', () => {
    assert.deepEqual(parseAffectsMarker('image=node@<18'), { image: 'node', tags: '<18' });
    assert.deepEqual(parseAffectsMarker('action=actions/checkout@<v4'), { action: 'actions/checkout', versions: '<v4' });
    assert.deepEqual(parseAffectsMarker('dependency=@scope/pkg@<2'), { dependency: '@scope/pkg', versions: '<2' });
    assert.deepEqual(parseAffectsMarker('dep=@scope/pkg'), { dependency: '@scope/pkg', versions: undefined });
    assert.equal(parseAffectsMarker('nonsense'), undefined);
  });
});

describe('parseChangelogMarkdown on hostile input', () => {
  const wrap = (line: string) => `# Changelog\n\n## [1.0.0] - 2026-01-01\n### Changed\n${line}\n`;

  it('answers in one pass where the old marker and tag patterns were quadratic (a hang on 1 MB)', () => {
    // Each of these took seconds at 10 KB before; at 500 KB a quadratic pass would not finish.
    const big = 500_000;
    parseChangelogMarkdown(wrap(`- x[a:${' '.repeat(big)}`));
    parseChangelogMarkdown(wrap(`- x${'[a:'.repeat(big / 3)}`));
    parseChangelogMarkdown(wrap(`- x${' '.repeat(big)}(tags: a`));
    parseChangelogMarkdown(wrap(`- x${'(tags:'.repeat(big / 6)}`));
  });

  it('still reads markers and trailing tags, trimming their values', () => {
    const r = parseChangelogMarkdown(wrap('- Node 16 images go away [id:  node16-eol ] [removal: 2026-06-01]  (tags: images, node )'));
    const e = r.entries[0]!;
    assert.equal(e.id, 'node16-eol');
    assert.equal(e.removalDate, '2026-06-01');
    assert.deepEqual(e.tags?.topics, ['images', 'node']);
    assert.equal(e.title, 'Node 16 images go away');
  });

  it('never throws on random markdown built from its own syntax (property)', () => {
    const piece = fc.constantFrom('## [1.0.0] - 2026-01-01', '### Added', '- ', '[id:', '[affects:', ']', '(tags:', ')', ' ', '\n', 'BREAKING:', 'Migration:', 'x', '[', '*');
    fc.assert(fc.property(fc.array(piece, { maxLength: 80 }).map((a) => a.join('')), (text) => {
      const r = parseChangelogMarkdown(`# Changelog\n${text}`);
      assert.ok(Array.isArray(r.entries));
    }));
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), (text) => {
      parseChangelogMarkdown(text);
    }));
  });
});
