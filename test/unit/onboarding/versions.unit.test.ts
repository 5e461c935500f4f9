import * as assert from 'node:assert/strict';
import { extractVersion, meetsMinVersion } from '../../../src/core/onboarding/versions';

describe('extractVersion', () => {
  const cases: [string, string | undefined][] = [
    ['v20.11.1', '20.11.1'],
    ['Docker version 24.0.7, build afdd53b', '24.0.7'],
    ['git version 2.39.3 (Apple Git-145)', '2.39.3'],
    ['go version go1.22.0 linux/amd64', '1.22.0'],
    ['Python 3.12', '3.12.0'],
    ['openjdk 21.0.2 2024-01-16 LTS', '21.0.2'],
    ['rustc 1.75.0 (82e1608df 2023-12-21)', '1.75.0'],
    ['Client Version: v1.29.1\nKustomize Version: v5.0.4', '1.29.1'],
    ['9', '9.0.0'],
    ['pnpm 9', '9.0.0'],
    ['1.2.3-beta.1', '1.2.3'],
    ['no digits here', undefined],
    ['build afdd53b', undefined],
    ['', undefined],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(expected)} from ${JSON.stringify(input)}`, () => {
      assert.equal(extractVersion(input), expected);
    });
  }
});

describe('meetsMinVersion', () => {
  it('compares numerically, not as text', () => {
    assert.equal(meetsMinVersion('v20.11.1', '20.9'), true);
    assert.equal(meetsMinVersion('v20.11.1', '20.11.1'), true);
    assert.equal(meetsMinVersion('v9.11.1', '20'), false);
    assert.equal(meetsMinVersion('Docker version 24.0.7, build afdd53b', '24'), true);
    assert.equal(meetsMinVersion('Docker version 23.0.7, build afdd53b', 'v24.0'), false);
  });

  it('is undefined when a side has no version', () => {
    assert.equal(meetsMinVersion('command not found', '20'), undefined);
    assert.equal(meetsMinVersion('v20', 'latest'), undefined);
  });
});
