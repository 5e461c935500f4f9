import * as assert from 'node:assert/strict';
import { EventEnvelope } from '../../../src/core/events/envelope';
import { SurveyAnsweredData, eventIdentityFor, validateAnswers, withEventIdentity } from '../../../src/core/surveys/answers';
import { templateById } from '../../../src/core/surveys/templates';
import { survey } from './helpers';

const quarterly = templateById('dx-quarterly')!;
const nps = templateById('platform-nps')!;
const multi = survey({
  id: 'multi',
  questions: [{ id: 'pain', type: 'multipleChoice', text: 'What slows you?', choices: ['ci', 'tests', 'deps'], maxSelections: 2 }],
});

describe('validateAnswers', () => {
  it('builds survey.answered data in question order, omitting blank optional answers', () => {
    const r = validateAnswers(quarterly, {
      'docs-findability': 2,
      'friday-deploy-confidence': 4,
      'new-service-lead-time': '2-5d',
      'workflow-frustration': '  Waiting for CI  ',
      'platform-wish': '',
    });
    assert.ok(r.ok, r.ok ? '' : r.problems.join('; '));
    if (!r.ok) return;
    assert.deepEqual(r.data, {
      surveyId: 'dx-quarterly',
      anonymous: true,
      answers: [
        { questionId: 'friday-deploy-confidence', value: 4 },
        { questionId: 'new-service-lead-time', value: '2-5d' },
        { questionId: 'workflow-frustration', value: 'Waiting for CI' },
        { questionId: 'docs-findability', value: 2 },
      ],
    });
    assert.equal(SurveyAnsweredData.safeParse(r.data).success, true);
  });

  it('accepts the list form the event carries', () => {
    const r = validateAnswers(nps, [{ questionId: 'nps', value: 9 }]);
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.data.answers, [{ questionId: 'nps', value: 9 }]);
  });

  const bad: [string, Parameters<typeof validateAnswers>[1], RegExp][] = [
    ['an NPS of 11', { nps: 11 }, /whole number from 0 to 10, got 11/],
    ['an NPS of 7.5', { nps: 7.5 }, /whole number from 0 to 10/],
    ['an NPS as text', { nps: '9' }, /whole number from 0 to 10, got "9"/],
    ['a missing required NPS', { 'nps-reason': 'meh' }, /question 'nps' needs an answer/],
    ['an unknown question', { nps: 9, colour: 'blue' }, /has no question 'colour'/],
    ['a duplicate in the list form', [{ questionId: 'nps', value: 9 }, { questionId: 'nps', value: 3 }], /answered twice/],
    ['a malformed list entry', [{ value: 9 }] as never, /\{ questionId, value \}/],
  ];
  for (const [name, answers, message] of bad) {
    it(`refuses ${name}`, () => {
      const r = validateAnswers(nps, answers);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.problems.join('\n'), message);
    });
  }

  it('checks scales, single choices and free-text length', () => {
    const r = validateAnswers(quarterly, {
      'friday-deploy-confidence': 0,
      'new-service-lead-time': '3 weeks',
      'workflow-frustration': 'x'.repeat(1001),
      'docs-findability': 6,
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problems.length, 4);
    assert.match(r.problems[0]!, /1 to 5, got 0/);
    assert.match(r.problems[1]!, /needs one of 'lt-1h'/);
    assert.match(r.problems[2]!, /at most 1000 characters, got 1001/);
    assert.match(r.problems[3]!, /1 to 5, got 6/);
  });

  it('checks multiple choices and returns them in definition order', () => {
    const ok = validateAnswers(multi, { pain: ['tests', 'ci'] });
    assert.ok(ok.ok);
    if (ok.ok) assert.deepEqual(ok.data.answers[0]!.value, ['ci', 'tests']);
    const cases: [unknown, RegExp][] = [
      [['ci', 'tests', 'deps'], /at most 2 choices, got 3/],
      [['ci', 'ci'], /selected twice/],
      [['docs'], /unknown choice 'docs'/],
      ['ci', /needs a list of choice ids/],
      [[], /needs an answer/],
    ];
    for (const [value, message] of cases) {
      const r = validateAnswers(multi, { pain: value });
      assert.equal(r.ok, false, JSON.stringify(value));
      if (!r.ok) assert.match(r.problems.join('\n'), message);
    }
  });

  it('refuses an answer set with nothing answered', () => {
    const s = survey({ questions: [{ id: 'q', type: 'freeText', text: 'Anything?' }] });
    const r = validateAnswers(s, { q: '   ' });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.problems, ['no question was answered']);
  });

  it('refuses answers that are not an object or a list', () => {
    const r = validateAnswers(nps, null as never);
    assert.equal(r.ok, false);
  });
});

describe('eventIdentityFor', () => {
  const fields = { installId: 'install-1', sessionId: 'session-1', extensionVersion: '1.0.0' };

  it('leaves out install and session ids for anonymous surveys', () => {
    assert.deepEqual(eventIdentityFor({ anonymous: true }), { installId: false, sessionId: false });
    const out = withEventIdentity(fields, { anonymous: true });
    assert.deepEqual(out, { extensionVersion: '1.0.0' });
    assert.equal('installId' in out, false);
    assert.equal(fields.installId, 'install-1', 'the input is not changed');
  });

  it('keeps them for attributed surveys', () => {
    assert.deepEqual(eventIdentityFor({ anonymous: false }), { installId: true, sessionId: true });
    assert.deepEqual(withEventIdentity(fields, { anonymous: false }), fields);
  });

  it('keeps an attributed survey anonymous when the privacy switch forbids identifying answers', () => {
    assert.deepEqual(eventIdentityFor({ anonymous: false }, false), { installId: false, sessionId: false });
    assert.deepEqual(withEventIdentity(fields, { anonymous: false }, false), { extensionVersion: '1.0.0' });
    assert.deepEqual(eventIdentityFor({ anonymous: true }, true), { installId: false, sessionId: false });
  });

  it('yields an envelope the event schema accepts', () => {
    const r = validateAnswers(nps, { nps: 10 });
    assert.ok(r.ok);
    if (!r.ok) return;
    const envelope = withEventIdentity(
      {
        id: '0f6c1c1e-8d5f-4a8e-9a57-0d0b3f4c2a11',
        kind: 'survey.answered',
        schemaVersion: 1,
        time: '2025-05-14T12:00:00.000Z',
        installId: 'install-1',
        sessionId: 'session-1',
        extensionVersion: '1.0.0',
        data: r.data,
      },
      nps,
    );
    const parsed = EventEnvelope.safeParse(envelope);
    assert.equal(parsed.success, true);
    if (parsed.success) assert.equal(parsed.data.installId, undefined);
  });
});
