import * as assert from 'node:assert/strict';
import { loadOnboarding, type OnboardingDefinition } from '../../../src/core/onboarding/definition';
import { OnboardingSession, type OnboardingSnapshot } from '../../../src/core/onboarding/session';
import { FakeClock, MemoryLog } from '../outbox/outboxTestKit';

const def = (yaml: string): OnboardingDefinition => {
  const r = loadOnboarding(yaml);
  assert.deepEqual(r.diagnostics, []);
  return r.value!;
};
const REPO = def(`version: 1
title: Repo checklist
steps:
  - id: node
    title: Install Node
    check: {type: tool, name: node, minVersion: "18"}
  - id: deps
    title: Install dependencies
    prerequisites: [node]
    check: {type: file, path: node_modules, kind: folder}
  - id: read
    title: Read the runbook
    check: {type: manual}
`);
const PLATFORM = def(`version: 1
title: Platform checklist
steps:
  - id: hello
    title: Say hello
    check: {type: manual}
`);

function setup(enabled = true, clock = new FakeClock(), stored = new Map<string, unknown>()) {
  const completed: { stepId: string; durationMs: number; sinceChecklistMs: number }[] = [];
  const session = new OnboardingSession({
    clock,
    log: new MemoryLog(),
    store: { get: (k) => stored.get(k), set: (k, v) => stored.set(k, structuredClone(v)) },
    enabled: () => enabled,
    stepCompleted: (stepId, durationMs, sinceChecklistMs) => completed.push({ stepId, durationMs, sinceChecklistMs }),
    readSetting: () => undefined,
    installedExtensions: () => new Set(),
  });
  const snapshots: OnboardingSnapshot[] = [];
  session.onDidChange((s) => snapshots.push(s));
  return { clock, stored, completed, session, snapshots };
}

describe('OnboardingSession', () => {
  it('evaluates nothing before the repository file was read, then the repo checklist wins over the platform one', () => {
    const { session, snapshots } = setup();
    session.openRepo('github.com/acme/shop', 'file:///w/.dx/onboarding.yaml');
    session.setPlatformChecklist(PLATFORM);
    session.evaluate();
    assert.equal(snapshots.length, 0, 'a snapshot before the file was read');
    session.setRepoFile(REPO);
    session.evaluate();
    assert.equal(session.snapshot.status, 'ready');
    assert.equal(session.snapshot.source, 'repo');
    session.setRepoFile('absent');
    session.evaluate();
    assert.equal(session.snapshot.source, 'platform');
    assert.equal(session.snapshot.definition?.title, 'Platform checklist');
  });

  it('keeps the last good checklist while the file is broken, and says invalid only when there never was one', () => {
    const { session } = setup();
    session.openRepo('r', undefined);
    session.setRepoFile('invalid');
    session.evaluate();
    assert.equal(session.snapshot.status, 'invalid');
    session.setRepoFile(REPO);
    session.setRepoFile('invalid');
    session.evaluate();
    assert.equal(session.snapshot.status, 'ready');
    assert.equal(session.hasLastGoodFile, true);
  });

  it('is disabled when the onboarding feature is off', () => {
    const { session } = setup(false);
    session.openRepo('r', undefined);
    session.setRepoFile(REPO);
    session.evaluate();
    assert.equal(session.snapshot.status, 'disabled');
    assert.deepEqual(session.unprobedTools(), []);
  });

  it('asks for the facts it lacks, records each completed step once with its time, and remembers progress per repository', () => {
    const { session, completed, stored, clock } = setup();
    session.openRepo('r', undefined);
    session.setRepoFile(REPO);
    assert.deepEqual(session.unprobedTools(), ['node']);
    session.evaluate();
    clock.advance(60_000);
    session.setTool('node', '20.1.0');
    session.evaluate();
    assert.deepEqual(session.unprobedTools(), []);
    assert.deepEqual(session.awaitedFiles(), ['node_modules']);
    clock.advance(60_000);
    session.setFile('node_modules', 'folder', true);
    session.evaluate();
    session.evaluate();
    assert.deepEqual(completed.map((c) => c.stepId), ['node', 'deps']);
    assert.equal(completed[0]!.durationMs, 60_000);
    // From the checklist's first appearance (the first evaluation): node after 1 min, deps after 2.
    assert.deepEqual(completed.map((c) => c.sinceChecklistMs), [60_000, 120_000]);
    assert.ok(stored.has('r'));
    // Reopened later: the manual tick and the timeline come back from the store.
    assert.equal(session.setManualTick('read', true), true);
    session.openRepo('r', undefined);
    session.setRepoFile(REPO);
    session.evaluate();
    const steps = session.snapshot.state?.steps.map((s) => [s.id, s.status]);
    assert.deepEqual(steps?.find(([id]) => id === 'read'), ['read', 'done']);
    assert.match(session.timelineMarkdown(), /Install Node/);
  });

  it('does not record a completed step again after a reload, and keeps the checklist clock of the first appearance', () => {
    const first = setup();
    first.session.openRepo('r', undefined);
    first.session.setRepoFile(REPO);
    first.session.evaluate();
    first.clock.advance(3 * 60_000);
    first.session.setTool('node', '20.1.0');
    first.session.evaluate();
    assert.deepEqual(first.completed.map((c) => [c.stepId, c.sinceChecklistMs]), [['node', 180_000]]);
    // A restart an hour later: a new session over the same store.
    first.clock.advance(3_600_000);
    const again = setup(true, first.clock, first.stored);
    again.session.openRepo('r', undefined);
    again.session.setRepoFile(REPO);
    again.session.setTool('node', '20.1.0');
    again.session.evaluate();
    again.session.setFile('node_modules', 'folder', true);
    again.session.evaluate();
    assert.deepEqual(again.completed.map((c) => [c.stepId, c.sinceChecklistMs]), [['deps', 3_780_000]]);
  });

  it('ticks only manual steps by hand, and publishes a snapshot only when something changed', () => {
    const { session, snapshots } = setup();
    session.openRepo('r', undefined);
    session.setRepoFile(REPO);
    session.evaluate();
    const n = snapshots.length;
    session.evaluate();
    session.evaluate();
    assert.equal(snapshots.length, n, 'an unchanged snapshot was published again');
    assert.equal(session.setManualTick('node', true), false, 'a tool step was ticked by hand');
    assert.equal(session.setManualTick('nope', true), false);
    assert.equal(session.setManualTick('read', true), true);
    assert.equal(snapshots.length, n + 1);
  });
});

describe('OnboardingSession completion', () => {
  it('fires onDidComplete on the change to complete, not when a checklist is already complete on opening', () => {
    const { session } = setup();
    let fired = 0;
    session.onDidComplete(() => fired++);
    const one = def('version: 1\nsteps:\n  - {id: read, title: Read it, check: {type: manual}}\n');
    session.openRepo('r', undefined);
    session.setRepoFile(one);
    session.evaluate();
    session.setManualTick('read', true);
    assert.equal(fired, 1);
    session.evaluate();
    assert.equal(fired, 1, 'fired again without a change');
  });
});

describe('OnboardingSession blocked steps', () => {
  it('does not tick a manual step by hand while it waits for another step', () => {
    const { session } = setup();
    const chain = def('version: 1\nsteps:\n  - {id: first, title: First, check: {type: manual}}\n  - {id: second, title: Second, prerequisites: [first], check: {type: manual}}\n');
    session.openRepo('r', undefined);
    session.setRepoFile(chain);
    session.evaluate();
    assert.equal(session.setManualTick('second', true), false, 'a blocked step was ticked');
    assert.equal(session.setManualTick('first', true), true);
    assert.equal(session.setManualTick('second', true), true);
  });
});

describe('OnboardingSession.loadRepoFile', () => {
  it('reads the repo file, keeps the last good version while it is broken, and forgets it when it is deleted', () => {
    const { session } = setup();
    session.openRepo('repo-a', 'file:///repo/.dx/onboarding.yaml');
    assert.deepEqual(session.loadRepoFile('version: 1\ntitle: T\nsteps:\n  - id: a\n    title: A\n    check: {type: manual}\n'), []);
    assert.equal(session.definition()?.title, 'T');
    const problems = session.loadRepoFile('version: 1\nsteps: [');
    assert.ok(problems.length > 0 && problems[0]!.severity === 'error');
    assert.equal(session.definition()?.title, 'T', 'the last good version stays');
    assert.deepEqual(session.loadRepoFile(undefined), []);
    assert.equal(session.definition(), undefined);
  });
});
