import * as assert from 'node:assert/strict';
import { commandTools, docsForCommand } from '../../../src/core/docs/commandDocs';
import { Entry, type EntryInput } from '../../../src/core/docs/entries';
import { rankEntries } from '../../../src/core/docs/ranking';
import { docSearchItems } from '../../../src/core/docs/search';
import { mergeEntrySources } from '../../../src/core/docs/sources';
import { SAMPLE_FEED } from '../../fixtures/feedServer';
import { emptyProfile, NOW } from './repoFixture';

function entry(e: Partial<EntryInput> & { id: string }): Entry {
  return Entry.parse({ title: e.id, kind: 'doc', ...e });
}

describe('docSearchItems', () => {
  const profile = emptyProfile({
    images: [{ image: 'node', tag: '16-alpine', raw: 'node:16-alpine', file: 'Dockerfile' }],
    tools: ['npm'],
    service: { name: 'payments-api', kind: 'Component', tags: [], links: [], annotations: {} },
  });
  const { entries } = mergeEntrySources([{ source: 'feed', items: SAMPLE_FEED.entries }]);

  it('lists contextual entries first under their own separator, then the rest', () => {
    const items = docSearchItems(rankEntries(entries, profile, NOW));
    assert.deepEqual(
      items.map((i) => (i.separator ? `-- ${i.label}` : `${i.entryId}${i.contextual ? ' *' : ''}`)),
      ['-- For this repository', 'node16-images *', 'payments-runbook *', 'npm-build-cache *', '-- All platform docs', 'welcome', 'checkout-v4'],
    );
  });

  it('describes each item and says how to open it', () => {
    const items = docSearchItems(rankEntries(entries, profile, NOW), 'en-US');
    const node16 = items.find((i) => i.entryId === 'node16-images')!;
    assert.equal(node16.label, '$(warning) Node 16 base images are deprecated');
    assert.equal(node16.description, 'Deprecation · removed in 12 days · Sep 1, 2026');
    assert.match(node16.detail ?? '', /^Dockerfile uses node:16-alpine; node < 18 is deprecated · Node 16 is end-of-life/);
    assert.deepEqual(node16.open, { kind: 'browser', url: 'https://platform.example.com/changelog/node16' });
    const runbook = items.find((i) => i.entryId === 'payments-runbook')!;
    assert.deepEqual(runbook.open, { kind: 'markdown', url: 'https://platform.example.com/docs/payments-runbook.md' });
    assert.equal(runbook.detail, 'Matches services: payments-api');
  });

  it('opens body-only entries as markdown and leaves out entries with nothing to open', () => {
    const items = docSearchItems(rankEntries([entry({ id: 'body', body: 'Hello', migration: '1. Do it' }), entry({ id: 'empty' })], emptyProfile(), NOW));
    assert.deepEqual(
      items.map((i) => i.entryId ?? i.label),
      ['Platform docs', 'body'],
    );
    // The title is not part of the markdown: the viewer shows it as text.
    assert.deepEqual(items[1].open, { kind: 'markdown', markdown: 'Hello\n\n## Migration\n\n1. Do it' });
  });

  it('never lets a feed put a link or an icon into the quick pick', () => {
    const hostile = entry({ id: 'evil', title: '[Fix it now](command:workbench.action.terminal.new) $(zap)', summary: '$(sync~spin) [x](https://evil.example)', version: '$(key)', body: 'b' });
    const [, item] = docSearchItems(rankEntries([hostile], emptyProfile(), NOW));
    for (const text of [item.label.replace(/^\$\((book|history|warning)\) /, ''), item.description ?? '', item.detail ?? '']) {
      assert.ok(!/\]\(|\$\(/.test(text), JSON.stringify(text));
    }
    assert.match(item.label, /^\$\(book\) \[Fix it now\]\u2060\(command:/, 'DX Pulse’s own icon stays, the feed’s text shows as text');
  });
});

describe('docsForCommand', () => {
  const entries = [
    entry({ id: 'npm-doc', tags: { tools: ['npm'] } }),
    entry({ id: 'ts-doc', tags: { tools: ['typescript'] } }),
    entry({ id: 'docker-doc', tags: { topics: ['docker'] } }),
    entry({ id: 'npm-changelog', kind: 'changelog', tags: { tools: ['npm'] } }),
    entry({ id: 'general' }),
  ];

  it('finds docs for the tool of a failing command, docs before changelog entries', () => {
    assert.deepEqual(
      docsForCommand(entries, 'npm run build').map((e) => e.id),
      ['npm-doc', 'npm-changelog'],
    );
  });

  it('sees through package.json scripts, env assignments, npx and chained commands', () => {
    assert.deepEqual(
      docsForCommand(entries, 'CI=1 npm run build', { scripts: { build: 'tsc -p . && docker build .' } }).map((e) => e.id),
      ['npm-doc', 'ts-doc', 'docker-doc'],
    );
    assert.deepEqual(commandTools('npx tsc --noEmit').sort(), ['node', 'npm', 'tsc', 'typescript']);
    assert.deepEqual(commandTools('./gradlew build'), ['gradle']);
  });

  it('stops on self-referencing scripts and returns nothing for unknown or empty commands', () => {
    assert.doesNotThrow(() => commandTools('npm run a', { a: 'npm run a' }));
    assert.deepEqual(docsForCommand(entries, 'frobnicate --now'), []);
    assert.deepEqual(docsForCommand(entries, '   '), []);
  });
});
