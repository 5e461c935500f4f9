import * as assert from 'node:assert/strict';
import type { EventEnvelope } from '../../../src/core/events/envelope';
import { EventRecorder } from '../../../src/core/events/recorder';
import { mayRecord, type SharingLevel } from '../../../src/core/privacy/gate';
import type { PromptChoice } from '../../../src/core/surveys/prompter';
import { teamName } from '../../../src/core/surveys/eligibility';
import { SurveySession } from '../../../src/core/surveys/surveySession';
import { MemoryLog } from '../outbox/outboxTestKit';
import { DAY, ScriptedPrompter, survey, T0 } from './helpers';

const ATTRIBUTED = survey({ id: 'named', title: 'Named', anonymous: false, questions: [{ id: 'nps', type: 'nps', subject: 'the platform' }] });

/** A session over the real recorder and sharing gate, as the host wires it. */
function setup(choice: PromptChoice, answers?: Record<string, number>, level: SharingLevel = 'all', identify = false) {
  const clock = { t: T0 + 2 * DAY, now() { return this.t; } };
  const events: EventEnvelope[] = [];
  const recorder = new EventRecorder({
    clock,
    log: new MemoryLog(),
    mayRecord: (k) => mayRecord(level, k),
    context: () => ({ installId: 'install-1', sessionId: 'session-1', extensionVersion: '0.2.0', repo: { id: 'github.com/acme/shop', hashed: false } }),
    sink: (e) => void events.push(e),
  });
  let stored: unknown;
  const prompter = new ScriptedPrompter(choice, answers);
  const session = new SurveySession({
    store: { get: () => stored, update: async (h) => void (stored = structuredClone(h)) },
    prompter,
    prefs: () => ({ enabled: true, cooldownDays: 7 }),
    identifyAnswers: () => identify,
    featureOn: () => true,
    mayRecordAnswers: () => mayRecord(level, 'survey.answered'),
    record: (data) => recorder.record('survey.answered', data),
    recordPrompt: (kind, data) => recorder.record(kind, data),
    team: async () => teamName('group:default/payments'),
    observe: async () => ({ debugging: false, inFailureStreak: false, userIsNewHire: false }),
    log: new MemoryLog(),
    clock,
    sessionStartedAt: T0,
  });
  session.setSurveys([{ template: 'platform-nps' }, ATTRIBUTED]);
  return { session, events, prompter };
}

const kinds = (events: EventEnvelope[]) => events.map((e) => e.kind);

/** An automatic prompt is asked in the background: wait (bounded) for what it records. */
async function waitUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('SurveySession events', () => {
  it('records survey.shown then the anonymous answer with the team, and neither carries the install or repo', async () => {
    const { session, events } = setup({ kind: 'answer' }, { nps: 9 });
    await session.take('platform-nps');
    assert.deepEqual(kinds(events), ['survey.shown', 'survey.answered']);
    assert.deepEqual(events[0]!.data, { surveyId: 'platform-nps', anonymous: true, onRequest: true });
    assert.equal(events[1]!.data.team, 'payments');
    for (const e of events) {
      assert.equal(e.installId, undefined);
      assert.equal(e.repo, undefined);
      assert.match(e.time, /T00:00:00\.000Z$/, 'anonymous events carry the day only');
    }
  });

  it('puts no team on an attributed answer: it carries the install and repository instead', async () => {
    const { session, events } = setup({ kind: 'answer' }, { nps: 3 }, 'all', true);
    await session.take('named');
    const answered = events.find((e) => e.kind === 'survey.answered')!;
    assert.equal(answered.data.anonymous, false);
    assert.equal('team' in answered.data, false);
    assert.equal(answered.installId, 'install-1');
    assert.deepEqual(answered.repo, { id: 'github.com/acme/shop', hashed: false });
    assert.equal(events.find((e) => e.kind === 'survey.shown')!.installId, 'install-1');
  });

  it('records each way of turning a prompt away as survey.dismissed', async () => {
    const cases: [PromptChoice, string][] = [
      [{ kind: 'remindLater' }, 'remindLater'],
      [{ kind: 'dontAsk' }, 'never'],
      [{ kind: 'dismissed' }, 'closed'],
    ];
    for (const [choice, expected] of cases) {
      const { session, events, prompter } = setup(choice);
      assert.ok((await session.check('schedule')).surveyId, 'a survey was due');
      await waitUntil(() => events.length >= 2);
      assert.equal(prompter.asked.length, 1);
      assert.deepEqual(kinds(events), ['survey.shown', 'survey.dismissed'], expected);
      assert.equal(events[1]!.data.choice, expected);
      assert.equal(events[0]!.data.onRequest, false);
    }
    // Asked for, then closed without an answer; and a scripted "Don't ask again".
    const closed = setup({ kind: 'answer' });
    await closed.session.take('platform-nps');
    assert.deepEqual(closed.events.map((e) => e.data.choice ?? e.kind), ['survey.shown', 'closed']);
    assert.equal(closed.events[0]!.data.onRequest, true);
    const scripted = setup({ kind: 'answer' });
    await scripted.session.take('platform-nps', { action: 'dontAskAgain' });
    assert.deepEqual(scripted.events.map((e) => e.data.choice ?? e.kind), ['survey.shown', 'never']);
  });

  it('records nothing at sharing level signals: prompts are counted where answers may go', async () => {
    const { session, events } = setup({ kind: 'answer' }, { nps: 9 }, 'signals');
    const r = await session.take('platform-nps');
    assert.equal(r.outcome, 'refused');
    assert.deepEqual(events, []);
  });

  it('reads a team from a Backstage owner reference', () => {
    assert.equal(teamName('group:default/payments'), 'payments');
    assert.equal(teamName('payments'), 'payments');
    assert.equal(teamName('  '), undefined);
    assert.equal(teamName(undefined), undefined);
  });
});
