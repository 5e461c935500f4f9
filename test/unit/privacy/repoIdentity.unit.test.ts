import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { normalizeRemoteUrl, repoIdentity } from '../../../src/core/privacy/repoIdentity';

describe('normalizeRemoteUrl', () => {
  const cases: [string, string | undefined][] = [
    ['git@github.com:Example-Org/Payments-API.git', 'github.com/example-org/payments-api'],
    ['https://github.com/example-org/payments-api', 'github.com/example-org/payments-api'],
    ['https://user:s3cret@github.com/example-org/payments-api.git/', 'github.com/example-org/payments-api'],
    ['ssh://git@github.com:22/example-org/payments-api.git', 'github.com/example-org/payments-api'],
    ['https://gitlab.example.com/group/sub/repo.git', 'gitlab.example.com/group/sub/repo'],
    ['file:///tmp/repo', undefined],
    ['', undefined],
    ['not a url', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`turns '${input}' into ${expected ?? 'nothing'}`, () => assert.equal(normalizeRemoteUrl(input), expected));
  }
  it('never keeps credentials', () => {
    assert.ok(!normalizeRemoteUrl('https://user:s3cret@github.com/a/b')!.includes('s3cret'));
  });
});

describe('repoIdentity', () => {
  it('hashes the normalized URL unless names may be shared', () => {
    const hashed = repoIdentity('github.com/a/b', false);
    assert.equal(hashed.hashed, true);
    assert.match(hashed.id, /^[0-9a-f]{64}$/);
    assert.deepEqual(repoIdentity('github.com/a/b', true), { id: 'github.com/a/b', hashed: false });
  });

  it('with an organization salt, is not the hash anyone can compute from a public URL', () => {
    // the attack: a platform (or anyone who sees ids) hashes well-known public remotes and recognises them
    const remote = 'github.com/torvalds/linux';
    const dictionary = new Map([remote, 'github.com/nodejs/node'].map((r) => [createHash('sha256').update(r).digest('hex'), r]));
    assert.equal(dictionary.get(repoIdentity(remote, false).id), remote, 'unsalted: recognisable');
    const salted = repoIdentity(remote, false, 'org-secret-3f9a');
    assert.equal(dictionary.get(salted.id), undefined, 'salted: not in the dictionary');
    assert.equal(salted.id, createHash('sha256').update('org-secret-3f9a' + remote).digest('hex'));
    assert.equal(salted.hashed, true);
    assert.equal(repoIdentity(remote, false, 'org-secret-3f9a').id, salted.id, 'stable for every developer with the same salt');
    assert.deepEqual(repoIdentity(remote, true, 'org-secret-3f9a'), { id: remote, hashed: false }, 'shared names are not hashed');
    assert.equal(repoIdentity(remote, false, '').id, repoIdentity(remote, false).id);
  });
});
