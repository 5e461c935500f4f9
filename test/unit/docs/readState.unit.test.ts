import * as assert from 'node:assert/strict';
import { Entry, type EntryInput } from '../../../src/core/docs/entries';
import { takeAffectedNotices } from '../../../src/core/docs/notices';
import { rankEntries } from '../../../src/core/docs/ranking';
import { MAX_REMEMBERED_IDS, ReadState } from '../../../src/core/docs/readState';
import { emptyProfile, NOW } from './repoFixture';

function entry(e: Partial<EntryInput> & { id: string }): Entry {
  return Entry.parse({ title: e.id, kind: 'changelog', publishedAt: '2026-09-30', ...e });
}

describe('ReadState', () => {
  const entries = [entry({ id: 'a' }), entry({ id: 'b' }), entry({ id: 'doc', kind: 'doc' }), entry({ id: 'ancient', publishedAt: '2025-01-01' }), entry({ id: 'undated', publishedAt: undefined })];

  it('counts unread changelog entries, not docs, and not the old backlog of a fresh install', () => {
    const s = ReadState.create(NOW);
    assert.equal(s.unreadCount(entries), 3);
    assert.equal(s.isUnread(entries[3]), false);
  });

  it('marks one or all read, and survives a JSON round trip', () => {
    const s = ReadState.create(NOW);
    s.markRead(['a']);
    assert.equal(s.unreadCount(entries), 2);
    const restored = ReadState.fromJSON(JSON.parse(JSON.stringify(s)), NOW + 1000).state;
    assert.equal(restored.unreadCount(entries), 2);
    restored.markAllRead(entries);
    assert.equal(restored.unreadCount(entries), 0);
    assert.equal(restored.unreadCount([...entries, entry({ id: 'new' })]), 1);
  });

  it('notifies each affecting entry once, ever, across restarts', () => {
    const s = ReadState.create(NOW);
    const affecting = [{ entry: entries[0] }, { entry: entries[1] }];
    assert.deepEqual(
      s.takeNotifications(affecting).map((a) => a.entry.id),
      ['a', 'b'],
    );
    assert.deepEqual(s.takeNotifications(affecting), []);
    const restored = ReadState.fromJSON(s.toJSON(), NOW).state;
    assert.deepEqual(restored.takeNotifications([...affecting, { entry: entry({ id: 'c' }) }]).map((a) => a.entry.id), ['c']);
    assert.equal(restored.wasNotified('a'), true);
  });

  it('starts fresh with a note when the stored state is unreadable', () => {
    for (const bad of ['x', 42, { version: 2 }, { version: 1, since: 'x', read: [], notified: [] }]) {
      const r = ReadState.fromJSON(bad, NOW);
      assert.match(r.note ?? '', /reset/);
      assert.equal(r.state.unreadCount(entries), 3);
    }
    assert.equal(ReadState.fromJSON(undefined, NOW).note, undefined);
  });

  it('forgets the oldest ids beyond the bound', () => {
    const s = ReadState.create(NOW);
    s.markRead(Array.from({ length: MAX_REMEMBERED_IDS + 10 }, (_, i) => `id${i}`));
    const json = s.toJSON();
    assert.equal(json.read.length, MAX_REMEMBERED_IDS);
    assert.equal(json.read[0], 'id10');
  });
});

describe('takeAffectedNotices', () => {
  it('builds one notice per affecting entry with its explanation and days left, then never again', () => {
    const profile = emptyProfile({ images: [{ image: 'node', tag: '16-alpine', raw: 'node:16-alpine', file: 'Dockerfile' }] });
    const entries = [
      entry({ id: 'n16', title: 'Node 16 images are deprecated', type: 'deprecation', removalDate: '2026-10-13', migrationUrl: 'https://docs.example.com/node20', migration: '1. Bump', affects: [{ image: 'node', tags: '<18' }] }),
      entry({ id: 'n20', title: 'Node 20 images are deprecated', type: 'deprecation', affects: [{ image: 'node', tags: '<=20' }, { image: 'python' }] }),
      entry({ id: 'other', title: 'Python 2 removed', type: 'breaking', affects: [{ image: 'python' }] }),
      entry({ id: 'feat', title: 'Node 16 is fast', type: 'feature', affects: [{ image: 'node' }] }),
    ];
    const state = ReadState.create(NOW);
    const notices = takeAffectedNotices(rankEntries(entries, profile, NOW), state, 'en-US');
    assert.deepEqual(notices, [
      {
        entryId: 'n16',
        message: 'Deprecation: Node 16 images are deprecated. Dockerfile uses node:16-alpine. Removed in 12 days (Oct 13, 2026).',
        migrationUrl: 'https://docs.example.com/node20',
        hasMigrationSteps: true,
      },
      { entryId: 'n20', message: 'Deprecation: Node 20 images are deprecated. Dockerfile uses node:16-alpine.', migrationUrl: undefined, hasMigrationSteps: false },
    ]);
    assert.deepEqual(takeAffectedNotices(rankEntries(entries, profile, NOW), state), []);
    assert.deepEqual(takeAffectedNotices(rankEntries(entries, emptyProfile(), NOW), ReadState.create(NOW)), []);
  });

  it('writes the removal date in the editor\'s locale, as the sidebar does, and survives a malformed locale', () => {
    const profile = emptyProfile({ images: [{ image: 'node', tag: '16-alpine', raw: 'node:16-alpine', file: 'Dockerfile' }] });
    const entries = [entry({ id: 'n16', title: 'Node 16 images are deprecated', type: 'deprecation', removalDate: '2026-10-13', affects: [{ image: 'node', tags: '<18' }] })];
    const message = (locale: string) => takeAffectedNotices(rankEntries(entries, profile, NOW), ReadState.create(NOW), locale)[0]?.message ?? '';
    assert.match(message('de'), /\(13\.10\.2026\)\.$/);
    assert.match(message('en-GB'), /\(13 Oct 2026\)\.$/);
    assert.match(message('not a locale!'), /\(.*2026\)\.$/);
  });
});
