import * as assert from 'node:assert/strict';
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
});
