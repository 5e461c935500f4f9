import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventEnvelope } from './envelope';
import { EVENT_KINDS, type FieldDoc, type KindDef } from './kinds';
import { dayPrecision } from '../privacy/anonymity';

// Renders docs/events.md and telemetry.json from the registry, so neither can drift from the
// schemas; test/unit/events/eventDocs.unit.test.ts fails when the checked-in files differ.
// Regenerate: npx tsx -e "require('./src/core/events/eventDocs.ts').writeEventDocs('.')"

const EXAMPLE_ENVELOPE: Omit<EventEnvelope, 'kind' | 'schemaVersion' | 'data'> = {
  id: '3b1f8f0e-6c1a-4d2e-9a57-2f0c1d9b7e41',
  time: '2025-01-06T09:30:00.000Z',
  installId: '0d6c2a4e-8b1f-4c3d-a2e5-7f9b1c3d5e70',
  sessionId: 'c5e2a9f1-3d4b-4e6a-8c7d-1b2a3f4e5d60',
  repo: { id: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', hashed: true },
  extensionVersion: '0.1.0',
};

const COMMON_FIELDS: Record<string, FieldDoc> = {
  id: { classification: 'SystemMetaData', purpose: 'PerformanceAndHealth', comment: 'Random UUID of the event; the platform de-duplicates on it.' },
  kind: { classification: 'SystemMetaData', purpose: 'FeatureInsight', comment: 'The event kind.' },
  schemaVersion: { classification: 'SystemMetaData', purpose: 'FeatureInsight', comment: 'Version of the kind\'s data schema.' },
  time: { classification: 'SystemMetaData', purpose: 'FeatureInsight', comment: 'When it was observed (ISO 8601, UTC); on anonymous survey events (answers, prompts, dismissals) only the day (midnight UTC).' },
  installId: { classification: 'EndUserPseudonymizedInformation', purpose: 'FeatureInsight', comment: 'Random id made once per install (not VS Code\'s machine id). Absent on anonymous survey events.' },
  sessionId: { classification: 'EndUserPseudonymizedInformation', purpose: 'FeatureInsight', comment: 'Random id per editor session. Absent on anonymous survey events.' },
  repo: { classification: 'SystemMetaData', purpose: 'FeatureInsight', comment: 'Repository identity: SHA-256 of the normalized remote URL (of the organization\'s salt and the URL when `dxPulse.privacy.repoIdSalt` is set), or the URL itself when sharing names is on.' },
  extensionVersion: { classification: 'SystemMetaData', purpose: 'PerformanceAndHealth', comment: 'DX Pulse version.' },
};

function kinds(): Array<[string, KindDef<never>]> {
  return Object.entries(EVENT_KINDS).sort(([a], [b]) => a.localeCompare(b)) as unknown as Array<[string, KindDef<never>]>;
}

/** The example of a kind as a whole envelope, in the order fields are sent. */
export function exampleOf(kind: string, def: KindDef<never>): EventEnvelope {
  const data = def.example as Record<string, unknown>;
  const anonymous = def.anonymous?.(def.example) ?? false;
  const { id, time, installId, sessionId, repo, extensionVersion } = EXAMPLE_ENVELOPE;
  // As makeEvent sends it: an anonymous event carries the day only.
  return { id, kind, schemaVersion: def.schemaVersion, time: anonymous ? dayPrecision(Date.parse(time)) : time, ...(anonymous ? {} : { installId, sessionId, repo }), extensionVersion, data };
}

export function renderEventsDoc(): string {
  const out: string[] = [
    '# DX Pulse events',
    '',
    '<!-- Generated from src/core/events/kinds.ts by src/core/events/eventDocs.ts. Do not edit by hand. -->',
    '',
    'Every event DX Pulse records waits in the local outbox until it is delivered, and is sent exactly as shown by',
    '"DX Pulse: Show Collected Data" (an OTLP endpoint, `dxPulse.otlp.endpoint`, receives the same fields as OTLP log',
    'records). Each event is an envelope with the fields below; `data` depends on the kind and',
    'is validated against the kind\'s versioned schema. Commands are always reduced to program + subcommand',
    '(`npm run build`): never arguments, paths, environment or secrets.',
    '',
    '## Envelope',
    '',
    '| Field | Meaning |',
    '| --- | --- |',
    ...Object.entries(COMMON_FIELDS).map(([k, f]) => `| \`${k}\` | ${f.comment} |`),
    '| `data` | The kind\'s own fields, below. |',
    '',
  ];
  for (const [kind, def] of kinds()) {
    out.push(`## \`${kind}\` (schema version ${def.schemaVersion})`, '', def.description, '', '| Field | Meaning |', '| --- | --- |');
    for (const [field, doc] of Object.entries(def.fields as Record<string, FieldDoc>)) out.push(`| \`${field}\` | ${doc.comment} |`);
    out.push('', '```json', JSON.stringify(exampleOf(kind, def), null, 2), '```', '');
  }
  return out.join('\n');
}

export function renderTelemetryJson(): string {
  const events: Record<string, Record<string, unknown>> = {};
  for (const [kind, def] of kinds()) {
    const entry: Record<string, unknown> = { owner: 'dx-pulse', comment: def.description };
    for (const [field, doc] of Object.entries(def.fields as Record<string, FieldDoc>)) entry[field] = { ...doc };
    events[`dx-pulse/${kind}`] = entry;
  }
  return JSON.stringify({ events, commonProperties: COMMON_FIELDS }, null, 2) + '\n';
}

/** Writes docs/events.md and telemetry.json under the repository root. */
export function writeEventDocs(root: string): void {
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'docs', 'events.md'), renderEventsDoc());
  fs.writeFileSync(path.join(root, 'telemetry.json'), renderTelemetryJson());
}
