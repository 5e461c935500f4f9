import { createHash } from 'node:crypto';
import * as assert from 'node:assert/strict';
import type { SurveyDefinition } from '../../../src/core/surveys/definitions';
import type { IneligibleReason, SurveyMoment, SurveySettings } from '../../../src/core/surveys/eligibility';
import {
  checkEligibility,
  effectiveCooldownDays,
  audienceMatches,
  pickSurvey,
  repoIdsFor,
  repoMatches,
} from '../../../src/core/surveys/eligibility';
import type { SurveyHistory } from '../../../src/core/surveys/state';
import {
  emptyHistory,
  recordAnswered,
  recordDontAskAgain,
  recordPrompted,
  recordRemindLater,
  recordSampleDraw,
  recordTriggerEvent,
} from '../../../src/core/surveys/state';
import { DAY, HOUR, MIN, T0, survey } from './helpers';

// A calm moment: an hour into the session, not debugging, no failure streak.
function moment(over: Partial<SurveyMoment> = {}): SurveyMoment {
  return {
    now: T0,
    sessionStartedAt: T0 - HOUR,
    debugging: false,
    inFailureStreak: false,
    userIsNewHire: false,
    repoId: 'github.com/acme/payments',
    team: 'Payments',
    ...over,
  };
}

const settings: SurveySettings = { enabled: true };

function events(h: SurveyHistory, kind: 'buildSucceeded' | 'streakFixed', n: number): SurveyHistory {
  for (let i = 0; i < n; i++) h = recordTriggerEvent(h, kind);
  return h;
}

const quarterly = survey();
const builds5 = survey({ id: 'builds', trigger: { on: 'buildSucceeded', count: 5 } });
const onboarding = survey({ id: 'onboard', trigger: { on: 'onboardingCompleted' } });
const builds5Monthly = survey({ id: 'builds-m', trigger: { on: 'buildSucceeded', count: 5, repeat: 'monthly' } });
const every90 = survey({ id: 'rolling', trigger: { every: '90d' } });
const newHires = survey({ id: 'hires', audience: 'newHires' });
const byRepo = survey({ id: 'repo', audience: { repos: ['github.com/acme/*'] } });
const byTeam = survey({ id: 'team', audience: { teams: ['payments', 'search'] } });
const nobody = survey({ id: 'nobody', sampling: 0 });
const dated = survey({ id: 'dated', startDate: '2025-05-01', endDate: '2025-05-31' });

interface Row {
  name: string;
  survey: SurveyDefinition;
  moment?: Partial<SurveyMoment>;
  history?: (h: SurveyHistory) => SurveyHistory;
  settings?: Partial<SurveySettings>;
  expect: IneligibleReason | 'eligible';
}

const table: Row[] = [
  { name: 'a calm moment, never asked', survey: quarterly, expect: 'eligible' },
  { name: 'user turned surveys off', survey: quarterly, settings: { enabled: false }, expect: 'surveysOff' },
  { name: 'debugging', survey: quarterly, moment: { debugging: true }, expect: 'debugging' },
  { name: 'in a failure streak', survey: quarterly, moment: { inFailureStreak: true }, expect: 'failureStreak' },
  { name: 'session started 4 minutes ago', survey: quarterly, moment: { sessionStartedAt: T0 - 4 * MIN }, expect: 'sessionTooNew' },
  { name: 'session started exactly 5 minutes ago', survey: quarterly, moment: { sessionStartedAt: T0 - 5 * MIN }, expect: 'eligible' },
  { name: 'session grace raised to 30 minutes', survey: quarterly, moment: { sessionStartedAt: T0 - 20 * MIN }, settings: { sessionGraceMinutes: 30 }, expect: 'sessionTooNew' },
  { name: 'another survey shown 6 days ago', survey: quarterly, history: (h) => recordPrompted(h, 'other', T0 - 6 * DAY), expect: 'cooldown' },
  { name: 'another survey shown 7 days ago', survey: quarterly, history: (h) => recordPrompted(h, 'other', T0 - 7 * DAY), expect: 'eligible' },
  { name: 'platform asks for a 1-day cooldown: the 7-day floor holds', survey: quarterly, settings: { platformCooldownDays: 1 }, history: (h) => recordPrompted(h, 'other', T0 - 3 * DAY), expect: 'cooldown' },
  { name: 'user asks for a 1-day cooldown: the 7-day floor holds', survey: quarterly, settings: { userCooldownDays: 1 }, history: (h) => recordPrompted(h, 'other', T0 - 3 * DAY), expect: 'cooldown' },
  { name: 'user lengthened cooldown to 30 days, 20 days passed', survey: quarterly, settings: { userCooldownDays: 30 }, history: (h) => recordPrompted(h, 'other', T0 - 20 * DAY), expect: 'cooldown' },
  { name: 'platform lengthened cooldown to 14 days, 10 passed', survey: quarterly, settings: { platformCooldownDays: 14 }, history: (h) => recordPrompted(h, 'other', T0 - 10 * DAY), expect: 'cooldown' },
  { name: 'user 30 days, platform 14: 20 days passed still waits', survey: quarterly, settings: { userCooldownDays: 30, platformCooldownDays: 14 }, history: (h) => recordPrompted(h, 'other', T0 - 20 * DAY), expect: 'cooldown' },
  { name: 'a negative cooldown setting is ignored', survey: quarterly, settings: { userCooldownDays: -5 }, history: (h) => recordPrompted(h, 'other', T0 - 8 * DAY), expect: 'eligible' },
  { name: '"Don\'t ask again" on this survey', survey: quarterly, history: (h) => recordDontAskAgain(h, 'pulse', T0 - 365 * DAY), expect: 'dismissedForever' },
  { name: '"Don\'t ask again" on another survey only', survey: quarterly, history: (h) => recordDontAskAgain(h, 'other', T0 - 30 * DAY), expect: 'eligible' },
  { name: '"Remind me later" 2 days ago (and cooldown passed by a longer-ago prompt)', survey: quarterly, history: (h) => ({ ...recordRemindLater(h, 'pulse', T0 - 2 * DAY), lastPromptedAt: T0 - 10 * DAY }), expect: 'remindLater' },
  { name: '"Remind me later" 8 days ago: the reminder and the cooldown are over', survey: quarterly, history: (h) => recordRemindLater(recordPrompted(h, 'pulse', T0 - 8 * DAY), 'pulse', T0 - 8 * DAY), expect: 'eligible' },
  { name: '"Remind me later" 4 days ago: the global cooldown still holds', survey: quarterly, history: (h) => recordRemindLater(recordPrompted(h, 'pulse', T0 - 4 * DAY), 'pulse', T0 - 4 * DAY), expect: 'cooldown' },
  { name: 'answered this quarter', survey: quarterly, history: (h) => recordAnswered(h, 'pulse', Date.UTC(2025, 3, 2)), expect: 'alreadyAnswered' },
  { name: 'answered last quarter', survey: quarterly, history: (h) => recordAnswered(h, 'pulse', Date.UTC(2025, 2, 31)), expect: 'eligible' },
  { name: 'rolling 90d, answered 60 days ago', survey: every90, history: (h) => recordAnswered(h, 'rolling', T0 - 60 * DAY), expect: 'alreadyAnswered' },
  { name: 'rolling 90d, answered 91 days ago', survey: every90, history: (h) => recordAnswered(h, 'rolling', T0 - 91 * DAY), expect: 'eligible' },
  { name: 'shown twice this quarter unanswered', survey: quarterly, history: (h) => recordPrompted(recordPrompted(h, 'pulse', Date.UTC(2025, 3, 3)), 'pulse', Date.UTC(2025, 3, 20)), expect: 'promptLimit' },
  { name: 'shown once this quarter unanswered', survey: quarterly, history: (h) => recordPrompted(h, 'pulse', Date.UTC(2025, 3, 3)), expect: 'eligible' },
  { name: 'shown twice last quarter unanswered', survey: quarterly, history: (h) => recordPrompted(recordPrompted(h, 'pulse', Date.UTC(2025, 0, 3)), 'pulse', Date.UTC(2025, 1, 3)), expect: 'eligible' },
  { name: 'new-hire survey, not a new hire', survey: newHires, expect: 'audience' },
  { name: 'new-hire survey, a new hire', survey: newHires, moment: { userIsNewHire: true }, expect: 'eligible' },
  { name: 'repo glob matches', survey: byRepo, expect: 'eligible' },
  { name: 'repo glob does not match', survey: byRepo, moment: { repoId: 'github.com/other/payments' }, expect: 'audience' },
  { name: 'repo audience with no repo open', survey: byRepo, moment: { repoId: undefined }, expect: 'audience' },
  { name: 'team matches case-insensitively', survey: byTeam, expect: 'eligible' },
  { name: 'team not in the list', survey: byTeam, moment: { team: 'Infra' }, expect: 'audience' },
  { name: 'sampling 0', survey: nobody, expect: 'notSampled' },
  { name: 'remembered draw 0.3 with sampling 0.2', survey: survey({ sampling: 0.2 }), history: (h) => recordSampleDraw(h, 'pulse', 0.3), expect: 'notSampled' },
  { name: 'remembered draw 0.1 with sampling 0.2', survey: survey({ sampling: 0.2 }), history: (h) => recordSampleDraw(h, 'pulse', 0.1), expect: 'eligible' },
  { name: 'before the start date', survey: dated, moment: { now: Date.UTC(2025, 3, 30, 23, 59) }, expect: 'notStarted' },
  { name: 'on the last day of the range', survey: dated, moment: { now: Date.UTC(2025, 4, 31, 23, 0) }, expect: 'eligible' },
  { name: 'after the end date', survey: dated, moment: { now: Date.UTC(2025, 5, 1, 0, 1) }, expect: 'ended' },
  { name: 'event survey with no event now', survey: builds5, history: (h) => events(h, 'buildSucceeded', 9), expect: 'waitingForEvent' },
  { name: 'event survey after a different event', survey: builds5, moment: { event: 'streakFixed' }, history: (h) => events(h, 'buildSucceeded', 9), expect: 'waitingForEvent' },
  { name: '4 of 5 builds', survey: builds5, moment: { event: 'buildSucceeded' }, history: (h) => events(h, 'buildSucceeded', 4), expect: 'eventCountNotReached' },
  { name: '5 of 5 builds', survey: builds5, moment: { event: 'buildSucceeded' }, history: (h) => events(h, 'buildSucceeded', 5), expect: 'eligible' },
  { name: 'counting restarts when shown: 3 builds since', survey: builds5, moment: { event: 'buildSucceeded' }, history: (h) => events(recordPrompted(events(h, 'buildSucceeded', 10), 'builds', T0 - 30 * DAY), 'buildSucceeded', 3), expect: 'eventCountNotReached' },
  { name: 'one-off event survey answered long ago', survey: builds5, moment: { event: 'buildSucceeded' }, history: (h) => events(recordAnswered(h, 'builds', T0 - 400 * DAY), 'buildSucceeded', 5), expect: 'alreadyAnswered' },
  { name: 'repeating event survey answered last month', survey: builds5Monthly, moment: { event: 'buildSucceeded' }, history: (h) => events(recordAnswered(h, 'builds-m', Date.UTC(2025, 3, 20)), 'buildSucceeded', 5), expect: 'eligible' },
  { name: 'repeating event survey answered this month', survey: builds5Monthly, moment: { event: 'buildSucceeded' }, history: (h) => events(recordAnswered(h, 'builds-m', Date.UTC(2025, 4, 2)), 'buildSucceeded', 5), expect: 'alreadyAnswered' },
  { name: 'one-off event survey shown twice, never answered', survey: onboarding, moment: { event: 'onboardingCompleted' }, history: (h) => recordPrompted(recordPrompted(h, 'onboard', T0 - 100 * DAY), 'onboard', T0 - 50 * DAY), expect: 'promptLimit' },
  { name: 'onboarding completed just now', survey: onboarding, moment: { event: 'onboardingCompleted' }, history: (h) => recordTriggerEvent(h, 'onboardingCompleted'), expect: 'eligible' },
  { name: 'debugging beats a due event', survey: builds5, moment: { event: 'buildSucceeded', debugging: true }, history: (h) => events(h, 'buildSucceeded', 5), expect: 'debugging' },
  { name: '"Don\'t ask again" beats everything else that is true', survey: quarterly, moment: { debugging: true, inFailureStreak: true }, history: (h) => recordDontAskAgain(h, 'pulse', T0), expect: 'dismissedForever' },
  { name: 'off beats "Don\'t ask again"', survey: quarterly, settings: { enabled: false }, history: (h) => recordDontAskAgain(h, 'pulse', T0), expect: 'surveysOff' },
  { name: 'clock went backwards past an answer', survey: quarterly, history: (h) => recordAnswered(h, 'pulse', T0 + 30 * DAY), expect: 'alreadyAnswered' },
];

describe('checkEligibility', () => {
  for (const row of table) {
    it(`is ${row.expect} when ${row.name}`, () => {
      const h = (row.history ?? ((x) => x))(emptyHistory());
      const r = checkEligibility(moment(row.moment), h, { ...settings, ...row.settings }, row.survey);
      assert.equal(r.eligible ? 'eligible' : r.reason, row.expect, r.eligible ? 'eligible' : r.detail);
      if (!r.eligible) assert.ok(r.detail.length > 0);
    });
  }

  it('never returns eligible twice in a row once the host records the prompt', () => {
    let h = emptyHistory();
    const m = moment();
    assert.equal(checkEligibility(m, h, settings, quarterly).eligible, true);
    h = recordPrompted(h, quarterly.id, m.now);
    const later = moment({ now: T0 + HOUR });
    const r = checkEligibility(later, h, settings, quarterly);
    assert.equal(r.eligible ? 'eligible' : r.reason, 'cooldown');
  });
});

describe('effectiveCooldownDays', () => {
  it('takes the largest of the floor, the user and the platform', () => {
    assert.equal(effectiveCooldownDays(settings), 7);
    assert.equal(effectiveCooldownDays({ ...settings, userCooldownDays: 3, platformCooldownDays: 2 }), 7);
    assert.equal(effectiveCooldownDays({ ...settings, userCooldownDays: 30, platformCooldownDays: 14 }), 30);
    assert.equal(effectiveCooldownDays({ ...settings, userCooldownDays: 10, platformCooldownDays: 14 }), 14);
    assert.equal(effectiveCooldownDays({ ...settings, userCooldownDays: Number.NaN }), 7);
  });
});

describe('pickSurvey', () => {
  it('picks nothing and explains each survey when none is eligible', () => {
    const r = pickSurvey(moment({ debugging: true }), emptyHistory(), settings, [quarterly, builds5]);
    assert.equal(r.survey, undefined);
    assert.deepEqual(
      r.skipped.map((s) => [s.surveyId, s.reason]),
      [
        ['pulse', 'debugging'],
        ['builds', 'debugging'],
      ],
    );
  });

  it('prefers the survey whose event just happened over a scheduled one', () => {
    const h = events(emptyHistory(), 'buildSucceeded', 5);
    const r = pickSurvey(moment({ event: 'buildSucceeded' }), h, settings, [quarterly, builds5]);
    assert.equal(r.survey?.id, 'builds');
    assert.deepEqual(r.skipped, []);
  });

  it('prefers the survey shown least recently, then the definition order', () => {
    const a = survey({ id: 'a' });
    const b = survey({ id: 'b' });
    const c = survey({ id: 'c' });
    const h = { ...recordPrompted(emptyHistory(), 'a', Date.UTC(2025, 3, 2)), lastPromptedAt: undefined };
    assert.equal(pickSurvey(moment(), h, settings, [a, b, c]).survey?.id, 'b');
    assert.equal(pickSurvey(moment(), emptyHistory(), settings, [c, b, a]).survey?.id, 'c');
  });

  it('returns at most one survey and none after it was recorded', () => {
    const r = pickSurvey(moment(), emptyHistory(), settings, [quarterly, every90]);
    assert.equal(r.survey?.id, 'pulse');
    const h = recordPrompted(emptyHistory(), 'pulse', T0);
    const again = pickSurvey(moment({ now: T0 + 10 * MIN }), h, settings, [quarterly, every90]);
    assert.equal(again.survey, undefined);
    assert.ok(again.skipped.every((s) => s.reason === 'cooldown'));
  });
});

describe('repoMatches', () => {
  const rows: [string, string, boolean][] = [
    ['github.com/acme/payments', 'github.com/acme/payments', true],
    ['GitHub.com/Acme/Payments', 'github.com/acme/payments', true],
    ['github.com/acme/*', 'github.com/acme/payments', true],
    ['github.com/acme/*', 'github.com/acme/group/payments', false],
    ['github.com/acme/**', 'github.com/acme/group/payments', true],
    ['github.com/*/payments', 'github.com/other/payments', true],
    ['github.com/acme/pay?ents', 'github.com/acme/payments', true],
    ['github.com/acme.*', 'github.com/acmex', false],
    ['3f2a9c', '3f2a9c', true],
    ['3f2a9c', '3f2a9d', false],
  ];
  for (const [pattern, id, expected] of rows) {
    it(`${expected ? 'matches' : 'does not match'} '${id}' with '${pattern}'`, () => {
      assert.equal(repoMatches(pattern, id), expected);
    });
  }
});

describe('audienceMatches with hashed repository ids (#17 item 11)', () => {
  const remote = 'github.com/acme/payments';
  const sha = createHash('sha256').update(remote).digest('hex');
  const salted = createHash('sha256').update(`org-salt${remote}`).digest('hex');
  const audience = (repos: string[]) => ({ newHires: false, repos, teams: [] });

  it('matches an exact entry that is the SHA-256 of the normalized remote', () => {
    const m = moment({ repoId: remote, repoHashes: repoIdsFor(remote, '') });
    assert.equal(audienceMatches(audience([sha]), m), true);
    assert.equal(audienceMatches(audience([sha.toUpperCase()]), m), true);
    assert.equal(audienceMatches(audience(['0'.repeat(64)]), m), false);
  });

  it('matches the salted id events carry when the organization sets a salt, and the plain hash still', () => {
    const m = moment({ repoId: remote, repoHashes: repoIdsFor(remote, 'org-salt') });
    assert.equal(audienceMatches(audience([salted]), m), true);
    assert.equal(audienceMatches(audience([sha]), m), true);
  });

  it('never matches a glob against a hash', () => {
    assert.equal(audienceMatches(audience(['*']), moment({ repoId: undefined, repoHashes: [sha] })), false);
  });
});
