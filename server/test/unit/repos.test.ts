import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalRepoId, repoRecords } from '../../src/core/repos';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('repos', () => {
  it('gives every form of one repository the same id', () => {
    const id = sha('github.com/acme/shop');
    for (const form of [id, id.toUpperCase(), 'github.com/acme/shop', 'GitHub.com/Acme/Shop', 'git@github.com:acme/shop.git', 'https://u:p@github.com:443/acme/shop.git']) {
      assert.equal(canonicalRepoId(form), id, form);
    }
  });

  it('keeps each repository once and lists what it could not read', () => {
    const r = repoRecords([{ url: 'git@github.com:a/b.git' }, { url: 'https://github.com/A/B' }, { url: 'file:///tmp/x' }]);
    assert.equal(r.repos.length, 1);
    assert.equal(r.invalid[0]!.url, 'file:///tmp/x');
  });
});
