import * as assert from 'node:assert/strict';
import { readConfig } from '../../src/config';

const read = (env: Record<string, string>) => readConfig(env, [], '/srv');

describe('server configuration', () => {
  it('trusts no proxy by default', () => {
    const r = read({});
    assert.ok(r.ok === true);
    assert.equal(r.config.trustProxy, false);
  });

  it('reads DX_PLATFORM_TRUST_PROXY as true, a hop count, or proxy addresses and ranges', () => {
    const value = (v: string) => {
      const r = read({ DX_PLATFORM_TRUST_PROXY: v });
      assert.ok(r.ok === true, v);
      return r.config.trustProxy;
    };
    assert.equal(value('true'), true);
    assert.equal(value('false'), false);
    assert.equal(value('2'), 2);
    assert.equal(value('10.0.0.0/8, 127.0.0.1'), '10.0.0.0/8,127.0.0.1');
    assert.equal(value('::1,fd00::/8'), '::1,fd00::/8');
  });

  it('refuses a value it would have to guess at, saying what it expects', () => {
    for (const v of ['yes', '0', '11', 'proxy.internal', '10.0.0.1; rm']) {
      const r = read({ DX_PLATFORM_TRUST_PROXY: v });
      assert.equal(r.ok, false, v);
      assert.match((r as { error: string }).error, /DX_PLATFORM_TRUST_PROXY/);
    }
  });
});
