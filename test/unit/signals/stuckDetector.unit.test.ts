import * as assert from 'node:assert/strict';
import { StuckDetector, type CommandOutcome } from '../../../src/core/signals/stuckDetector';

class FakeClock {
  t = Date.UTC(2025, 0, 6, 9);
  now() { return this.t; }
  minutes(m: number) { this.t += m * 60_000; }
}

const fail = (command = 'npm test', category: CommandOutcome['category'] = 'test'): CommandOutcome => ({ command, category, success: false });
const pass = (command = 'npm test'): CommandOutcome => ({ command, category: 'test', success: true });

describe('StuckDetector', () => {
  it('offers once when the same command fails 3 times within 15 minutes', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock });
    const start = clock.now();
    assert.equal(d.observe(fail()), undefined);
    clock.minutes(5);
    assert.equal(d.observe(fail()), undefined);
    clock.minutes(5);
    assert.deepEqual(d.observe(fail()), { command: 'npm test', failures: 3, windowMinutes: 15, since: start });
  });

  it('never repeats the offer for the same streak', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock });
    const offers = [];
    for (let i = 0; i < 20; i++) {
      offers.push(d.observe(fail()));
      clock.minutes(4);
    }
    assert.equal(offers.filter(Boolean).length, 1);
  });

  it('starts a new streak after a success', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock });
    for (let i = 0; i < 3; i++) d.observe(fail());
    d.observe(pass());
    d.observe(fail());
    d.observe(fail());
    assert.ok(d.observe(fail()));
  });

  it('starts a new streak once the window passes with no failure', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock });
    for (let i = 0; i < 3; i++) d.observe(fail());
    clock.minutes(16);
    assert.equal(d.observe(fail()), undefined);
    d.observe(fail());
    assert.ok(d.observe(fail()));
  });

  it('does not count failures spread wider than the window', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock });
    for (let i = 0; i < 10; i++) {
      assert.equal(d.observe(fail()), undefined);
      clock.minutes(8);
      clock.minutes(8);
    }
  });

  it('keeps commands apart and ignores installs and other commands', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock });
    d.observe(fail('npm test'));
    d.observe(fail('npm run build', 'build'));
    d.observe(fail('npm test'));
    d.observe(fail('npm run build', 'build'));
    for (let i = 0; i < 5; i++) {
      assert.equal(d.observe(fail('npm ci', 'install')), undefined);
      assert.equal(d.observe(fail('git push', 'other')), undefined);
    }
    assert.equal(d.observe(fail('npm test'))?.command, 'npm test');
    assert.equal(d.observe(fail('npm run build', 'build'))?.command, 'npm run build');
  });

  it('honours a configured threshold and window', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock, failures: 2, windowMinutes: 1 });
    d.observe(fail());
    clock.minutes(2);
    assert.equal(d.observe(fail()), undefined);
    clock.minutes(0.5);
    assert.deepEqual(d.observe(fail()), { command: 'npm test', failures: 2, windowMinutes: 1, since: clock.now() - 30_000 });
  });

  it('tells how long the last failing command has been failing, until it passes', () => {
    const clock = new FakeClock();
    const d = new StuckDetector({ clock });
    const start = clock.now();
    d.observe(fail());
    clock.minutes(4);
    d.observe(fail());
    assert.deepEqual(d.lastFailure(), { command: 'npm test', failures: 2, since: start, lastFailureAt: clock.now() });
    d.observe(pass());
    assert.equal(d.lastFailure(), undefined);
  });
});
