import * as assert from 'node:assert/strict';
import { Entry, type EntryInput } from '../../../src/core/docs/entries';
import { GENERAL_SCORE, isContextual, rankEntries } from '../../../src/core/docs/ranking';
import type { RepoProfile } from '../../../src/core/docs/repoProfile';
import { emptyProfile, NOW } from './repoFixture';

function entry(e: Partial<EntryInput> & { id: string }): Entry {
  return Entry.parse({ title: e.id, kind: 'changelog', type: 'feature', ...e });
}

const profile: RepoProfile = emptyProfile({
  service: { name: 'payments-api', kind: 'Component', owner: 'group:default/payments-team', tags: ['pci'], links: [], annotations: {} },
  dependencies: { 'left-pad': '^1.3.0', react: '^18.0.0' },
  images: [{ image: 'node', tag: '16-alpine', raw: 'node:16-alpine', file: 'Dockerfile' }],
  actions: [{ action: 'actions/checkout', ref: 'v3', file: '.github/workflows/ci.yml' }],
  tools: ['npm', 'docker'],
  languages: [{ language: 'typescript', files: 10 }],
});

describe('rankEntries', () => {
  it('puts affecting breaking changes and deprecations at the very top', () => {
    const ranked = rankEntries(
      [
        entry({ id: 'svc-feature', tags: { services: ['payments-api'] }, publishedAt: '2026-09-30' }),
        entry({ id: 'general-deprecation', type: 'deprecation', publishedAt: '2026-09-01' }),
        entry({ id: 'node16', type: 'deprecation', tags: { images: ['node'] }, affects: [{ image: 'node', tags: '<18' }], publishedAt: '2026-08-01' }),
        entry({ id: 'python-breaking', type: 'breaking', tags: { languages: ['python'] }, publishedAt: '2026-09-29' }),
      ],
      profile,
      NOW,
    );
    assert.deepEqual(
      ranked.map((r) => [r.entry.id, r.tier]),
      [
        ['node16', 0],
        ['general-deprecation', 1],
        ['svc-feature', 2],
        ['python-breaking', 2],
      ],
    );
    assert.match(ranked[0].affected?.explanation ?? '', /Dockerfile uses node:16-alpine/);
  });

  it('orders by match score across tag groups, with general entries above unmatched ones', () => {
    const ranked = rankEntries(
      [
        entry({ id: 'unmatched', tags: { languages: ['go'] } }),
        entry({ id: 'general' }),
        entry({ id: 'lang', tags: { languages: ['TypeScript'] } }),
        entry({ id: 'team+dep', tags: { teams: ['payments-team'], dependencies: ['left-pad'] } }),
        entry({ id: 'service', tags: { services: ['payments-api'] } }),
        entry({ id: 'action+topic', tags: { actions: ['actions/checkout'], topics: ['pci'] } }),
      ],
      profile,
      NOW,
    );
    assert.deepEqual(
      ranked.map((r) => [r.entry.id, r.score]),
      [
        ['team+dep', 11],
        ['service', 10],
        ['action+topic', 7],
        ['lang', 3],
        ['general', GENERAL_SCORE],
        ['unmatched', 0],
      ],
    );
    assert.deepEqual(ranked[0].matches, ['teams: payments-team', 'dependencies: left-pad']);
  });

  it('breaks score ties by recency, then title', () => {
    const ranked = rankEntries(
      [entry({ id: 'b-old', publishedAt: '2026-01-01' }), entry({ id: 'new', publishedAt: '2026-09-01T10:00:00Z' }), entry({ id: 'a-old', publishedAt: '2026-01-01' }), entry({ id: 'undated' })],
      profile,
      NOW,
    );
    assert.deepEqual(
      ranked.map((r) => r.entry.id),
      ['new', 'a-old', 'b-old', 'undated'],
    );
  });

  it('attaches days left to deprecations and marks which entries are contextual', () => {
    const [r] = rankEntries([entry({ id: 'd', type: 'deprecation', removalDate: '2026-10-13' })], profile, NOW);
    assert.equal(r.removal?.text, 'removed in 12 days');
    assert.equal(isContextual(r), false);
    const [m] = rankEntries([entry({ id: 'm', tags: { tools: ['npm'] } })], profile, NOW);
    assert.equal(isContextual(m), true);
  });

  it('ranks an empty profile without failing: everything general or unmatched', () => {
    const ranked = rankEntries([entry({ id: 'a', tags: { services: ['x'] } }), entry({ id: 'b' })], emptyProfile(), NOW);
    assert.deepEqual(
      ranked.map((r) => r.entry.id),
      ['b', 'a'],
    );
  });
});
