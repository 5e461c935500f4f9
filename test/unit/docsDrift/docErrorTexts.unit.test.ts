import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { assessEntry } from '../../../src/core/docs/affectedness';
import { Entry, parseEntry } from '../../../src/core/docs/entries';
import { buildRepoProfile } from '../../../src/core/docs/repoProfile';
import { mergeEntrySources } from '../../../src/core/docs/sources';
import { evaluateChecklist, type Facts } from '../../../src/core/onboarding/evaluator';
import { Outbox } from '../../../src/core/outbox/outbox';
import { repoConfigToLayer } from '../../../src/core/platform/repoConfigLayer';
import { NOW, TempRepo } from '../docs/repoFixture';
import { FakeClock, MemoryLog, ctx, step } from '../outbox/outboxTestKit';
import { DOC_FILES, fencesOf, indentedBlocksOf, readDoc } from './docText';

// Every error text (and other message) the docs quote is produced by the code path it
// describes (#17). Messages shown next to an invalid example are checked by
// docExamples.unit.test.ts; the rest are listed here with the code that says them. A
// new quoted message in an indented block must be added to one or the other.

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

interface Quoted {
  file: string;
  text: string;
  /** Runs the code path and returns what it says. */
  produce: () => Promise<string[]> | string[];
}

const noFacts: Facts = {
  fileExists: () => false,
  toolVersion: () => undefined,
  commandsRun: new Set(),
  setting: () => undefined,
  installedExtensions: new Set(),
  events: new Set(),
  manualTicks: new Set(),
};

const QUOTED: Quoted[] = [
  {
    file: 'docs/surveys.md',
    text: 'platform survey "build-pulse" (surveys[2]) skipped: sampling is a probability: a number from 0 (nobody) to 1 (everyone), e.g. 0.2 (at sampling)',
    produce: () =>
      repoConfigToLayer({
        repoId: 'github.com/acme/shop',
        features: {},
        docSources: [],
        surveys: [
          { id: 'platform-nps', template: 'platform-nps' },
          { id: 'dx-quarterly', template: 'dx-quarterly' },
          { id: 'build-pulse', title: 'How are builds?', trigger: 'quarterly', sampling: 2, questions: [{ id: 'speed', type: 'scale', text: 'How happy are you with build speed?', labels: { low: 'Unhappy', high: 'Happy' } }] },
        ],
      }).problems,
  },
  {
    file: 'docs/docs-and-changelog.md',
    text: 'entry "x": must be an http(s) URL (at url)',
    produce: () => mergeEntrySources([{ source: 'feed', items: [{ id: 'x', title: 'X', kind: 'doc', url: 'ftp://example.com/x' }] }]).dropped.map((d) => d.reason),
  },
  {
    file: 'docs/docs-and-changelog.md',
    text: "entry \"x\": unknown tag group 'tool'; the groups are services, teams, languages, tools, dependencies, images, actions, topics (at tags)",
    produce: () => [parseEntry({ id: 'x', title: 'X', kind: 'doc', tags: { tool: ['npm'] } }).error ?? ''],
  },
  {
    file: 'docs/docs-and-changelog.md',
    text: 'Dockerfile uses node:16-alpine; node < 18 is deprecated',
    produce: async () => {
      const repo = new TempRepo({ Dockerfile: 'FROM node:16-alpine\n' });
      try {
        const e = Entry.parse({ id: 'n16', title: 'Node 16', kind: 'changelog', type: 'deprecation', removalDate: '2026-10-13', affects: [{ image: 'node', tags: '<18' }] });
        return [assessEntry(e, await buildRepoProfile(repo), NOW)?.explanation ?? ''];
      } finally {
        repo.dispose();
      }
    },
  },
  {
    file: 'docs/onboarding.md',
    text: 'node 18.19.0 found; needs 20 or later',
    produce: () =>
      evaluateChecklist({ steps: [{ id: 'node', title: 'Node', check: { type: 'tool', name: 'node', minVersion: '20' } }] }, { ...noFacts, toolVersion: () => 'v18.19.0' }).steps.map((s) => s.detail ?? ''),
  },
  {
    file: 'docs/privacy.md',
    text: 'outbox full: oldest undelivered events dropped',
    produce: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxp-docs-'));
      const clock = new FakeClock();
      const outbox = new Outbox({ dir, log: new MemoryLog(), clock, maxEvents: 100 });
      try {
        for (let i = 0; i < 150; i++) outbox.record(step(ctx(clock), `s${i}`));
        outbox.flush();
        return [outbox.stats().lastDropReason ?? ''];
      } finally {
        outbox.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];

describe('error texts the docs quote are what the code says (#17)', () => {
  for (const q of QUOTED) {
    it(`${q.file}: ${q.text}`, async () => {
      assert.ok(oneLine(readDoc(q.file)).includes(q.text), `${q.file} no longer quotes this text; update the list here`);
      const said = (await q.produce()).map(oneLine);
      assert.ok(said.some((s) => s.includes(q.text)), `the code says:\n${said.join('\n')}`);
    });
  }

  // src/views/deliveryStatusBar.ts needs the editor: test/vscode/delivery.test.ts
  // ("shows the texts docs/platform-api.md quotes for a refused token") runs it there.
  it('docs/platform-api.md quotes the refused-token texts that test/vscode/delivery.test.ts checks', () => {
    const doc = oneLine(readDoc('docs/platform-api.md'));
    assert.ok(doc.includes('"DX Pulse: sign in"'));
    assert.ok(doc.includes('"The platform refused the credentials: …"'));
  });

  it('knows every message quoted in an indented block', () => {
    const shown = new Set(DOC_FILES.flatMap(fencesOf).flatMap((f) => (f.marker?.includes('invalid') ? f.shownAfter : [])));
    const known = new Set(QUOTED.map((q) => q.text));
    const unknown = DOC_FILES.filter((f) => f.startsWith('docs/'))
      .flatMap(indentedBlocksOf)
      .flatMap((b) => b.text.map((t) => ({ at: `${b.file}:${b.line}`, t })))
      .filter(({ t }) => !shown.has(t) && !known.has(t));
    assert.deepEqual(unknown, [], 'show each after an `<!-- example: ... invalid -->` example, or list it in QUOTED');
  });
});
