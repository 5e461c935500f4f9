import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { SurveyDefinition, SurveyEntry, SurveyList, dateBoundMs, npsQuestionText, parseWith } from '../../../src/core/surveys/definitions';
import { TEMPLATE_IDS, parseSurveyEntries, resolveSurveyEntries, resolveTemplate, templateById } from '../../../src/core/surveys/templates';

describe('survey templates', () => {
  it('builds every built-in template as a valid definition', () => {
    assert.deepEqual([...TEMPLATE_IDS].sort(), [
      'docs-findability',
      'dx-quarterly',
      'friday-deploy-confidence',
      'new-service-lead-time',
      'platform-nps',
      'platform-wish',
      'workflow-frustration',
    ]);
    for (const id of TEMPLATE_IDS) {
      const t = templateById(id);
      assert.ok(t, id);
      assert.equal(t.id, id);
      assert.deepEqual(t.trigger, { kind: 'schedule', schedule: { kind: 'calendar', period: 'quarterly' } });
      assert.equal(t.sampling, 1);
    }
  });

  it('offers each seed question alone as a one-question pulse with a required answer', () => {
    for (const id of ['friday-deploy-confidence', 'new-service-lead-time', 'workflow-frustration', 'platform-wish', 'docs-findability']) {
      const t = templateById(id)!;
      assert.equal(t.questions.length, 1, id);
      assert.equal(t.questions[0]!.required, true, id);
    }
  });

  it('combines the five seed questions in dx-quarterly, in the seed order', () => {
    const t = templateById('dx-quarterly')!;
    assert.deepEqual(
      t.questions.map((q) => `${q.id}:${q.type}`),
      [
        'friday-deploy-confidence:scale',
        'new-service-lead-time:singleChoice',
        'workflow-frustration:freeText',
        'platform-wish:freeText',
        'docs-findability:scale',
      ],
    );
    const time = t.questions[1]!;
    assert.ok(time.type === 'singleChoice');
    assert.deepEqual(
      time.choices.map((c) => c.label),
      ['< 1 hour', '1-4 hours', '1 day', '2-5 days', '> 1 week'],
    );
    assert.equal(t.questions[2]!.required, false, 'free text is optional in the combined survey');
  });

  it('words platform-nps with the standard question and a subject override', () => {
    const t = templateById('platform-nps')!;
    assert.equal(t.questions[0]!.text, 'How likely are you to recommend the developer platform to a colleague?');
    const r = resolveTemplate({ template: 'platform-nps', subject: 'Acme Launchpad' });
    assert.ok(r.ok);
    if (r.ok) assert.equal(r.survey.questions[0]!.text, npsQuestionText('Acme Launchpad'));
  });

  it('applies overrides of id, trigger, sampling, dates, audience and anonymity', () => {
    const raw = parseYaml(`
- template: friday-deploy-confidence
  id: friday-payments
  trigger: { on: buildSucceeded, count: 5 }
  sampling: 0.25
  startDate: 2025-04-01
  endDate: 2025-06-30
  audience: { teams: [payments] }
  anonymous: false
`);
    const r = parseSurveyEntries(raw);
    assert.deepEqual(r.problems, []);
    const s = r.surveys[0]!;
    assert.equal(s.id, 'friday-payments');
    assert.deepEqual(s.trigger, { kind: 'event', on: 'buildSucceeded', count: 5 });
    assert.equal(s.sampling, 0.25);
    assert.equal(s.startDate, '2025-04-01');
    assert.equal(s.endDate, '2025-06-30');
    assert.deepEqual(s.audience.teams, ['payments']);
    assert.equal(s.anonymous, false);
    assert.equal(s.questions[0]!.id, 'friday-deploy-confidence');
  });

  it('reports an unknown template, a bad override and a duplicate id, and keeps the rest', () => {
    const r = parseSurveyEntries([
      { template: 'platform-nsp' },
      { template: 'platform-nps', sampling: 1.5 },
      { template: 'docs-findability', subject: 'x' },
      { template: 'dx-quarterly' },
      { template: 'dx-quarterly' },
      { template: 'docs-findability', startDate: '2025-06-01', endDate: '2025-05-01' },
      'quarterly',
    ]);
    assert.deepEqual(r.surveys.map((s) => s.id), ['dx-quarterly']);
    assert.equal(r.problems.length, 6);
    assert.match(r.problems[0]!, /surveys\[0\] \('platform-nsp'\): unknown survey template 'platform-nsp'; known: .*platform-nps/);
    assert.match(r.problems[1]!, /surveys\[1\].*sampling is a probability/);
    assert.match(r.problems[2]!, /'subject' only applies to NPS templates/);
    assert.match(r.problems[3]!, /surveys\[4\].*duplicate survey id 'dx-quarterly'/);
    assert.match(r.problems[4]!, /endDate is before startDate/);
    assert.match(r.problems[5]!, /surveys\[6\]/);
  });

  it('resolves entries the configuration already validated', () => {
    const list = parseWith(SurveyList, [
      { template: 'platform-nps', sampling: 0.1 },
      { id: 'own', title: 'Own', trigger: 'monthly', questions: [{ id: 'q', type: 'freeText', text: 'Hi?' }] },
      { template: 'nope' },
      { template: 'docs-findability', id: 'own' },
    ]);
    assert.ok(list.ok);
    if (!list.ok) return;
    const r = resolveSurveyEntries(list.value);
    assert.deepEqual(r.surveys.map((s) => [s.id, s.sampling]), [
      ['platform-nps', 0.1],
      ['own', 1],
    ]);
    assert.equal(r.problems.length, 2);
    assert.match(r.problems[0]!, /surveys\[2\] \('nope'\): unknown survey template/);
    assert.match(r.problems[1]!, /surveys\[3\] \('own'\): duplicate survey id 'own'/);
  });

  it('reports a surveys value that is not a list, and accepts none', () => {
    assert.match(parseSurveyEntries({ id: 'x' }).problems[0]!, /must be a list/);
    assert.deepEqual(parseSurveyEntries(undefined), { surveys: [], problems: [] });
  });
});

describe('SurveyDefinition', () => {
  const yaml = `
- id: build-pulse
  title: How are builds?
  trigger: { on: buildSucceeded, count: 5, repeat: { every: 30d } }
  audience: { repos: ["github.com/acme/*"], newHires: false }
  sampling: 0.5
  anonymous: true
  questions:
    - id: speed
      type: scale
      text: How happy are you with build speed?
      labels: { low: Unhappy, high: Happy }
    - id: pain
      type: multipleChoice
      text: What slows you down?
      choices: [Flaky tests, Slow CI, { id: deps, label: Dependency installs }]
      maxSelections: 2
    - id: more
      type: freeText
      text: Anything else?
      maxLength: 280
- id: new-hire-nps
  title: Onboarding
  trigger: { on: onboardingCompleted }
  audience: newHires
  questions:
    - { id: nps, type: nps, subject: our onboarding }
- id: monthly
  title: Monthly
  trigger: monthly
  questions:
    - { id: tool, type: singleChoice, text: Favourite tool?, choices: [a, b] }
- id: rolling
  title: Rolling
  trigger: { every: 90d }
  questions:
    - { id: q, type: freeText, text: Say something, required: true }
`;

  it('reads a YAML surveys list into normalized definitions', () => {
    const r = parseWith(SurveyList, parseYaml(yaml));
    assert.ok(r.ok, r.ok ? '' : r.message);
    if (!r.ok) return;
    const [build, hire, monthly, rolling] = r.value as SurveyDefinition[];
    assert.deepEqual(build!.trigger, { kind: 'event', on: 'buildSucceeded', count: 5, repeat: { kind: 'rolling', days: 30 } });
    assert.deepEqual(build!.audience, { newHires: false, repos: ['github.com/acme/*'], teams: [] });
    const pain = build!.questions[1]!;
    assert.ok(pain.type === 'multipleChoice');
    assert.deepEqual(pain.choices.map((c) => c.id), ['Flaky tests', 'Slow CI', 'deps']);
    assert.equal(pain.maxSelections, 2);
    assert.deepEqual(hire!.trigger, { kind: 'event', on: 'onboardingCompleted', count: 1 });
    assert.equal(hire!.audience.newHires, true);
    assert.equal(hire!.anonymous, true, 'anonymous unless said otherwise');
    assert.equal(hire!.questions[0]!.text, 'How likely are you to recommend our onboarding to a colleague?');
    assert.deepEqual(monthly!.trigger, { kind: 'schedule', schedule: { kind: 'calendar', period: 'monthly' } });
    assert.deepEqual(rolling!.trigger, { kind: 'schedule', schedule: { kind: 'rolling', days: 90 } });
    assert.equal(rolling!.questions[0]!.required, true);
  });

  it('names the field at fault for an entry of either kind, not just "Invalid input"', () => {
    const def = parseWith(SurveyEntry, { id: 'x', title: 'T', trigger: 'quarterly', sampling: 2, questions: [{ id: 'a', type: 'nps', subject: 'p' }] });
    assert.ok(!def.ok && /sampling is a probability/.test(def.message) && /at sampling/.test(def.message));
    const ref = parseWith(SurveyList, [{ template: 'dx-quarterly' }, { template: 'platform-nps', trigger: 'fortnightly' }]);
    assert.ok(!ref.ok && /at \[1\]\.trigger/.test(ref.message), ref.ok ? '' : ref.message);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['sampling above 1', { sampling: 1.2 }, /sampling is a probability/],
    ['negative sampling', { sampling: -0.1 }, /sampling is a probability/],
    ['no questions', { questions: [] }, /at least one question/],
    ['an unknown question type', { questions: [{ id: 'q', type: 'stars', text: 'x' }] }, /questions\[0\]\.type/],
    ['an NPS without subject', { questions: [{ id: 'q', type: 'nps' }] }, /subject/],
    ['a scale without labels', { questions: [{ id: 'q', type: 'scale', text: 'x' }] }, /labels/],
    ['one choice', { questions: [{ id: 'q', type: 'singleChoice', text: 'x', choices: ['a'] }] }, /at least 2 choices/],
    ['duplicate choices', { questions: [{ id: 'q', type: 'singleChoice', text: 'x', choices: ['a', 'a'] }] }, /choice ids must be unique/],
    ['free text longer than the hard max', { questions: [{ id: 'q', type: 'freeText', text: 'x', maxLength: 5000 }] }, /maxLength/],
    ['duplicate question ids', { questions: [{ id: 'q', type: 'freeText', text: 'x' }, { id: 'q', type: 'freeText', text: 'y' }] }, /question ids must be unique/],
    ['an unknown trigger event', { trigger: { on: 'deployFailed' } }, /trigger/],
    ['an every without days', { trigger: { every: '3 weeks' } }, /trigger/],
    ['a bad id', { id: 'Has Spaces' }, /id/],
    ['a bad date', { startDate: 'next tuesday' }, /startDate/],
    ['dates in the wrong order', { startDate: '2025-06-01', endDate: '2025-05-01' }, /endDate is before startDate/],
  ];
  for (const [name, patch, message] of invalid) {
    it(`fails clearly on ${name}`, () => {
      const base = { id: 's', title: 'S', trigger: 'quarterly', questions: [{ id: 'q', type: 'freeText', text: 'x' }] };
      const r = parseWith(SurveyDefinition, { ...base, ...(patch as object) });
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.message, message);
    });
  }
});

describe('survey entries as docs/surveys.md describes them (#17)', () => {
  const buildPulse = (over: Record<string, unknown> = {}) => ({
    id: 'build-pulse',
    title: 'How are builds?',
    trigger: 'quarterly',
    questions: [{ id: 'speed', type: 'scale', text: 'How happy are you with build speed?', labels: { low: 'Unhappy', high: 'Happy' } }],
    ...over,
  });

  it('accepts a start or end date-time without a zone, read as UTC (item 9)', () => {
    const r = parseSurveyEntries([buildPulse({ startDate: '2025-04-01T09:00:00', endDate: '2025-06-30T18:00' })]);
    assert.deepEqual(r.problems, []);
    assert.equal(dateBoundMs(r.surveys[0]!.startDate!, 'start'), Date.UTC(2025, 3, 1, 9));
    assert.equal(dateBoundMs(r.surveys[0]!.endDate!, 'end'), Date.UTC(2025, 5, 30, 18));
  });

  it('reports a bad entry on one line with its position and the field at fault (item 10)', () => {
    const r = parseSurveyEntries([{ template: 'platform-nps' }, { template: 'dx-quarterly' }, buildPulse({ sampling: 2 })]);
    assert.deepEqual(r.problems, ["surveys[2] ('build-pulse'): sampling is a probability: a number from 0 (nobody) to 1 (everyone), e.g. 0.2 (at sampling)"]);
    assert.equal(r.surveys.length, 2);
  });
});
