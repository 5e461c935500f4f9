import * as assert from 'node:assert/strict';
import { assessEntry, daysLeftText, declaredMinimum, numericPrefixVersion, removalInfo } from '../../../src/core/docs/affectedness';
import { Entry, type EntryInput } from '../../../src/core/docs/entries';
import { buildRepoProfile } from '../../../src/core/docs/repoProfile';
import { emptyProfile, NOW, TempRepo } from './repoFixture';

function entry(e: Partial<EntryInput> & { id: string }): Entry {
  return Entry.parse({ title: e.id, kind: 'changelog', type: 'deprecation', ...e });
}

describe('numericPrefixVersion', () => {
  it('reads the numeric prefix of image tags and action refs', () => {
    assert.equal(numericPrefixVersion('16-alpine'), '16.0.0');
    assert.equal(numericPrefixVersion('18.17.1-bookworm-slim'), '18.17.1');
    assert.equal(numericPrefixVersion('v3'), '3.0.0');
    assert.equal(numericPrefixVersion('v4.1'), '4.1.0');
  });

  it('knows nothing about latest, branches and commit SHAs', () => {
    assert.equal(numericPrefixVersion('latest'), undefined);
    assert.equal(numericPrefixVersion('main'), undefined);
    assert.equal(numericPrefixVersion('8e5e7e5ab8b370d6c329ec480221332ada57f0ab'), undefined);
    assert.equal(numericPrefixVersion(undefined), undefined);
  });
});

describe('declaredMinimum', () => {
  it('takes the smallest version a range allows and gives up on non-semver specs', () => {
    assert.equal(declaredMinimum('^1.3.0'), '1.3.0');
    assert.equal(declaredMinimum('>=1.0.0 <3'), '1.0.0');
    assert.equal(declaredMinimum('~0.1.2'), '0.1.2');
    assert.equal(declaredMinimum('git+https://github.com/a/b.git'), undefined);
    assert.equal(declaredMinimum('workspace:*'), undefined);
    assert.equal(declaredMinimum('latest'), undefined);
  });
});

describe('removalInfo', () => {
  it('counts whole UTC days to the removal date in both directions', () => {
    assert.deepEqual(removalInfo({ removalDate: '2026-10-13' }, NOW), { date: '2026-10-13', daysLeft: 12, text: 'removed in 12 days' });
    assert.equal(removalInfo({ removalDate: '2026-09-28' }, NOW)?.text, 'removed 3 days ago');
    assert.equal(removalInfo({ removalDate: '2026-10-01' }, NOW)?.text, 'removed today');
    assert.equal(removalInfo({ removalDate: '2026-10-02T00:00:00Z' }, NOW)?.text, 'removed in 1 day');
    assert.equal(removalInfo({}, NOW), undefined);
  });

  it('uses singular and plural correctly', () => {
    assert.equal(daysLeftText(-1), 'removed 1 day ago');
    assert.equal(daysLeftText(2), 'removed in 2 days');
  });
});

describe('assessEntry', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.dispose());

  it('explains a deprecated base image in the Dockerfile, with days left', async () => {
    repo = new TempRepo({ Dockerfile: 'FROM node:16-alpine AS build\nFROM build\n' });
    const profile = await buildRepoProfile(repo);
    const a = assessEntry(entry({ id: 'n16', removalDate: '2026-10-13', affects: [{ image: 'node', tags: '<18' }] }), profile, NOW);
    assert.equal(a?.explanation, 'Dockerfile uses node:16-alpine; node < 18 is deprecated');
    assert.equal(a?.removal?.text, 'removed in 12 days');
  });

  it('does not flag a Dockerfile on a supported tag, on latest, or on another image', async () => {
    const rule = entry({ id: 'n16', affects: [{ image: 'node', tags: '<18' }] });
    for (const from of ['node:20-alpine', 'node:latest', 'node', 'nodejs/node:16', 'node:lts-alpine']) {
      repo?.dispose();
      repo = new TempRepo({ Dockerfile: `FROM ${from}\n` });
      assert.equal(assessEntry(rule, await buildRepoProfile(repo), NOW), undefined, from);
    }
  });

  it('flags any tag when the rule names no tags', () => {
    const profile = emptyProfile({ images: [{ image: 'centos', tag: '7', raw: 'centos:7', file: 'Dockerfile' }] });
    assert.ok(assessEntry(entry({ id: 'c', affects: [{ image: 'docker.io/library/centos' }] }), profile, NOW));
  });

  it('compares the minimum of the declared package.json range', async () => {
    repo = new TempRepo({ 'package.json': JSON.stringify({ dependencies: { 'left-pad': '^1.3.0', '@scope/lib': '2.0.0' } }) });
    const profile = await buildRepoProfile(repo);
    const lp = entry({ id: 'lp', affects: [{ dependency: 'left-pad', versions: '<2.0.0' }] });
    assert.equal(assessEntry(lp, profile, NOW)?.explanation, 'package.json depends on left-pad ^1.3.0; left-pad < 2.0.0 is deprecated');
    assert.equal(assessEntry(entry({ id: 's', affects: [{ dependency: '@scope/lib', versions: '<2.0.0' }] }), profile, NOW), undefined);
    assert.equal(assessEntry(entry({ id: 'o', affects: [{ dependency: 'other', versions: '*' }] }), profile, NOW), undefined);
  });

  it('prefers the locked version over the declared range', async () => {
    repo = new TempRepo({
      'package.json': JSON.stringify({ dependencies: { 'left-pad': '^1.0.0' } }),
      'package-lock.json': JSON.stringify({ packages: { 'node_modules/left-pad': { version: '1.9.0' } } }),
    });
    const profile = await buildRepoProfile(repo);
    const a = assessEntry(entry({ id: 'lp', type: 'breaking', affects: [{ dependency: 'left-pad', versions: '>=1.5.0 <2' }] }), profile, NOW);
    assert.match(a?.explanation ?? '', /left-pad \^1\.0\.0 \(locked at 1\.9\.0\); left-pad >= 1\.5\.0 <2 has a breaking change/);
  });

  it('flags a deprecated CI action ref and not a newer one or a SHA', async () => {
    repo = new TempRepo({
      '.github/workflows/ci.yml': 'jobs:\n  a:\n    steps:\n      - uses: actions/checkout@v3\n      - uses: actions/checkout@v4\n      - uses: actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ab\n',
    });
    const profile = await buildRepoProfile(repo);
    const a = assessEntry(entry({ id: 'co', affects: [{ action: 'actions/checkout', versions: '<v4' }] }), profile, NOW);
    assert.deepEqual(
      a?.reasons.map((r) => r.text),
      ['.github/workflows/ci.yml uses actions/checkout@v3; actions/checkout < v4 is deprecated'],
    );
  });

  it('gives no notice to a repo without the thing, or for entries without rules', () => {
    const profile = emptyProfile();
    assert.equal(assessEntry(entry({ id: 'x', affects: [{ image: 'node', tags: '<18' }] }), profile, NOW), undefined);
    assert.equal(assessEntry(entry({ id: 'y' }), profile, NOW), undefined);
  });

  it('treats an invalid range as not affecting rather than guessing', () => {
    const profile = emptyProfile({ dependencies: { a: '1.0.0' } });
    assert.equal(assessEntry(entry({ id: 'z', affects: [{ dependency: 'a', versions: 'not a range' }] }), profile, NOW), undefined);
  });
});
