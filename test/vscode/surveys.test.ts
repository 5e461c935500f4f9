import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SurveyDecision, SurveyResult } from '../../src/host/surveyController';
import { activateExtension, allEvents, collectedData, runWorkspaceTask, setSetting, waitFor, resetSharing } from './helpers';

interface Status {
  lastDecision?: SurveyDecision;
  blocked?: string;
  surveys: { id: string; eligibility: { eligible: boolean; reason?: string } }[];
}

async function status(): Promise<Status> {
  const s = await vscode.commands.executeCommand<Status>('dxPulse.showSurveyStatus');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  return s;
}

const take = (...args: unknown[]) => vscode.commands.executeCommand<SurveyResult>('dxPulse.takeSurvey', ...args);

describe('Surveys in the real editor', () => {
  before(async () => {
    await activateExtension();
    await resetSharing();
  });
  after(() => setSetting('dxPulse.telemetry.level', undefined));

  it('reads the demo surveys from .dx/pulse.yaml', async () => {
    const s = await waitFor('the surveys from the repo file', async () => {
      const st = await status();
      return st.surveys.length >= 3 ? st : undefined;
    });
    assert.deepEqual(s.surveys.map((x) => x.id).slice(0, 3), ['platform-nps', 'dx-quarterly', 'friday-deploy-confidence']);
  });

  it('decides about a prompt when a build succeeds, and keeps quiet early in the session', async () => {
    const started = Date.now();
    assert.equal(await runWorkspaceTask('build'), 0);
    // Newer than this build: earlier suites' builds left decisions of their own.
    const s = await waitFor('a decision after the build', async () => {
      const st = await status();
      return st.lastDecision?.trigger === 'buildSucceeded' && st.lastDecision.at >= started ? st : undefined;
    });
    const d = s.lastDecision!;
    assert.equal(d.surveyId, undefined, 'no survey in the first minutes of a session');
    assert.equal(d.blocked, undefined);
    const nps = d.skipped.find((x) => x.surveyId === 'platform-nps');
    assert.equal(nps?.reason, 'sessionTooNew');
    const friday = d.skipped.find((x) => x.surveyId === 'friday-deploy-confidence');
    assert.ok(friday, 'the event survey was considered');
  });

  it('records an answer in the outbox, anonymously', async () => {
    const result = await take('platform-nps', { answers: { nps: 9, 'nps-reason': '  Fast CI  ' } });
    assert.deepEqual(result, { outcome: 'answered', surveyId: 'platform-nps' });
    const ev = await waitFor('the survey.answered event', async () => allEvents(await collectedData()).find((e) => e.kind === 'survey.answered' && e.data.surveyId === 'platform-nps'));
    assert.deepEqual(ev.data.answers, [
      { questionId: 'nps', value: 9 },
      { questionId: 'nps-reason', value: 'Fast CI' },
    ]);
    assert.equal(ev.data.anonymous, true);
    assert.equal(ev.installId, undefined, 'anonymous answers carry no install id');
    assert.equal((ev as { sessionId?: string }).sessionId, undefined);
    assert.equal(ev.repo, undefined);
    const again = await take('platform-nps', { answers: { nps: 3 } });
    assert.equal(again.outcome, 'refused', 'one answer per quarter');
    assert.match(again.detail ?? '', /already answered/);
  });

  it('refuses answers that do not fit the survey, with the reason', async () => {
    const r = await take('friday-deploy-confidence', { answers: { 'friday-deploy-confidence': 11 } });
    assert.equal(r.outcome, 'invalid');
    assert.match(r.detail ?? '', /whole number from 1 to 5, got 11/);
  });

  it('remembers "Don\'t ask again" in globalState', async () => {
    const r = await take('dx-quarterly', { action: 'dontAskAgain' });
    assert.equal(r.outcome, 'dontAskAgain');
    const refused = await take('dx-quarterly');
    assert.equal(refused.outcome, 'refused');
    assert.match(refused.detail ?? '', /Don't ask again/);
    const s = await status();
    const q = s.surveys.find((x) => x.id === 'dx-quarterly');
    assert.equal(q?.eligibility.reason, 'dismissedForever');
  });

  it('does not ask at all when answers could not be sent', async () => {
    await setSetting('dxPulse.telemetry.level', 'signals');
    try {
      const s = await waitFor('sharing to narrow', async () => {
        const st = await status();
        return st.blocked ? st : undefined;
      });
      assert.match(s.blocked!, /sharing is off/);
      const r = await take('friday-deploy-confidence', { answers: { 'friday-deploy-confidence': 4 } });
      assert.equal(r.outcome, 'refused');
      const events = allEvents(await collectedData()).filter((e) => e.kind === 'survey.answered' && e.data.surveyId === 'friday-deploy-confidence');
      assert.equal(events.length, 0);
    } finally {
      await setSetting('dxPulse.telemetry.level', undefined);
    }
  });
});
