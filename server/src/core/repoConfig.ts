// GET /v1/repos/{repoId}/config from what the platform team set up: configuration layers
// (org, then the repo's team, then the repo; a later layer wins field by field), every
// published survey, and the repo's service for deploy metrics. Pure: no I/O.
import * as z from 'zod/mini';
import { DocSource, FeatureFlags, type RepoConfig } from '../../../src/core/platform/contract';
import { OnboardingDefinition } from '../../../src/core/onboarding/definition';
import { duplicateIds, GoldenPathSection, MAX_CHECKS, type GoldenPathCheck } from '../../../src/core/goldenPath/definition';

export interface ConfigLayer {
  readonly features?: FeatureFlags | null;
  readonly docSources?: z.infer<typeof DocSource>[] | null;
  readonly onboarding?: unknown;
  readonly goldenPath?: { readonly checks?: readonly GoldenPathCheck[] } | null;
}

export const ConfigLayerInput = z.strictObject({
  features: z.optional(FeatureFlags),
  docSources: z.optional(z.array(DocSource)),
  onboarding: z.optional(OnboardingDefinition),
  /** Checks on a repository's files, as in `.dx/pulse.yaml` (docs/configuration.md, "Golden path"). */
  goldenPath: z.optional(GoldenPathSection),
});

export type LayerCheck = { ok: true; layer: ConfigLayer } | { ok: false; message: string };

export function checkConfigLayer(raw: unknown): LayerCheck {
  const r = ConfigLayerInput.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, message: `${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'}` };
  }
  // The extension keeps the first of two checks with one id; a layer must not depend on which.
  const checks = r.data.goldenPath?.checks ?? [];
  const dup = duplicateIds(checks)[0];
  if (dup !== undefined) return { ok: false, message: `goldenPath.checks.${dup}: the id "${checks[dup]!.id}" is already used by another check of this layer` };
  return { ok: true, layer: r.data };
}

export interface RepoSetup {
  readonly repoId: string;
  readonly service: string | null;
  readonly team: string | null;
  readonly environment: string | null;
  /** org first, then team, then repo. */
  readonly layers: readonly ConfigLayer[];
  readonly surveys: readonly unknown[];
}

export function buildRepoConfig(s: RepoSetup): RepoConfig {
  let features: FeatureFlags = {};
  let docSources: RepoConfig['docSources'] = [{ type: 'platform', kind: 'changelog' }];
  let onboarding: unknown;
  // Checks add up from org to repo; a later (narrower) layer's check replaces one with the same id.
  const checks = new Map<string, GoldenPathCheck>();
  for (const l of s.layers) {
    for (const c of l.goldenPath?.checks ?? []) checks.set(c.id, c);
    if (l.features) features = { ...features, ...l.features };
    if (l.docSources) docSources = l.docSources;
    if (l.onboarding !== undefined && l.onboarding !== null) onboarding = l.onboarding;
  }
  return {
    repoId: s.repoId,
    features,
    surveys: s.surveys as RepoConfig['surveys'],
    docSources,
    ...(s.service ? { metrics: { service: s.service, ...(s.team ? { team: s.team } : {}), environment: s.environment ?? 'production' } } : {}),
    ...(onboarding !== undefined ? { onboarding } : {}),
    // The contract carries at most MAX_CHECKS: the org's first, then the narrower layers' (each layer alone may hold that many).
    ...(checks.size ? { goldenPath: { checks: [...checks.values()].slice(0, MAX_CHECKS) } } : {}),
  };
}
