import * as assert from 'node:assert/strict';
import { allows, bearer, hashToken, newToken, sameHash, tokenId } from '../../src/core/tokens';
import { etagOf, notModified } from '../../src/core/etag';

describe('tokens', () => {
  it('makes tokens whose id can be read back and whose hash matches', () => {
    const t = newToken();
    assert.equal(tokenId(t.token), t.id);
    assert.ok(sameHash(hashToken(t.token), t.hash));
    assert.ok(!sameHash(hashToken(`${t.token}x`), t.hash));
  });

  it('reads only well-formed bearer headers', () => {
    assert.equal(bearer('Bearer abc'), 'abc');
    assert.equal(bearer('bearer abc'), undefined);
    assert.equal(bearer('Bearer a b'), undefined);
    assert.equal(bearer(undefined), undefined);
    assert.equal(tokenId('dxp_zz_short'), undefined);
  });

  it('lets admin do everything and ingest only ingest', () => {
    assert.ok(allows('admin', 'ingest'));
    assert.ok(!allows('ingest', 'admin'));
  });
});

describe('etag', () => {
  it('matches strong, weak, listed and * tags', () => {
    const e = etagOf('{}');
    assert.ok(notModified(e, e));
    assert.ok(notModified(`W/${e}`, e));
    assert.ok(notModified(`"x", ${e}`, e));
    assert.ok(notModified('*', e));
    assert.ok(!notModified('"other"', e));
    assert.ok(!notModified(undefined, e));
  });
});
