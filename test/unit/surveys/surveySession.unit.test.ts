import * as assert from 'node:assert/strict';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import { SurveySession } from '../../../src/core/surveys/surveySession';
import type { SurveyHistory } from '../../../src/core/surveys/state';
import { MemoryLog } from '../outbox/outboxTestKit';
import { DAY, ScriptedPrompter, T0 } from './helpers';

function setup(prompter: ScriptedPrompter, opts: { sharing?: boolean; graceMinutes?: number; sessionStartedAt?: number } = {}) {
  let stored: SurveyHistory | undefined;
  const recorded: unknown[] = [];
  const clock = { t: T0 + 2 * DAY, now() { return this.t; } };
  const session = new SurveySession({
    store: { get: () => stored, update: async (h) => void (stored = structuredClone(h)) },
    prompter,
    prefs: () => ({ enabled: true, cooldownDays: 7, sessionGraceMinutes: opts.graceMinutes }),
    identifyAnswers: () => false,
    featureOn: () => true,
    mayRecordAnswers: () => opts.sharing !== false,
    record: (data) => (opts.sharing === false ? undefined : (recorded.push(data), { id: 'e' } as EventEnvelope)),
    observe: async () => ({ debugging: false, inFailureStreak: false, userIsNewHire: false }),
    log: new MemoryLog(),
    clock,
    sessionStartedAt: opts.sessionStartedAt ?? T0,
  });
  return { session, recorded, stored: () => stored, clock };
}

async function waitUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(done(), 'the prompt was handled');
}

describe('SurveySession', () => {
  it('takes a one-question survey on request straight to its question, records the answer anonymously and says thanks', async () => {
    const prompter = new ScriptedPrompter({ kind: 'dismissed' }, { nps: 9 });
    const { session, recorded, stored } = setup(prompter);
    session.setSurveys([{ template: 'platform-nps' }]);
    const r = await session.take('platform-nps');
    assert.deepEqual(r, { outcome: 'answered', surveyId: 'platform-nps' });
    assert.deepEqual(prompter.asked, [], 'no notification asks whether to answer what the developer just chose (#14 item 14)');
    assert.equal(recorded.length, 1);
    assert.equal((recorded[0] as { anonymous: boolean }).anonymous, true);
    assert.match(prompter.infos[0] ?? '', /Thanks/);
    assert.ok(stored()?.surveys['platform-nps']?.answeredAt !== undefined);
  });

  it('asks by itself with a notification, remembers "Don\'t ask again" and refuses that survey on request', async () => {
    const prompter = new ScriptedPrompter({ kind: 'dontAsk' });
    const { session, stored } = setup(prompter);
    session.setSurveys([{ template: 'platform-nps' }]);
    const decision = await session.check('schedule');
    assert.equal(decision.surveyId, 'platform-nps');
    await waitUntil(() => stored()?.surveys['platform-nps']?.dismissedForever === true);
    assert.deepEqual(prompter.asked, ['platform-nps']);
    const again = await session.take('platform-nps');
    assert.equal(again.outcome, 'refused');
    assert.equal(again.reason, 'dismissedForever');
    assert.equal(prompter.asked.length, 1);
  });

  it('opens a longer survey on request as the sidebar form, without a notification, and validates what the form sends', async () => {
    const prompter = new ScriptedPrompter({ kind: 'dismissed' });
    const { session, recorded } = setup(prompter);
    session.setSurveys([{ template: 'dx-quarterly' }]);
    assert.equal((await session.take('dx-quarterly')).outcome, 'formOpened');
    assert.deepEqual(prompter.asked, []);
    assert.equal(prompter.formsShown, 1);
    assert.equal(session.view().status, 'form');
    assert.equal((await session.submitForm('dx-quarterly', { nope: 1 })).outcome, 'invalid');
    assert.equal(recorded.length, 0);
    const v = session.view();
    assert.ok(v.status === 'form' && v.problems.length > 0);
  });

  it('holds automatic prompts for dxPulse.surveys.sessionGraceMinutes after the window opens; 0 holds none', async () => {
    const justOpened = T0 + 2 * DAY - 60_000; // the window opened a minute ago
    const held = setup(new ScriptedPrompter({ kind: 'dismissed' }), { sessionStartedAt: justOpened });
    held.session.setSurveys([{ template: 'platform-nps' }]);
    const d = await held.session.check('schedule');
    assert.equal(d.surveyId, undefined);
    assert.equal(d.skipped[0]?.reason, 'sessionTooNew');

    const eager = setup(new ScriptedPrompter({ kind: 'dismissed' }), { sessionStartedAt: justOpened, graceMinutes: 0 });
    eager.session.setSurveys([{ template: 'platform-nps' }]);
    assert.equal((await eager.session.check('schedule')).surveyId, 'platform-nps');
  });

  it('asks nothing when answers could not be sent (sharing off)', async () => {
    const prompter = new ScriptedPrompter({ kind: 'answer' }, { nps: 9 });
    const { session } = setup(prompter, { sharing: false });
    session.setSurveys([{ template: 'platform-nps' }]);
    const r = await session.take('platform-nps');
    assert.equal(r.outcome, 'refused');
    assert.match(r.detail ?? '', /sharing is off/);
    assert.deepEqual(prompter.asked, []);
  });
});
