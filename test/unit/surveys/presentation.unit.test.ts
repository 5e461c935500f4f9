import * as assert from 'node:assert/strict';
import type { NpsQuestion, ScaleQuestion } from '../../../src/core/surveys/definitions';
import { askStyle, onDemandEligibility, onDemandListing, promptText, readableProblems, scoreItems } from '../../../src/core/surveys/presentation';
import { emptyHistory, recordAnswered, recordDontAskAgain, recordPrompted } from '../../../src/core/surveys/state';
import { templateById } from '../../../src/core/surveys/templates';
import { DAY, T0, survey } from './helpers';

const moment = { now: T0, userIsNewHire: false, repoId: 'github.com/acme/payments', team: 'checkout' };

describe('survey presentation', () => {
  describe('askStyle', () => {
    it('asks one question, or a score with an optional why, from a notification', () => {
      assert.equal(askStyle(survey()), 'quick');
      assert.equal(askStyle(templateById('platform-nps')!), 'quick');
      assert.equal(askStyle(templateById('workflow-frustration')!), 'quick');
    });
    it('opens the sidebar form for anything longer', () => {
      assert.equal(askStyle(templateById('dx-quarterly')!), 'form');
      const requiredWhy = survey({ questions: [{ id: 'a', type: 'nps', subject: 'x' }, { id: 'b', type: 'freeText', text: 'Why?', required: true }] });
      assert.equal(askStyle(requiredWhy), 'form');
      const twoScores = survey({ questions: [{ id: 'a', type: 'nps', subject: 'x' }, { id: 'b', type: 'scale', text: 'S?', labels: { low: 'l', high: 'h' } }] });
      assert.equal(askStyle(twoScores), 'form');
    });
  });

  describe('scoreItems', () => {
    it('labels the NPS ends with the standard words', () => {
      const items = scoreItems(templateById('platform-nps')!.questions[0] as NpsQuestion);
      assert.equal(items.length, 11);
      assert.equal(items[0]!.label, '0 — Not at all likely');
      assert.equal(items[5]!.label, '5');
      assert.equal(items[10]!.label, '10 — Extremely likely');
      assert.deepEqual(items.map((i) => i.value), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
    it('gives a 1-5 scale five scores with its own end words', () => {
      const q = templateById('docs-findability')!.questions[0] as ScaleQuestion;
      assert.deepEqual(scoreItems(q).map((i) => i.label), ['1 — Very hard', '2', '3', '4', '5 — Very easy']);
    });
  });

  describe('promptText', () => {
    it('is the question itself for a quick survey, with the scale ends spelled out', () => {
      assert.equal(promptText(templateById('platform-nps', 'Launchpad')!), 'How likely are you to recommend Launchpad to a colleague?');
      assert.match(promptText(templateById('friday-deploy-confidence')!), /Friday\? \(1 = Not at all confident, 5 = Completely confident\)$/);
    });
    it('names the survey and its length for a form', () => {
      assert.match(promptText(templateById('dx-quarterly')!), /^Quarterly developer experience survey: 5 short questions/);
    });
  });

  describe('readableProblems', () => {
    it('names questions by their number', () => {
      const s = templateById('dx-quarterly')!;
      assert.deepEqual(readableProblems(s, ["question 'docs-findability' needs an answer", 'no question was answered']), ['Question 5 needs an answer', 'no question was answered']);
    });
  });

  describe('onDemandEligibility', () => {
    const s = survey({ id: 'pulse', title: 'Pulse' });
    it('ignores the timing rules when the developer asks', () => {
      // Just prompted (cooldown running): still open on demand.
      const h = recordPrompted(emptyHistory(), 'other', T0 - DAY);
      assert.deepEqual(onDemandEligibility(moment, h, true, s), { eligible: true });
    });
    it('still honours the switch, "Don\'t ask again", dates, audience and one answer per period', () => {
      const table: [string, Parameters<typeof onDemandEligibility>, string][] = [
        ['off', [moment, emptyHistory(), false, s], 'surveysOff'],
        ['dismissed', [moment, recordDontAskAgain(emptyHistory(), 'pulse', T0 - DAY), true, s], 'dismissedForever'],
        ['not started', [moment, emptyHistory(), true, survey({ startDate: '2025-06-01' })], 'notStarted'],
        ['ended', [moment, emptyHistory(), true, survey({ endDate: '2025-05-01' })], 'ended'],
        ['other team', [moment, emptyHistory(), true, survey({ audience: { teams: ['search'] } })], 'audience'],
        ['answered this quarter', [moment, recordAnswered(emptyHistory(), 'pulse', T0 - DAY), true, s], 'alreadyAnswered'],
        ['one-off event survey answered before', [moment, recordAnswered(emptyHistory(), 'pulse', T0 - 400 * DAY), true, survey({ trigger: { on: 'streakFixed' } })], 'alreadyAnswered'],
      ];
      for (const [name, args, reason] of table) {
        const e = onDemandEligibility(...args);
        assert.equal(e.eligible ? 'eligible' : e.reason, reason, name);
      }
    });
    it('opens again in a new period', () => {
      const h = recordAnswered(emptyHistory(), 'pulse', T0 - 120 * DAY);
      assert.deepEqual(onDemandEligibility(moment, h, true, s), { eligible: true });
    });
  });
});

describe('onDemandListing (#17 item 14)', () => {
  const moment = { now: T0, userIsNewHire: false, repoId: 'github.com/acme/payments' };
  const s = survey({ id: 'q' });

  it('lists a survey turned away with "Don\'t ask again", so that picking it offers Ask Me Again', () => {
    assert.equal(onDemandListing(moment, emptyHistory(), true, s), 'open');
    assert.equal(onDemandListing(moment, recordDontAskAgain(emptyHistory(), 'q', T0), true, s), 'dismissed');
  });

  it('leaves out a dismissed survey that could not be asked anyway', () => {
    const answered = recordDontAskAgain(recordAnswered(emptyHistory(), 'q', T0 - DAY), 'q', T0);
    assert.equal(onDemandListing(moment, answered, true, s), undefined);
    assert.equal(onDemandListing(moment, recordDontAskAgain(emptyHistory(), 'q', T0), false, s), undefined);
  });
});
