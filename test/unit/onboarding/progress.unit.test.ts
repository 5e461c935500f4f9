import * as assert from 'node:assert/strict';
import type { StepState } from '../../../src/core/onboarding/evaluator';
import {
  emptyFacts,
  eventForOutcome,
  forget,
  formatDuration,
  linkTarget,
  newlyCompleted,
  parseFacts,
  progressText,
  remember,
  selfCheckingReason,
  statusBarText,
  stepDescription,
  timelineMarkdown,
} from '../../../src/core/onboarding/progress';
import { newTimeline, recordFirstCommit, type OnboardingTimeline } from '../../../src/core/onboarding/timeline';

const MIN = 60_000;
const step = (over: Partial<StepState>): StepState => ({ id: 'env', title: 'Create your .env', status: 'pending', blockedBy: [], detail: 'waiting for file .env', dependsOn: 'file', ...over });

describe('onboarding progress helpers', () => {
  describe('remembered facts', () => {
    it('reads stored facts and starts empty when they are unreadable', () => {
      assert.deepEqual(parseFacts({ events: ['buildSucceeded'], manualTicks: ['runbook'], commandsRun: [] }), { events: ['buildSucceeded'], manualTicks: ['runbook'], commandsRun: [] });
      assert.deepEqual(parseFacts({ events: ['deployed'] }), emptyFacts());
      assert.deepEqual(parseFacts(undefined), emptyFacts());
    });

    it('adds and removes items without duplicates, keeping the same object when nothing changes', () => {
      const a = remember(emptyFacts(), 'manualTicks', 'runbook');
      assert.deepEqual(a.manualTicks, ['runbook']);
      assert.equal(remember(a, 'manualTicks', 'runbook'), a);
      const b = forget(a, 'manualTicks', 'runbook');
      assert.deepEqual(b.manualTicks, []);
      assert.equal(forget(b, 'manualTicks', 'runbook'), b);
    });

    it('maps only successful builds and tests to onboarding events', () => {
      assert.equal(eventForOutcome({ category: 'build', success: true }), 'buildSucceeded');
      assert.equal(eventForOutcome({ category: 'test', success: true }), 'testSucceeded');
      assert.equal(eventForOutcome({ category: 'test', success: false }), undefined);
      assert.equal(eventForOutcome({ category: 'install', success: true }), undefined);
    });
  });

  describe('progress text', () => {
    it('says how far along the checklist is, and hides the status bar when complete or empty', () => {
      assert.equal(progressText({ done: 3, total: 7 }), '3 of 7');
      assert.equal(statusBarText({ done: 3, total: 7, complete: false }), '$(checklist) Onboarding 3/7');
      assert.equal(statusBarText({ done: 7, total: 7, complete: true }), undefined);
      assert.equal(statusBarText({ done: 0, total: 0, complete: true }), undefined);
      assert.equal(statusBarText(undefined), undefined);
    });

    it('says what a blocked step waits for, and why a self-checking step ignores clicks', () => {
      assert.equal(stepDescription(step({ status: 'blocked', blockedBy: ['node', 'deps'] })), 'after node, deps');
      const titles: Record<string, string> = { node: 'Install Node.js', deps: 'Install dependencies' };
      assert.equal(stepDescription(step({ status: 'blocked', blockedBy: ['node', 'deps'] }), (id) => titles[id] ?? id), 'after Install Node.js, Install dependencies', 'blockers by their titles');
      assert.equal(stepDescription(step({ status: 'blocked', blockedBy: ['node', 'deps'] }), (id) => titles[id] ?? id, true), 'after Install Node.js and 1 more', 'a tree row names one blocker');
      assert.equal(stepDescription(step({ status: 'blocked', blockedBy: ['node'] }), (id) => titles[id] ?? id, true), 'after Install Node.js');
      assert.equal(stepDescription(step({})), 'waiting for file .env');
      assert.match(selfCheckingReason(step({})), /ticks itself when DX Pulse sees it done \(waiting for file \.env\); it cannot be ticked by hand/);
      assert.match(selfCheckingReason(step({ status: 'done', detail: '.env exists' })), /ticks itself \(\.env exists\); it cannot be unticked by hand/);
    });
  });

  describe('linkTarget', () => {
    it('opens http(s) in the browser and runs commands', () => {
      assert.deepEqual(linkTarget({ title: 'x', url: 'https://nodejs.org/en/download' }), { kind: 'web', url: 'https://nodejs.org/en/download' });
      assert.deepEqual(linkTarget({ title: 'x', command: 'workbench.action.tasks.build' }), { kind: 'command', id: 'workbench.action.tasks.build' });
    });

    it('treats a path without a scheme as a workspace file, without its anchor', () => {
      assert.deepEqual(linkTarget({ title: 'x', url: 'docs/runbook.md' }), { kind: 'file', path: 'docs/runbook.md' });
      assert.deepEqual(linkTarget({ title: 'x', url: './docs/setup.md#vpn' }), { kind: 'file', path: 'docs/setup.md' });
      assert.deepEqual(linkTarget({ title: 'x', url: '.env.example' }), { kind: 'file', path: '.env.example' });
    });

    it('refuses other schemes and paths outside the workspace, saying why', () => {
      for (const url of ['javascript:alert(1)', 'file:///etc/passwd', '../secrets.md', '/etc/passwd', 'C:\\Windows\\win.ini', 'docs/../../x']) {
        const t = linkTarget({ title: 'x', url });
        assert.equal(t.kind, 'invalid', url);
      }
      const t = linkTarget({ title: 'x', url: 'ftp://example.com/a' });
      assert.ok(t.kind === 'invalid' && t.reason.includes('neither an http(s) address nor a workspace-relative file'));
    });
  });

  describe('formatDuration', () => {
    it('reads naturally from seconds to days', () => {
      assert.equal(formatDuration(0), '0 s');
      assert.equal(formatDuration(42_000), '42 s');
      assert.equal(formatDuration(7 * MIN), '7 min');
      assert.equal(formatDuration(125 * MIN), '2 h 5 min');
      assert.equal(formatDuration(120 * MIN), '2 h');
      assert.equal(formatDuration((3 * 24 + 4) * 60 * MIN), '3 d 4 h');
      assert.equal(formatDuration(-5), '0 s');
    });
  });

  describe('timeline', () => {
    const t0 = Date.UTC(2025, 0, 6, 9, 0);
    const tl: OnboardingTimeline = {
      version: 1,
      startedAt: t0,
      steps: {
        node: { firstSeenAt: t0, unblockedAt: t0, completedAt: t0 },
        deps: { firstSeenAt: t0, unblockedAt: t0, completedAt: t0 + 12 * MIN },
        env: { firstSeenAt: t0, unblockedAt: t0 + 5 * MIN, completedAt: t0 + 50 * MIN },
        build: { firstSeenAt: t0, unblockedAt: t0 + 12 * MIN },
      },
    };

    it('lists newly completed steps with their time from unblocked to done', () => {
      const before: OnboardingTimeline = { ...tl, steps: { ...tl.steps, env: { firstSeenAt: t0, unblockedAt: t0 + 5 * MIN } } };
      assert.deepEqual(newlyCompleted(before, tl), [{ stepId: 'env', durationMs: 45 * MIN, sinceChecklistMs: 50 * MIN }]);
      assert.deepEqual(newlyCompleted(tl, tl), []);
      assert.deepEqual(newlyCompleted(newTimeline(t0), tl).map((c) => c.stepId), ['node', 'deps', 'env']);
    });

    it('renders per-step times, the longest step, setup time and time to first commit', () => {
      const md = timelineMarkdown({
        timeline: recordFirstCommit(tl, t0 + 3 * 60 * MIN),
        now: t0 + 4 * 60 * MIN,
        title: 'Get productive on payments-api',
        steps: [
          { id: 'node', title: 'Install Node.js' },
          { id: 'deps', title: 'Install dependencies' },
          { id: 'env', title: 'Create your .env' },
          { id: 'build', title: 'Build the service' },
          { id: 'runbook', title: 'Read the runbook' },
        ],
      });
      // Titles are escaped (every ASCII punctuation character); read them as they render.
      const shown = md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      assert.match(shown, /^# Your onboarding timeline: Get productive on payments-api/);
      assert.match(shown, /\*\*Setup time:\*\* not finished yet/);
      assert.match(shown, /\*\*Time to first commit:\*\* 3 h/);
      assert.match(shown, /\*\*Longest step:\*\* Build the service \(3 h 48 min, still open\)/);
      assert.match(shown, /\| Create your \.env \| done \| 45 min \|/);
      assert.match(shown, /\| Install dependencies \| done \| 12 min \|/);
      assert.ok(!md.includes('Read the runbook'), 'steps never seen are not listed');
    });

    it('says when setup finished and escapes markdown in titles', () => {
      const done: OnboardingTimeline = { version: 1, startedAt: t0, completedAt: t0 + 90 * MIN, steps: { a: { firstSeenAt: t0, unblockedAt: t0, completedAt: t0 + 90 * MIN } } };
      const md = timelineMarkdown({ timeline: done, now: t0 + 100 * MIN, steps: [{ id: 'a', title: 'Run `npm ci` | tee [log]' }] });
      assert.match(md, /\*\*Setup time:\*\* 1 h 30 min/);
      assert.match(md, /\*\*Time to first commit:\*\* no commit yet/);
      assert.ok(md.includes('Run \\`npm ci\\` \\| tee \\[log\\]'), md);
    });
  });
});
