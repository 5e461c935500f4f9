import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type PulseConfig } from '../../../src/core/config/pulseConfig';
import { DocsSession, type DocsFetcher } from '../../../src/core/docs/docsSession';
import { buildRepoProfile } from '../../../src/core/docs/repoProfile';
import { MemoryLog } from '../outbox/outboxTestKit';

const FEED = 'https://dx.example.com/feed.json';
const items = [
  { id: 'new-ci', title: 'Faster CI runners', kind: 'changelog', type: 'feature', publishedAt: '2026-11-20T00:00:00Z' },
  { id: 'old-doc', title: 'Golden path', kind: 'doc', type: 'announcement', url: 'https://dev.example.com/golden' },
];

function setup(feed: { items: unknown[]; error?: string } = { items }) {
  let stored: unknown;
  const config: PulseConfig = { ...DEFAULT_CONFIG, docs: { sources: [{ type: 'feed', url: FEED }], links: [] } };
  const fetcher: DocsFetcher<string> = {
    platform: async () => ({ source: 'platform', items: [], notes: [] }),
    remoteFeed: async (url) => ({ source: url, items: feed.items, notes: [], fetchedAt: 1, ...(feed.error ? { error: feed.error } : {}) }),
    repoFeed: async (_f, url) => ({ source: url, items: [], notes: [] }),
  };
  const opened: string[] = [];
  const session = new DocsSession<string>({
    config: () => config,
    repo: async () => ({ folder: '/w', normalizedRemote: 'github.com/acme/shop' }),
    platform: () => undefined,
    fetcher,
    buildProfile: async () => ({ profile: await buildRepoProfile({ read: async () => undefined, list: async () => [] }), scripts: {} }),
    store: { get: () => stored, update: async (v) => void (stored = v) },
    open: async (_t, title) => void opened.push(title),
    warn: () => undefined,
    log: new MemoryLog(),
    now: () => Date.UTC(2026, 11, 1),
  });
  return { session, opened, stored: () => stored };
}

describe('DocsSession', () => {
  it('gathers, ranks and shows entries; reading one lowers the unread count and is remembered', async () => {
    const { session, opened, stored } = setup();
    assert.equal(session.view().status, 'loading');
    await session.refresh();
    const v = session.view();
    assert.equal(v.status, 'ready');
    assert.deepEqual(session.ranked.map((r) => r.entry.id).sort(), ['new-ci', 'old-doc']);
    const before = session.unreadCount;
    await session.openEntry('old-doc');
    assert.deepEqual(opened, ['Golden path']);
    assert.ok(session.unreadCount <= before);
    assert.ok(stored() !== undefined, 'the read state was saved');
    session.markAllRead();
    assert.equal(session.unreadCount, 0);
  });

  it('says why there is nothing, and keeps the source error for the view', async () => {
    const { session } = setup({ items: [], error: 'HTTP 500 from dx.example.com' });
    await session.refresh();
    const v = session.view();
    assert.equal(v.status, 'empty');
    assert.ok(v.status === 'empty' && v.problems.includes('HTTP 500 from dx.example.com'));
  });

  it('queues one more run when asked to refresh during a run', async () => {
    const { session } = setup();
    const a = session.refresh();
    const b = session.refresh();
    const c = session.refresh();
    assert.equal(b, c, 'a second queued run was started');
    await Promise.all([a, b]);
    assert.equal(session.view().status, 'ready');
  });
});
