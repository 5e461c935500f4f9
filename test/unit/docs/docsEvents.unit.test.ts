import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type PulseConfig } from '../../../src/core/config/pulseConfig';
import { DocsSession, type DocsSessionOptions } from '../../../src/core/docs/docsSession';
import { applyDeprecationChanges, deprecationChanges, parseDeprecationState } from '../../../src/core/docs/deprecationTracker';
import { buildRepoProfile } from '../../../src/core/docs/repoProfile';
import { countMatches, docSearchItems } from '../../../src/core/docs/search';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import { EventRecorder } from '../../../src/core/events/recorder';
import { mayRecord, type SharingLevel } from '../../../src/core/privacy/gate';
import { MemoryLog } from '../outbox/outboxTestKit';

const FEED = 'https://dx.example.com/feed.json';
const ITEMS = [
  {
    id: 'left-pad-deprecated',
    title: 'left-pad 1.x is deprecated',
    kind: 'changelog',
    type: 'deprecation',
    url: 'https://dev.example.com/left-pad',
    publishedAt: '2026-11-20T00:00:00Z',
    removalDate: '2027-03-31',
    affects: [{ dependency: 'left-pad', versions: '<2' }],
  },
  { id: 'golden', title: 'Golden path for services', kind: 'doc', type: 'announcement', url: 'https://dev.example.com/golden' },
];

class TestDocs extends DocsSession<string> {
  /** What DocsController does when package.json changes: rebuild the profile, rank again. */
  async rebuild(): Promise<void> {
    this._setProfile(await this.s.buildProfile({ folder: '/w', normalizedRemote: 'github.com/acme/shop' }));
  }
}

/** A session over the real recorder and gate; `files` is the repository, `deprecations` the shared store. */
function setup(level: { now: SharingLevel } = { now: 'all' }, shared: { deprecations?: unknown } = {}) {
  const files = new Map<string, string>([['package.json', JSON.stringify({ dependencies: { 'left-pad': '^1.3.0' } })]]);
  const events: EventEnvelope[] = [];
  const clock = { now: () => Date.UTC(2026, 11, 1) };
  const recorder = new EventRecorder({
    clock,
    log: new MemoryLog(),
    mayRecord: (k) => mayRecord(level.now, k),
    context: () => ({ installId: 'i', sessionId: 's', extensionVersion: '0.2.0', repo: { id: 'h', hashed: true } }),
    sink: (e) => void events.push(e),
  });
  const config: PulseConfig = { ...DEFAULT_CONFIG, docs: { sources: [{ type: 'feed', url: FEED }], links: [] } };
  const options: DocsSessionOptions<string> = {
    config: () => config,
    repo: async () => ({ folder: '/w', normalizedRemote: 'github.com/acme/shop' }),
    platform: () => undefined,
    fetcher: {
      platform: async () => ({ source: 'platform', items: [], notes: [] }),
      remoteFeed: async (url) => ({ source: url, items: ITEMS, notes: [] }),
      repoFeed: async (_f, url) => ({ source: url, items: [], notes: [] }),
    },
    buildProfile: async () => ({ profile: await buildRepoProfile({ read: async (p) => files.get(p), list: async (d) => (d === '.' ? [...files.keys()] : []) }), scripts: {} }),
    store: { get: () => undefined, update: async () => undefined },
    open: async () => undefined,
    warn: () => undefined,
    log: new MemoryLog(),
    now: clock.now,
    events: {
      record: (kind, data) => recorder.record(kind, data),
      sharing: () => level.now,
      store: { get: () => shared.deprecations, update: async (v) => void (shared.deprecations = structuredClone(v)) },
    },
  };
  return { session: new TestDocs(options), events, files, shared, level };
}

const of = (events: EventEnvelope[], kind: string) => events.filter((e) => e.kind === kind).map((e) => e.data);

describe('DocsSession events', () => {
  it('records docs.opened with the entry id and kind', async () => {
    const { session, events } = setup();
    await session.refresh();
    await session.openEntry('golden');
    await session.openEntry('left-pad-deprecated');
    assert.deepEqual(of(events, 'docs.opened'), [
      { entryId: 'golden', entryKind: 'doc' },
      { entryId: 'left-pad-deprecated', entryKind: 'changelog' },
    ]);
  });

  it('keeps the query of docs.searched only at sharing level all, and the result count always', async () => {
    const t = setup();
    await t.session.refresh();
    t.session.searched('  VPN for integration tests ', 0, false);
    t.level.now = 'signals';
    t.session.searched('vpn', 0, false);
    t.session.searched('   ', 3, false);
    t.level.now = 'off';
    t.session.searched('vpn', 0, false);
    assert.deepEqual(of(t.events, 'docs.searched'), [
      { query: 'VPN for integration tests', results: 0, opened: false },
      { results: 0, opened: false },
    ]);
  });

  it('counts the entries a query finds, every word anywhere in the item', async () => {
    const { session } = setup();
    await session.refresh();
    const items = docSearchItems(session.ranked);
    assert.equal(countMatches(items, 'golden'), 1);
    assert.equal(countMatches(items, 'LEFT-PAD deprecated'), 1);
    assert.equal(countMatches(items, 'golden left-pad'), 0);
    assert.equal(countMatches(items, 'vpn'), 0);
    assert.equal(countMatches(items, ''), 0);
  });

  it('records deprecation.affected once with what was found, again not after a restart, and resolved once it is gone', async () => {
    const t = setup();
    await t.session.refresh();
    await t.session.refresh();
    assert.deepEqual(of(t.events, 'deprecation.affected'), [
      { entryId: 'left-pad-deprecated', found: [{ rule: 'dependency', name: 'left-pad', version: '^1.3.0' }], removalDate: '2027-03-31' },
    ]);
    // A restart: a new session over the same shared store sends nothing new.
    const restarted = setup({ now: 'all' }, t.shared);
    await restarted.session.refresh();
    assert.deepEqual(restarted.events.filter((e) => e.kind.startsWith('deprecation.')), []);
    // The repository moves off left-pad 1.x.
    restarted.files.set('package.json', JSON.stringify({ dependencies: { 'left-pad': '^2.0.0' } }));
    await restarted.session.rebuild();
    await restarted.session.rebuild();
    assert.deepEqual(of(restarted.events, 'deprecation.resolved'), [{ entryId: 'left-pad-deprecated' }]);
    assert.deepEqual(parseDeprecationState(t.shared.deprecations).repos, {});
  });

  it('marks nothing while sharing is off, so the repository is reported once sharing is on', async () => {
    const t = setup({ now: 'off' });
    await t.session.refresh();
    assert.deepEqual(t.events, []);
    assert.equal(t.shared.deprecations, undefined);
    t.level.now = 'signals';
    await t.session.rebuild();
    assert.equal(of(t.events, 'deprecation.affected').length, 1);
  });
});

describe('deprecationChanges', () => {
  it('neither resolves nor forgets an entry that no source lists any more', () => {
    const state = applyDeprecationChanges(parseDeprecationState(undefined), 'r', ['gone', 'kept'], []);
    assert.deepEqual(state.repos, { r: ['gone', 'kept'] });
    const c = deprecationChanges(state, 'r', []);
    assert.deepEqual(c, { affected: [], resolved: [] });
    assert.deepEqual(applyDeprecationChanges(state, 'r', [], ['kept']).repos, { r: ['gone'] });
    assert.deepEqual(parseDeprecationState({ version: 2 }), { version: 1, repos: {} });
  });
});
