import * as assert from 'node:assert/strict';
import {
  DEFAULT_REMIND_LATER_MS,
  MAX_PROMPT_TIMES,
  SurveyHistory,
  emptyHistory,
  emptySurveyState,
  eventsSince,
  parseSurveyHistory,
  recordAnswered,
  recordDontAskAgain,
  recordPrompted,
  recordRemindLater,
  recordSampleDraw,
  recordTriggerEvent,
} from '../../../src/core/surveys/state';
import { DAY, T0 } from './helpers';

describe('survey state reducers', () => {
  it('records a prompt: counts it, keeps its time and starts the global cooldown', () => {
    const h = recordPrompted(emptyHistory(), 's', T0);
    assert.equal(h.lastPromptedAt, T0);
    assert.equal(h.surveys.s?.promptedCount, 1);
    assert.deepEqual(h.surveys.s?.promptedAt, [T0]);
  });

  it('never mutates the history it is given', () => {
    const before = recordTriggerEvent(emptyHistory(), 'buildSucceeded');
    const frozen = JSON.stringify(before);
    recordPrompted(before, 's', T0);
    recordAnswered(before, 's', T0);
    recordRemindLater(before, 's', T0);
    recordDontAskAgain(before, 's', T0);
    recordTriggerEvent(before, 'buildSucceeded');
    assert.equal(JSON.stringify(before), frozen);
  });

  it('keeps only the most recent prompt times', () => {
    let h = emptyHistory();
    for (let i = 0; i < MAX_PROMPT_TIMES + 5; i++) h = recordPrompted(h, 's', T0 + i);
    assert.equal(h.surveys.s?.promptedAt.length, MAX_PROMPT_TIMES);
    assert.equal(h.surveys.s?.promptedAt[0], T0 + 5);
    assert.equal(h.surveys.s?.promptedCount, MAX_PROMPT_TIMES + 5);
  });

  it('records an answer and clears a pending reminder', () => {
    let h = recordRemindLater(emptyHistory(), 's', T0);
    h = recordAnswered(h, 's', T0 + DAY);
    assert.equal(h.surveys.s?.answeredAt, T0 + DAY);
    assert.equal(h.surveys.s?.answeredCount, 1);
    assert.equal(h.surveys.s?.remindAt, undefined);
    assert.equal(h.lastPromptedAt, T0 + DAY);
  });

  it('sets "Remind me later" 3 days out by default, and to a given delay', () => {
    assert.equal(recordRemindLater(emptyHistory(), 's', T0).surveys.s?.remindAt, T0 + DEFAULT_REMIND_LATER_MS);
    assert.equal(DEFAULT_REMIND_LATER_MS, 3 * DAY);
    assert.equal(recordRemindLater(emptyHistory(), 's', T0, 10 * DAY).surveys.s?.remindAt, T0 + 10 * DAY);
    assert.equal(recordRemindLater(emptyHistory(), 's', T0, -1).surveys.s?.remindAt, T0 + 3 * DAY);
  });

  it('marks "Don\'t ask again" for one survey only', () => {
    const h = recordDontAskAgain(recordPrompted(emptyHistory(), 'other', T0), 's', T0);
    assert.equal(h.surveys.s?.dismissedForever, true);
    assert.equal(h.surveys.other?.dismissedForever, false);
  });

  it('counts trigger events and restarts counting per survey when it is shown', () => {
    let h = emptyHistory();
    for (let i = 0; i < 7; i++) h = recordTriggerEvent(h, 'buildSucceeded');
    assert.equal(eventsSince(h, 's', 'buildSucceeded'), 7);
    h = recordPrompted(h, 's', T0);
    h = recordTriggerEvent(recordTriggerEvent(h, 'buildSucceeded'), 'streakFixed');
    assert.equal(eventsSince(h, 's', 'buildSucceeded'), 1);
    assert.equal(eventsSince(h, 's', 'streakFixed'), 1);
    assert.equal(eventsSince(h, 'other', 'buildSucceeded'), 8);
  });

  it('never moves the global cooldown backwards', () => {
    const h = recordPrompted(recordPrompted(emptyHistory(), 'a', T0), 'b', T0 - DAY);
    assert.equal(h.lastPromptedAt, T0);
  });

  it('keeps the first sampling draw and ignores invalid ones', () => {
    let h = recordSampleDraw(emptyHistory(), 's', 0.42);
    h = recordSampleDraw(h, 's', 0.9);
    assert.equal(h.surveys.s?.draw, 0.42);
    assert.equal(recordSampleDraw(emptyHistory(), 's', 1).surveys.s, undefined);
    assert.equal(recordSampleDraw(emptyHistory(), 's', Number.NaN).surveys.s, undefined);
  });
});

describe('parseSurveyHistory', () => {
  it('round-trips through JSON', () => {
    let h = recordTriggerEvent(emptyHistory(), 'changelogRead');
    h = recordRemindLater(recordPrompted(h, 's', T0), 's', T0);
    h = recordDontAskAgain(recordSampleDraw(h, 't', 0.5), 't', T0);
    const back = parseSurveyHistory(JSON.parse(JSON.stringify(h)), T0 + DAY);
    assert.equal(back.problem, undefined);
    assert.deepEqual(back.history, SurveyHistory.parse(JSON.parse(JSON.stringify(h))));
    assert.equal(back.history.surveys.t?.dismissedForever, true);
    assert.equal(back.history.surveys.s?.remindAt, T0 + 3 * DAY);
  });

  it('gives a fresh state with no problem when nothing is stored', () => {
    assert.deepEqual(parseSurveyHistory(undefined, T0), { history: emptyHistory() });
  });

  const garbage: [string, unknown][] = [
    ['a string', 'hello'],
    ['an array', [1, 2]],
    ['a number', 7],
    ['a future version', { version: 2, events: {}, surveys: {} }],
    ['no version', { events: {}, surveys: {} }],
  ];
  for (const [name, raw] of garbage) {
    it(`starts fresh with a reason and a restarted cooldown when stored state is ${name}`, () => {
      const r = parseSurveyHistory(raw, T0);
      assert.ok(r.problem && r.problem.length > 10, r.problem);
      assert.deepEqual(r.history.surveys, {});
      assert.equal(r.history.lastPromptedAt, T0);
    });
  }

  it('keeps every "Don\'t ask again" from state of another version (#17 item 13)', () => {
    const dismissed = { promptedCount: 1, dismissedForever: true, somethingNew: 1 };
    for (const version of [2, 0, 'x', undefined]) {
      const r = parseSurveyHistory({ version, surveys: { a: dismissed, b: { dismissedForever: false } } }, T0);
      assert.equal(r.history.surveys.a?.dismissedForever, true, String(version));
      assert.equal(r.history.surveys.b, undefined);
      assert.match(r.problem ?? '', /keeping 1 "Don't ask again"/);
      assert.equal(r.history.lastPromptedAt, T0);
    }
  });

  it('reads state stored as a JSON string, keeping its "Don\'t ask again" (#17 item 13)', () => {
    const stored = JSON.stringify({ version: 1, events: {}, surveys: { a: { ...emptySurveyState(), dismissedForever: true } } });
    const r = parseSurveyHistory(stored, T0);
    assert.equal(r.history.surveys.a?.dismissedForever, true);
    assert.match(r.problem ?? '', /JSON string/);
  });

  it('keeps the readable parts of damaged state and every "Don\'t ask again"', () => {
    const raw = {
      version: 1,
      lastPromptedAt: T0 - 20 * DAY,
      events: { buildSucceeded: 'many' },
      surveys: {
        good: { promptedCount: 1, promptedAt: [T0 - 20 * DAY], answeredCount: 0, dismissedForever: false, eventBaseline: {} },
        dismissed: { promptedCount: 'x', dismissedForever: true },
        broken: { promptedCount: -3 },
      },
    };
    const r = parseSurveyHistory(raw, T0);
    assert.match(r.problem ?? '', /trigger event counts/);
    assert.match(r.problem ?? '', /survey 'broken'/);
    assert.equal(r.history.surveys.good?.promptedCount, 1);
    assert.equal(r.history.surveys.dismissed?.dismissedForever, true);
    assert.equal(r.history.surveys.broken, undefined);
    assert.deepEqual(r.history.events, {});
    assert.equal(r.history.lastPromptedAt, T0, 'cooldown restarts now');
  });

  it('never throws, even on objects whose getters throw', () => {
    const evil = {
      version: 1,
      get surveys(): unknown {
        throw new Error('boom');
      },
    };
    const r = parseSurveyHistory(evil, T0);
    assert.ok(r.problem);
    assert.deepEqual(r.history.surveys, {});
  });
});
