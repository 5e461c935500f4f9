import * as assert from 'node:assert/strict';
import type { Entry } from '../../../src/core/docs/entries';
import { docsForCommand } from '../../../src/core/docs/commandDocs';
import { shareableTaskName, taskProgramLine } from '../../../src/core/signals/taskName';

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

describe('taskProgramLine (#17 item 16)', () => {
  const entries: Entry[] = [
    { id: 'ts', title: 'TypeScript errors', kind: 'doc', type: 'announcement', tags: { tools: ['typescript'] } },
    { id: 'npm', title: 'npm registry', kind: 'doc', type: 'announcement', tags: { tools: ['npm'] } },
  ];
  const scripts = { build: 'tsc -p .' };

  it('resolves a task to the program it runs, so docs for its tools match', () => {
    assert.deepEqual(docsForCommand(entries, 'build', { scripts }), [], 'a task label alone names no tool');
    const line = taskProgramLine({ commandLine: 'npm run build', type: 'shell' });
    assert.equal(line, 'npm run build');
    assert.deepEqual(docsForCommand(entries, line!, { scripts }).map((e) => e.id).sort(), ['npm', 'ts']);
  });

  it('reads npm and TypeScript task definitions when there is no command line', () => {
    assert.equal(taskProgramLine({ type: 'npm', script: 'build' }), 'npm run build');
    assert.equal(taskProgramLine({ type: 'typescript', tsconfig: 'tsconfig.json' }), 'tsc');
    assert.equal(taskProgramLine({ type: 'custom' }), undefined);
  });
});
