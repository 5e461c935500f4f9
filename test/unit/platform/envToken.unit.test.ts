import * as assert from 'node:assert/strict';
import { credentialScope } from '../../../src/core/common/urls';
import { envTokenFor } from '../../../src/core/platform/envToken';

// DX_PULSE_PLATFORM_TOKEN (#18, the demo): used only for the URL it names.
describe('envTokenFor', () => {
  const env = { DX_PULSE_PLATFORM_TOKEN: ' tok-123 ', DX_PULSE_PLATFORM_TOKEN_URL: 'http://127.0.0.1:8787' };
  const scope = (u: string) => credentialScope(u)!;

  it('gives the token for exactly its URL', () => {
    assert.equal(envTokenFor(scope('http://127.0.0.1:8787'), env), 'tok-123');
    assert.equal(envTokenFor(scope('http://127.0.0.1:8787/'), env), 'tok-123');
  });

  it('gives nothing for another host, port or path, or without both variables', () => {
    assert.equal(envTokenFor(scope('http://127.0.0.1:9999'), env), undefined);
    assert.equal(envTokenFor(scope('https://evil.example.com'), env), undefined);
    assert.equal(envTokenFor(scope('http://127.0.0.1:8787/other'), { ...env, DX_PULSE_PLATFORM_TOKEN_URL: 'http://127.0.0.1:8787/dx' }), undefined);
    assert.equal(envTokenFor(scope('http://127.0.0.1:8787'), { DX_PULSE_PLATFORM_TOKEN: 'tok' }), undefined);
    assert.equal(envTokenFor(scope('http://127.0.0.1:8787'), { DX_PULSE_PLATFORM_TOKEN_URL: env.DX_PULSE_PLATFORM_TOKEN_URL }), undefined);
    assert.equal(envTokenFor(scope('http://127.0.0.1:8787'), { ...env, DX_PULSE_PLATFORM_TOKEN: '   ' }), undefined);
  });
});
