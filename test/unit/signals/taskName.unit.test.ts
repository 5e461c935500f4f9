import * as assert from 'node:assert/strict';
import { shareableTaskName } from '../../../src/core/signals/taskName';

describe('shareableTaskName', () => {
  const cases: [string, string][] = [
    ['build', 'build'],
    ['lint (fails)', 'lint (fails)'],
    ['npm: test - services/billing', 'npm: test'],
    ['tsc: build - packages/api/tsconfig.json', 'tsc: build'],
    ['run ./scripts/deploy.sh staging', 'run staging'],
    ['open https://internal.example.com/x', 'open'],
    ['C:\\Users\\me\\build.cmd', 'task'],
    ['test ghp_1234567890abcdefghijklmnop', 'test'],
  ];
  for (const [input, expected] of cases) {
    it(`turns '${input}' into '${expected}'`, () => assert.equal(shareableTaskName(input), expected));
  }
});
