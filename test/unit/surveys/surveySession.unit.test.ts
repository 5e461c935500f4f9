import * as assert from 'node:assert/strict';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import { SurveySession } from '../../../src/core/surveys/surveySession';
import type { SurveyHistory } from '../../../src/core/surveys/state';
import { MemoryLog } from '../outbox/outboxTestKit';
import { DAY, ScriptedPrompter, T0 } from './helpers';

function setup(prompter: ScriptedPrompter, opts: { sharing?: boolean } = {}) {
  let stored: SurveyHistory | undefined;
  const recorded: unknown[] = [];
  const clock = { t: T0 + 2 * DAY, now() { return this.t; } };
  const session = new SurveySession({
    store: { get: () => stored, update: async (h) => void (stored = structuredClone(h)) },
    prompter,
    prefs: () => ({ enabled: true, cooldownDays: 7 }),
    identifyAnswers: () => false,
    featureOn: () => true,
    mayRecordAnswers: () => opts.sharing !== false,
    record: (data) => (opts.sharing === false ? undefined : (recorded.push(data), { id: 'e' } as EventEnvelope)),
    observe: async () => ({ debugging: false, inFailureStreak: false, userIsNewHire: false }),
    log: new MemoryLog(),
    clock,
    sessionStartedAt: T0,
  });
  return { session, recorded, stored: () => stored, clock };
}

describe('SurveySession', () => {
  it('takes a one-question survey on request, records the answer anonymously and says thanks', async () => {
    const prompter = new ScriptedPrompter({ kind: 'answer' }, { nps: 9 });
    const { session, recorded, stored } = setup(prompter);
    session.setSurveys([{ template: 'platform-nps' }]);
    const r = await session.take('platform-nps');
    assert.deepEqual(r, { outcome: 'answered', surveyId: 'platform-nps' });
    assert.equal(recorded.length, 1);
    assert.equal((recorded[0] as { anonymous: boolean }).anonymous, true);
    assert.match(prompter.infos[0] ?? '', /Thanks/);
    assert.ok(stored()?.surveys['platform-nps']?.answeredAt !== undefined);
  });

  it('remembers "Don\'t ask again" and refuses to ask that survey again', async () => {
    const prompter = new ScriptedPrompter({ kind: 'dontAsk' });
    const { session } = setup(prompter);
    session.setSurveys([{ template: 'platform-nps' }]);
    assert.equal((await session.take('platform-nps')).outcome, 'dontAskAgain');
    const again = await session.take('platform-nps');
    assert.equal(again.outcome, 'refused');
    assert.equal(prompter.asked.length, 1);
  });

  it('opens a longer survey as the sidebar form and validates what the form sends', async () => {
    const prompter = new ScriptedPrompter({ kind: 'answer' });
    const { session, recorded } = setup(prompter);
    session.setSurveys([{ template: 'dx-quarterly' }]);
    assert.equal((await session.take('dx-quarterly')).outcome, 'formOpened');
    assert.equal(prompter.formsShown, 1);
    assert.equal(session.view().status, 'form');
    assert.equal((await session.submitForm('dx-quarterly', { nope: 1 })).outcome, 'invalid');
    assert.equal(recorded.length, 0);
    const v = session.view();
    assert.ok(v.status === 'form' && v.problems.length > 0);
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
