import { issuesText } from '../common/issueText';
import { isMarkdownPath } from '../docs/sources';
import type { PulseConfigLayer } from '../config/pulseConfig';
import { parseGoldenPathChecks } from '../goldenPath/definition';
import { OnboardingDefinition } from '../onboarding/definition';
import { SurveyEntry } from '../surveys/definitions';
import type { RepoConfig } from './contract';

/**
 * The platform's configuration for a repo (GET /v1/repos/{repoId}/config) as one layer of
 * DX Pulse's configuration, below the repo file and the user's settings. A survey the
 * surveys feature cannot read is skipped with a reason; the rest still apply.
 */
export function repoConfigToLayer(rc: RepoConfig): { layer: PulseConfigLayer; onboarding?: OnboardingDefinition; problems: string[] } {
  const problems: string[] = [];
  const surveys: SurveyEntry[] = [];
  rc.surveys.forEach((raw, i) => {
    const parsed = SurveyEntry.safeParse(raw);
    if (parsed.success) surveys.push(parsed.data);
    else problems.push(`platform survey ${JSON.stringify(raw.id)} (surveys[${i}]) skipped: ${issuesText(parsed.error) || 'invalid'}`);
  });
  const sources: NonNullable<NonNullable<PulseConfigLayer['docs']>['sources']> = [];
  const links: NonNullable<NonNullable<PulseConfigLayer['docs']>['links']> = [];
  for (const d of rc.docSources) {
    // 'platform' docs come from GET /v1/repos/{repoId}/docs already.
    if (d.type === 'platform' || !d.location) continue;
    if (d.type === 'url' && d.kind === 'doc') links.push({ title: d.title ?? d.location, url: d.location });
    // The contract does not say the format, and DX Pulse reads a source as its type says:
    // a changelog whose path (not its query) ends in .md or .markdown is Keep-a-Changelog.
    else sources.push({ type: d.kind === 'changelog' && isMarkdownPath(d.location) ? 'markdownChangelog' : 'feed', url: d.location, ...(d.title ? { title: d.title } : {}) });
  }
  const golden = parseGoldenPathChecks(rc.goldenPath?.checks);
  problems.push(...golden.problems.map((p) => `platform ${p} (skipped)`));
  const features = Object.fromEntries(Object.entries(rc.features).filter(([, v]) => typeof v === 'boolean'));
  const layer: PulseConfigLayer = {
    ...(Object.keys(features).length ? { features } : {}),
    ...(surveys.length ? { surveys } : {}),
    ...(sources.length || links.length ? { docs: { ...(sources.length ? { sources } : {}), ...(links.length ? { links } : {}) } } : {}),
    ...(rc.metrics
      ? { metrics: { service: rc.metrics.service, ...(rc.metrics.team ? { team: rc.metrics.team } : {}), ...(rc.metrics.environment ? { environment: rc.metrics.environment } : {}) } }
      : {}),
    ...(golden.checks.length ? { goldenPath: { checks: golden.checks } } : {}),
  };
  let onboarding: OnboardingDefinition | undefined;
  if (rc.onboarding !== undefined) {
    const parsed = OnboardingDefinition.safeParse(rc.onboarding);
    if (parsed.success) onboarding = parsed.data;
    else problems.push(`platform onboarding checklist skipped: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`.trim());
  }
  return { layer, onboarding, problems };
}

