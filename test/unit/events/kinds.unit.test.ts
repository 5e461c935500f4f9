import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod/mini';
import { EventEnvelope } from '../../../src/core/events/envelope';
import { exampleOf, renderEventsDoc, renderTelemetryJson } from '../../../src/core/events/eventDocs';
import { EVENT_KINDS, InvalidEventError, makeEvent, tryMakeEvent, type EventContext, type KindDef } from '../../../src/core/events/kinds';

const ctx: EventContext = {
  clock: { now: () => Date.UTC(2025, 0, 6, 9, 30) },
  installId: 'install-1',
  sessionId: 'session-1',
  repo: { id: 'abc', hashed: true },
  extensionVersion: '0.1.0',
};
const ROOT = path.resolve(__dirname, '../../..');

describe('event kinds', () => {
  it('include every kind the product needs', () => {
    for (const k of ['task.ended', 'terminal.commandEnded', 'setup.completed', 'newHire.firstCommit', 'stuck.detected', 'stuck.helpChosen',
      'friction.reported', 'survey.answered', 'onboarding.stepCompleted', 'outbox.dropped']) {
      assert.ok(k in EVENT_KINDS, k);
    }
  });

  for (const [kind, def] of Object.entries(EVENT_KINDS) as unknown as Array<[string, KindDef<z.ZodMiniType>]>) {
    it(`has a valid example and documents every field of ${kind}`, () => {
      assert.ok(def.schema.safeParse(def.example).success);
      assert.ok(EventEnvelope.safeParse(exampleOf(kind, def as unknown as KindDef<never>)).success);
      assert.deepEqual(Object.keys(def.fields).sort(), Object.keys(def.example as object).sort().filter((k) => k in def.fields));
      assert.ok(def.description.length > 10);
    });
  }

  it('fills the envelope and validates it', () => {
    const ev = makeEvent('task.ended', { exitCode: 1, name: 'build', group: 'build', source: 'Workspace', durationMs: 10, category: 'build' }, ctx);
    assert.ok(EventEnvelope.safeParse(ev).success);
    assert.equal(ev.kind, 'task.ended');
    assert.equal(ev.schemaVersion, 1);
    assert.equal(ev.time, '2025-01-06T09:30:00.000Z');
    assert.equal(ev.installId, 'install-1');
    assert.equal(ev.sessionId, 'session-1');
    assert.deepEqual(ev.repo, { id: 'abc', hashed: true });
    assert.match(ev.id, /^[0-9a-f-]{36}$/);
    assert.notEqual(makeEvent('stuck.helpChosen', { choice: 'help' }, ctx).id, makeEvent('stuck.helpChosen', { choice: 'help' }, ctx).id);
  });

  it('leaves identity out of anonymous survey answers only', () => {
    const anon = makeEvent('survey.answered', { surveyId: 's', anonymous: true, answers: [{ questionId: 'q', value: 3 }] }, ctx);
    assert.equal(anon.installId, undefined);
    assert.equal(anon.sessionId, undefined);
    assert.equal(anon.repo, undefined);
    assert.ok(!('installId' in anon));
    assert.equal(anon.time, '2025-01-06T00:00:00.000Z', 'an anonymous answer keeps only the day (security: no linking by time)');
    const named = makeEvent('survey.answered', { surveyId: 's', anonymous: false, answers: [] }, ctx);
    assert.equal(named.installId, 'install-1');
    assert.equal(named.time, '2025-01-06T09:30:00.000Z');
  });

  it('refuses data that does not fit the schema, with a readable reason', () => {
    assert.throws(() => makeEvent('friction.reported', { text: 'x'.repeat(501), context: {} }, ctx), (e: unknown) => e instanceof InvalidEventError && /friction\.reported.*text/.test(e.message));
    assert.throws(() => makeEvent('stuck.helpChosen', { choice: 'maybe' as 'help' }, ctx), InvalidEventError);
    const r = tryMakeEvent('task.ended', { exitCode: 'one' }, ctx);
    assert.equal(r.ok, false);
    assert.deepEqual(tryMakeEvent('nope.kind', {}, ctx), { ok: false, error: "unknown event kind 'nope.kind'" });
    assert.equal(tryMakeEvent('stuck.helpChosen', { choice: 'report' }, ctx).ok, true);
  });

  it('strips fields a kind does not define', () => {
    const ev = makeEvent('stuck.helpChosen', { choice: 'help', secret: 'x' } as never, ctx);
    assert.deepEqual(ev.data, { choice: 'help' });
  });
});

describe('generated event docs', () => {
  it('docs/events.md is what the registry renders (regenerate: see src/core/events/eventDocs.ts)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'docs', 'events.md'), 'utf8'), renderEventsDoc());
  });

  it('telemetry.json is what the registry renders, and lists every kind', () => {
    const text = fs.readFileSync(path.join(ROOT, 'telemetry.json'), 'utf8');
    assert.equal(text, renderTelemetryJson());
    const parsed = JSON.parse(text) as { events: Record<string, Record<string, unknown>> };
    for (const kind of Object.keys(EVENT_KINDS)) assert.ok(parsed.events[`dx-pulse/${kind}`], kind);
  });

  it('shows each kind with its schema version and a JSON example', () => {
    const doc = renderEventsDoc();
    for (const [kind, def] of Object.entries(EVENT_KINDS)) {
      assert.ok(doc.includes(`## \`${kind}\` (schema version ${def.schemaVersion})`), kind);
      assert.ok(doc.includes(`"kind": "${kind}"`), kind);
    }
  });
});
