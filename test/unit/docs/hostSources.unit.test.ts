import * as assert from 'node:assert/strict';
import { entriesFromPlatformDocs, flatTagsToGroups } from '../../../src/core/docs/platformEntries';
import { isRemoteSource, repoRelativePath } from '../../../src/core/docs/repoPaths';
import { mergeEntrySources, fetchFeed } from '../../../src/core/docs/sources';
import { AxiosTransport } from '../../../src/host/http';
import { startFeedServer, type FeedServer } from '../../fixtures/feedServer';

describe('flatTagsToGroups', () => {
  it('puts prefixed platform tags in their group and the rest in topics', () => {
    assert.deepEqual(flatTagsToGroups(['tool:npm', 'dep:left-pad', 'Service: Payments-API', 'deploy', ' ']), {
      tools: ['npm'],
      dependencies: ['left-pad'],
      services: ['payments-api'],
      topics: ['deploy'],
    });
  });

  it('keeps an unknown prefix whole, as a topic', () => {
    assert.deepEqual(flatTagsToGroups(['jira:PLAT-1']), { topics: ['jira:plat-1'] });
  });
});

describe('entriesFromPlatformDocs', () => {
  it('turns the platform contract into entries that pass validation', () => {
    const items = entriesFromPlatformDocs({
      entries: [
        { id: 'chg-1', kind: 'changelog', title: 'Deploy API v2', url: 'https://dev.example.com/deploy-v2', tags: ['deploy'], type: 'breaking', publishedAt: '2026-03-01T00:00:00Z', removalDate: '2026-06-30', migration: 'Use `dx deploy`.' },
        { id: 'doc-1', kind: 'doc', title: 'Runbook', markdown: '# Runbook', tags: ['service:payments-api'], publishedAt: '2026-01-01T00:00:00Z' },
      ],
    });
    const { entries, dropped } = mergeEntrySources([{ source: 'platform', items }]);
    assert.deepEqual(dropped, []);
    assert.equal(entries[0].type, 'breaking');
    assert.equal(entries[0].migration, 'Use `dx deploy`.');
    assert.equal(entries[1].type, 'announcement');
    assert.equal(entries[1].body, '# Runbook');
    assert.deepEqual(entries[1].tags, { services: ['payments-api'] });
    assert.equal(entries[1].source, 'platform');
  });

  it('keeps what an entry affects (optional v1 field), so platform docs can trigger the notice', () => {
    const items = entriesFromPlatformDocs({
      entries: [{ id: 'node16', kind: 'changelog', title: 'Node 16 images go away', url: 'https://dev.example.com/n16', tags: [], type: 'deprecation', publishedAt: '2026-03-01T00:00:00Z', removalDate: '2026-06-30', affects: [{ image: 'node', tags: '<18' }] }],
    });
    const { entries, dropped } = mergeEntrySources([{ source: 'platform', items }]);
    assert.deepEqual(dropped, []);
    assert.deepEqual(entries[0]!.affects, [{ image: 'node', tags: '<18' }]);
  });
});

describe('repoRelativePath', () => {
  it('accepts paths inside the repo and normalises them', () => {
    assert.equal(repoRelativePath('.dx/platform-feed.json'), '.dx/platform-feed.json');
    assert.equal(repoRelativePath('./docs/../CHANGELOG.md'), 'CHANGELOG.md');
    assert.equal(repoRelativePath('docs\\feed.json'), 'docs/feed.json');
  });

  it('refuses paths that leave the repo', () => {
    for (const p of ['../secrets.json', '/etc/passwd', 'C:/Users/x/feed.json', 'docs/../../x', '.', '']) assert.equal(repoRelativePath(p), undefined, p);
  });

  it('tells URLs from paths', () => {
    assert.equal(isRemoteSource('https://platform.example.com/feed.json'), true);
    assert.equal(isRemoteSource('http://127.0.0.1:4000/feed.json'), true);
    assert.equal(isRemoteSource('.dx/platform-feed.json'), false);
    assert.equal(isRemoteSource('CHANGELOG.md'), false);
  });
});

describe('fetchFeed over the shared transport', () => {
  let server: FeedServer;
  before(async () => {
    server = await startFeedServer();
  });
  after(() => server.close());

  it('fetches a feed through the axios transport, then revalidates it with its ETag', async () => {
    const http = new AxiosTransport();
    const first = await fetchFeed(server.feedUrl, http);
    assert.equal(first.status, 'ok');
    assert.ok(first.etag);
    assert.equal(first.items.length, 5);
    const second = await fetchFeed(server.feedUrl, http, { etag: first.etag, items: first.items });
    assert.equal(second.status, 'notModified');
    assert.equal(second.items.length, 5);
    assert.equal(server.requests.at(-1)?.ifNoneMatch, first.etag);
  });

  it('refuses a feed over the size cap and keeps the cached items', async () => {
    const r = await fetchFeed(`${server.origin}/huge.json`, new AxiosTransport(), { items: [{ id: 'kept' }] });
    assert.equal(r.status, 'error');
    assert.match(r.status === 'error' ? r.error : '', /more than the 2097152 bytes|larger than/);
    assert.deepEqual(r.items, [{ id: 'kept' }]);
  });

  it('reads a Keep-a-Changelog file by its content type', async () => {
    const r = await fetchFeed(server.changelogUrl, new AxiosTransport());
    assert.equal(r.status, 'ok');
    assert.ok(r.items.length >= 3);
  });
});
