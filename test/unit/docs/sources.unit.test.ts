import * as assert from 'node:assert/strict';
import { AxiosTransport } from '../../../src/host/http';
import { entryTime, parseEntry } from '../../../src/core/docs/entries';
import { entriesFromCatalogLinks, entriesFromPulseDocsLinks, fetchFeed, mergeEntrySources, parseFeedText, parseJsonFeed, parseRepoFeed } from '../../../src/core/docs/sources';
import { SAMPLE_FEED, startFeedServer, type FeedServer } from '../../fixtures/feedServer';

describe('parseEntry', () => {
  it('accepts a minimal entry and defaults its type', () => {
    assert.equal(parseEntry({ id: 'a', title: 'A', kind: 'doc' }).entry?.type, 'announcement');
  });

  it('names the entry and the field when rejecting', () => {
    const r = parseEntry({ id: 'bad-url', title: 'x', kind: 'doc', url: 'javascript:alert(1)' });
    assert.equal(r.entry, undefined);
    assert.match(r.error ?? '', /entry "bad-url".*must be an http\(s\) URL.*url/);
    assert.match(parseEntry(42).error ?? '', /entry without a valid id/);
  });

  it('rejects affects rules it does not know', () => {
    assert.ok(parseEntry({ id: 'r', title: 'r', kind: 'changelog', affects: [{ runtime: 'node' }] }).error);
  });
});

describe('mergeEntrySources', () => {
  it('keeps the good entries, drops the bad ones with a reason, earlier sources win', () => {
    const r = mergeEntrySources([
      { source: 'platform', items: [{ id: 'a', title: 'From platform', kind: 'doc', url: 'https://x.example.com/doc/' }, { id: 'broken', kind: 'doc' }] },
      {
        source: 'feed',
        items: [
          { id: 'a', title: 'From feed', kind: 'doc' },
          { id: 'b', title: 'Same URL', kind: 'doc', url: 'https://X.example.com/doc#section' },
          { id: 'c1', title: 'C1', kind: 'changelog', url: 'https://x.example.com/doc/' },
          { id: 'c2', title: 'C2', kind: 'changelog', url: 'https://x.example.com/doc/' },
        ],
      },
    ]);
    assert.deepEqual(
      r.entries.map((e) => `${e.id}:${e.title}:${e.source}`),
      ['a:From platform:platform', 'c1:C1:feed', 'c2:C2:feed'],
    );
    assert.equal(r.dropped.length, 1);
    assert.deepEqual({ source: r.dropped[0].source, index: r.dropped[0].index, id: r.dropped[0].id }, { source: 'platform', index: 1, id: 'broken' });
    assert.match(r.dropped[0].reason, /title/);
  });
});

describe('parseFeedText', () => {
  it('reads JSON and markdown by content type, path or content', () => {
    assert.equal(parseFeedText(JSON.stringify(SAMPLE_FEED)).items.length, SAMPLE_FEED.entries.length);
    assert.equal(parseFeedText('## [1.0.0] - 2026-01-01\n### Added\n- X\n', { url: 'https://a.example.com/CHANGELOG.md' }).items.length, 1);
    assert.match(parseFeedText('{"entries": ', { contentType: 'application/json' }).notes[0], /not valid JSON/);
    assert.match(parseJsonFeed({ items: [] }).notes[0], /not \{"entries"/);
    assert.match(parseFeedText('hello', { contentType: 'text/markdown' }).notes[0], /no released version/);
  });
});

describe('fetchFeed over HTTP', () => {
  let server: FeedServer;
  const http = new AxiosTransport();
  before(async () => {
    server = await startFeedServer();
  });
  after(async () => {
    await server.close();
  });

  it('fetches the JSON feed, then revalidates with its ETag and gets 304', async () => {
    const first = await fetchFeed(server.feedUrl, http);
    assert.equal(first.status, 'ok');
    assert.equal(first.items.length, SAMPLE_FEED.entries.length);
    assert.ok(first.etag);
    const second = await fetchFeed(server.feedUrl, http, { etag: first.etag, items: first.items });
    assert.equal(second.status, 'notModified');
    assert.equal(second.items, first.items);
    assert.equal(server.requests.at(-1)?.ifNoneMatch, first.etag);
  });

  it('fetches and parses the markdown changelog', async () => {
    const r = await fetchFeed(server.changelogUrl, http);
    assert.equal(r.status, 'ok');
    const merged = mergeEntrySources([{ source: server.changelogUrl, items: r.items }]);
    assert.equal(merged.entries.length, 4);
    assert.equal(merged.entries[1].type, 'deprecation');
  });

  it('drops only the invalid entries of a feed', async () => {
    const r = await fetchFeed(`${server.origin}/bad-entries.json`, http);
    const merged = mergeEntrySources([{ source: 'feed', items: r.items }]);
    assert.deepEqual(
      merged.entries.map((e) => e.id),
      ['payments-runbook', 'npm-build-cache'],
    );
    assert.deepEqual(
      merged.dropped.map((d) => d.id ?? `#${d.index}`),
      ['no-title', 'bad-url', 'bad-type', '#4'],
    );
  });

  it('keeps the cached items when the feed is malformed, missing, failing or huge', async () => {
    const cached = { etag: '"old"', items: [{ id: 'kept', title: 'Kept', kind: 'doc' }] };
    for (const [path, pattern] of [
      ['/malformed.json', /not valid JSON/],
      ['/not-a-feed.json', /not \{"entries"/],
      ['/error', /HTTP 500/],
      ['/nothing-here', /HTTP 404/],
      ['/huge.json', /more than the 2097152/],
    ] as const) {
      const r = await fetchFeed(`${server.origin}${path}`, http, cached);
      assert.equal(r.status, 'error', path);
      assert.equal(r.items, cached.items, path);
      assert.match(r.status === 'error' ? r.error : '', pattern, path);
    }
  });

  it('refuses plain http to anything but loopback, and nonsense URLs', async () => {
    const r = await fetchFeed('http://platform.example.com/feed.json', http);
    assert.match(r.status === 'error' ? r.error : '', /must use https/);
    const bad = await fetchFeed('not a url', http);
    assert.match(bad.status === 'error' ? bad.error : '', /is not a URL/);
    assert.equal(server.requests.some((q) => q.path === '/feed.json' && q.ifNoneMatch === 'x'), false);
  });

  it('reports a timeout as an error', async () => {
    const slow = await startFeedServer({ slowMs: 1500 });
    try {
      const fast = new AxiosTransport();
      const r = await fetchFeed(`${slow.origin}/slow`, { request: (q) => fast.request({ ...q, timeoutMs: 100 }) });
      assert.equal(r.status, 'error');
    } finally {
      await slow.close();
    }
  });
});

describe('repo-provided docs', () => {
  it('turns catalog-info links into docs of the service', () => {
    const items = entriesFromCatalogLinks({ name: 'Payments-API', kind: 'Component', owner: 'group:default/payments-team', tags: [], links: [{ url: 'https://runbook.example.com', title: 'Runbook' }], annotations: {} });
    const r = mergeEntrySources([{ source: 'catalog-info.yaml', items }]);
    assert.deepEqual(r.entries[0].tags, { services: ['payments-api'], teams: ['payments-team'] });
    assert.equal(r.entries[0].title, 'Runbook');
  });

  it('reads .dx/pulse.yaml docs.links and skips bad ones with a note', () => {
    const { items, notes } = entriesFromPulseDocsLinks([{ title: 'Onboarding', url: 'https://wiki.example.com/onboarding', tags: ['Setup'] }, { title: 'no url' }, { url: 'ftp://x' }], 'svc');
    const r = mergeEntrySources([{ source: '.dx/pulse.yaml', items }]);
    assert.deepEqual(
      r.entries.map((e) => [e.title, e.tags]),
      [['Onboarding', { services: ['svc'], topics: ['setup'] }]],
    );
    assert.equal(notes.length, 1);
    assert.equal(r.dropped.length, 1);
    assert.match(entriesFromPulseDocsLinks('nope').notes[0], /must be a list/);
  });
});

describe('docs sources as docs/docs-and-changelog.md and configuration.md describe them (#17)', () => {
  const feed = JSON.stringify({ entries: [{ id: 'a', title: 'A', kind: 'doc' }] });
  const changelog = '## [1.0.0] - 2026-01-31\n### Added\n- Preview environments\n';

  it('reads a source as its type says, whatever its name or content type (item 8)', () => {
    // A changelog behind a .json name and a JSON content type; a JSON feed behind a plain name and a markdown content type.
    assert.equal(parseFeedText(feed, { url: 'https://x.example.com/feed', contentType: 'text/markdown', format: 'feed' }).items.length, 1);
    const md = parseFeedText(changelog, { url: 'https://x.example.com/feed.json', contentType: 'application/json', format: 'markdownChangelog' });
    assert.equal(md.items.length, 1);
    assert.match(parseFeedText(changelog, { url: 'https://x.example.com/c', format: 'feed' }).notes[0] ?? '', /type: feed must be a JSON feed/);
  });

  it('reads a `feed` whose path ends in .md as Keep-a-Changelog, whatever its query (item 8)', () => {
    assert.equal(parseFeedText(changelog, { url: 'https://gitlab.example.com/p/-/raw/main/CHANGELOG.md?ref=main', format: 'feed' }).items.length, 1);
    assert.equal(parseRepoFeed('docs/CHANGELOG.md', changelog, 'feed', undefined).items.length, 1);
  });

  it('keeps the last good copy of a repository feed file that stops reading (item 15)', () => {
    const good = parseRepoFeed('.dx/platform-feed.json', feed, 'feed', undefined);
    assert.equal(good.error, undefined);
    assert.equal(good.items.length, 1);
    const broken = parseRepoFeed('.dx/platform-feed.json', '{"entries": [', 'feed', good.items);
    assert.equal(broken.items.length, 1);
    assert.equal(broken.fromLastGood, true);
    assert.match(broken.error ?? '', /last good copy/);
    const gone = parseRepoFeed('.dx/platform-feed.json', { error: 'gone' }, 'feed', good.items);
    assert.equal(gone.items.length, 1);
    assert.equal(parseRepoFeed('.dx/platform-feed.json', '{"entries": [', 'feed', undefined).items.length, 0);
  });

  it('drops an entry whose tag group is misspelt, with the reason (item 15)', () => {
    const r = parseEntry({ id: 'x', title: 'X', kind: 'doc', tags: { tool: ['npm'] } });
    assert.equal(r.entry, undefined);
    assert.equal(r.error, `entry "x": unknown tag group 'tool'; the groups are services, teams, languages, tools, dependencies, images, actions, topics (at tags)`);
  });

  it('accepts a date-time without a zone as UTC (item 9)', () => {
    const r = parseEntry({ id: 'x', title: 'X', kind: 'changelog', publishedAt: '2026-09-01T09:30:00', removalDate: '2026-10-13T12:00' });
    assert.ok(r.entry, r.error);
    assert.equal(entryTime(r.entry.publishedAt), Date.UTC(2026, 8, 1, 9, 30));
    assert.equal(entryTime(r.entry.removalDate), Date.UTC(2026, 9, 13, 12, 0));
  });

  it('gives the drop reason on one line, as the doc quotes it (item 10)', () => {
    const r = mergeEntrySources([{ source: 'f', items: [{ id: 'x', title: 'X', kind: 'doc', url: 'ftp://x' }] }]);
    assert.equal(r.dropped[0]?.reason, 'entry "x": must be an http(s) URL (at url)');
  });
});
