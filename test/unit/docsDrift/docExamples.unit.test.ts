import * as assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import type { LoadResult } from '../../../src/core/config/yamlLoader';
import { loadPulseConfig } from '../../../src/core/config/pulseConfig';
import { parseCatalogInfo } from '../../../src/core/catalog/catalogInfo';
import { parseChangelogMarkdown } from '../../../src/core/docs/changelogMarkdown';
import { AffectsRule } from '../../../src/core/docs/entries';
import { entriesFromCatalogLinks, mergeEntrySources, parseJsonFeed } from '../../../src/core/docs/sources';
import { EventEnvelope } from '../../../src/core/events/envelope';
import { EVENT_KINDS, isEventKind } from '../../../src/core/events/kinds';
import { loadOnboarding } from '../../../src/core/onboarding/definition';
import { contractSchemas, type DocsResponse, type RepoConfig } from '../../../src/core/platform/contract';
import { repoConfigToLayer } from '../../../src/core/platform/repoConfigLayer';
import { entriesFromPlatformDocs } from '../../../src/core/docs/platformEntries';
import { parseSurveyEntries } from '../../../src/core/surveys/templates';
import { DOC_FILES, fencesOf, type Fence } from './docText';

// Every YAML and JSON example in docs/ goes through the loader the extension uses for
// that kind of file (#17, "So that it stays true"). An example is classified by the
// `<!-- example: ... -->` comment right before it, else by the page it is on:
//
//   <!-- example: pulse.yaml -->              .dx/pulse.yaml (loadPulseConfig)
//   <!-- example: onboarding.yaml -->         .dx/onboarding.yaml (loadOnboarding)
//   <!-- example: onboarding.yaml steps -->   a list of steps, as under `steps:`
//   <!-- example: survey fields -->           keys of one survey reference (parseSurveyEntries)
//   <!-- example: feed -->                    a JSON feed (parseJsonFeed, then each entry)
//   <!-- example: affects rules -->           one AffectsRule per line
//   <!-- example: changelog -->               Keep-a-Changelog markdown
//   <!-- example: catalog-info.yaml -->       Backstage catalog file (parseCatalogInfo)
//   <!-- example: event -->                   an event envelope with its kind's data
//   <!-- example: contract <Schema> -->       a platform API body (src/core/platform/contract.ts)
//   <!-- example: schema-comment -->          only a `# yaml-language-server` line
//
// Add `invalid` to a marker for an example that is wrong on purpose: the indented block
// right after it must show exactly the diagnostics it produces, one per line.

const PAGE_DEFAULTS: Record<string, Record<string, string[]>> = {
  'docs/configuration.md': { yaml: ['pulse.yaml'] },
  'docs/surveys.md': { yaml: ['pulse.yaml'] },
  'docs/onboarding.md': { yaml: ['onboarding.yaml'] },
  'docs/docs-and-changelog.md': { yaml: ['pulse.yaml'], json: ['feed'], markdown: ['changelog'] },
  'docs/events.md': { json: ['event'] },
};

/** The messages a loader reports for an example; [] when it loads cleanly. */
type Loader = (body: string, args: string[]) => string[];

function diagnostics<T>(r: LoadResult<T>): string[] {
  return r.diagnostics.map((d) => d.message);
}

function zodProblems(r: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; message: string }[] } }): string[] {
  return r.success ? [] : (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

const LOADERS: Record<string, Loader> = {
  'pulse.yaml': (body) => diagnostics(loadPulseConfig(body)),
  'onboarding.yaml': (body, args) => diagnostics(loadOnboarding(args.includes('steps') ? `version: 1\nsteps:\n${body}\n` : body)),
  'survey fields': (body) => parseSurveyEntries([{ template: 'platform-nps', ...(parseYaml(body) as object) }]).problems,
  feed: (body) => {
    const feed = parseJsonFeed(JSON.parse(body));
    const merged = mergeEntrySources([{ source: 'doc', items: feed.items }]);
    return [...feed.notes, ...merged.dropped.map((d) => d.reason), ...(merged.entries.length ? [] : ['no entry'])];
  },
  'affects rules': (body) =>
    body
      .split('\n')
      .filter((l) => l.trim())
      .flatMap((l) => zodProblems(AffectsRule.safeParse(JSON.parse(l)))),
  changelog: (body) => {
    const r = parseChangelogMarkdown(body, { url: 'https://platform.example.com/CHANGELOG.md' });
    const merged = mergeEntrySources([{ source: 'doc', items: r.entries }]);
    return [...r.notes, ...merged.dropped.map((d) => d.reason), ...(merged.entries.length ? [] : ['no entry'])];
  },
  'catalog-info.yaml': (body) => {
    const r = parseCatalogInfo(body);
    if (!r.ok) return [r.error];
    if (r.component.kind.toLowerCase() !== 'component') return ['no Component read'];
    // Its links become docs of the service, each validated like any entry.
    return mergeEntrySources([{ source: 'catalog-info.yaml', items: entriesFromCatalogLinks(r.component) }]).dropped.map((d) => d.reason);
  },
  event: (body) => {
    const value = JSON.parse(body) as { kind: string; schemaVersion: number; data: unknown };
    const envelope = zodProblems(EventEnvelope.safeParse(value));
    if (envelope.length) return envelope;
    if (!isEventKind(value.kind)) return [`unknown event kind '${value.kind}'`];
    const def = EVENT_KINDS[value.kind] as unknown as { schemaVersion: number; schema: { safeParse(v: unknown): { success: boolean; error?: { issues: readonly { path: PropertyKey[]; message: string }[] } } } };
    if (def.schemaVersion !== value.schemaVersion) return [`schemaVersion ${value.schemaVersion}, the code writes ${def.schemaVersion}`];
    return zodProblems(def.schema.safeParse(value.data));
  },
  contract: (body, args) => {
    const name = args[0] as keyof typeof contractSchemas;
    const schema = contractSchemas[name];
    if (!schema) return [`no contract schema '${String(name)}' (known: ${Object.keys(contractSchemas).join(', ')})`];
    const r = schema.safeParse(JSON.parse(body));
    if (!r.success) return zodProblems(r);
    // What the extension does with the body next: the platform's configuration becomes
    // a layer (each survey and the checklist validated by their feature), docs become entries.
    if (name === 'RepoConfig') return repoConfigToLayer(r.data as RepoConfig).problems;
    if (name === 'DocsResponse') return mergeEntrySources([{ source: 'platform', items: entriesFromPlatformDocs(r.data as DocsResponse) }]).dropped.map((d) => d.reason);
    return [];
  },
  'schema-comment': (body) => (body.split('\n').every((l) => /^#\s*yaml-language-server:/.test(l) || !l.trim()) ? [] : ['not only a yaml-language-server comment']),
};

function classify(f: Fence): { loader: string; args: string[]; invalid: boolean } | undefined {
  const words = f.marker ?? PAGE_DEFAULTS[f.file]?.[f.lang];
  if (!words) return undefined;
  const invalid = words.includes('invalid');
  const rest = words.filter((w) => w !== 'invalid');
  for (const name of Object.keys(LOADERS).sort((a, b) => b.length - a.length)) {
    const parts = name.split(' ');
    if (parts.every((p, i) => rest[i] === p)) return { loader: name, args: rest.slice(parts.length), invalid };
  }
  return { loader: rest.join(' '), args: [], invalid };
}

const EXAMPLE_LANGS = new Set(['yaml', 'yml', 'json']);

describe('docs examples load without a diagnostic, or with exactly the one shown (#17)', () => {
  const fences = DOC_FILES.flatMap(fencesOf);

  it('finds the examples', () => {
    assert.ok(fences.filter((f) => EXAMPLE_LANGS.has(f.lang)).length > 30);
  });

  for (const f of fences) {
    const c = classify(f);
    if (!EXAMPLE_LANGS.has(f.lang) && !c) continue;
    it(`${f.file}:${f.line} (${f.lang}${c ? `, ${c.loader}${c.args.length ? ` ${c.args.join(' ')}` : ''}` : ''})`, () => {
      assert.ok(c, `add <!-- example: ... --> before ${f.file}:${f.line} to say which loader reads it (see this test's header)`);
      const loader = LOADERS[c.loader];
      assert.ok(loader, `${f.file}:${f.line}: unknown example kind '${c.loader}'`);
      let got: string[];
      try {
        got = loader(f.body, c.args);
      } catch (e) {
        got = [`could not be read: ${e instanceof Error ? e.message : String(e)}`];
      }
      if (c.invalid) {
        assert.ok(f.shownAfter.length > 0, `${f.file}:${f.line} is marked invalid: show its diagnostic in an indented block right after it`);
        assert.deepEqual(got, f.shownAfter, `${f.file}:${f.line}: the diagnostics shown next to the example`);
      } else {
        assert.deepEqual(got, [], `${f.file}:${f.line} should load cleanly`);
      }
    });
  }
});
