import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { credentialScope, isWithinScope, sameOrigin } from '../../../src/core/common/urls';

describe('credential scopes (security)', () => {
  it('binds a token to its path on a "/" boundary: /dx never matches /dx-evil', () => {
    assert.equal(isWithinScope('https://h.example/dx', 'https://h.example/dx'), true);
    assert.equal(isWithinScope('https://h.example/dx/', 'https://h.example/dx/v1/events'), true);
    assert.equal(isWithinScope('https://h.example/dx', 'https://h.example/dx-evil/v1/events'), false);
    assert.equal(isWithinScope('https://h.example/dx', 'https://h.example/'), false);
    assert.equal(isWithinScope('https://h.example', 'https://h.example/anything'), true);
  });

  it('never matches another scheme, host or port', () => {
    assert.equal(isWithinScope('https://api.github.com', 'http://api.github.com/repos'), false);
    assert.equal(isWithinScope('https://h.example', 'https://h.example:8443/'), false);
    assert.equal(isWithinScope('https://h.example', 'https://h.example.evil.com/'), false);
    assert.equal(isWithinScope('https://h.example', 'https://user@evil.com/'), false);
    assert.equal(sameOrigin('https://api.github.com/a', 'https://api.github.com/b?x'), true);
    assert.equal(sameOrigin('https://api.github.com', 'https://evil.example/?https://api.github.com'), false);
  });

  it('normalizes case of host and trailing slashes, and refuses what is not http(s)', () => {
    assert.equal(credentialScope('https://H.Example/dx///'), 'https://h.example/dx');
    assert.equal(credentialScope('javascript:alert(1)'), undefined);
    assert.equal(credentialScope('not a url'), undefined);
  });

  it('never throws, and a URL within a scope shares its origin', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl(), fc.string()), fc.oneof(fc.webUrl(), fc.string()), (a, b) => {
      const within = isWithinScope(a, b);
      if (within) assert.ok(sameOrigin(a, b));
    }));
  });
});
