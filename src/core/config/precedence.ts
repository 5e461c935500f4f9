import * as l10n from '@vscode/l10n';
import { DEFAULT_CONFIG, TELEMETRY_LEVELS, type PulseConfig, type PulseConfigLayer, type TelemetryLevel } from './pulseConfig';

// How the layers combine, highest first:
//   1. the user's and machine's settings (the host reads them; an admin can push
//      machine-scoped settings to every laptop),
//   2. the repository's .dx/pulse.yaml,
//   3. the platform's configuration for the repository,
//   4. DEFAULT_CONFIG.
// Privacy is different: the user's choice (or the default) is the ceiling and every
// other layer can only lower it, so a cloned repository can never switch sharing on.
// Destinations (the `platform` section) come from the user layer only.

export type ConfigSource = 'user' | 'repo' | 'platform' | 'default';

export interface ConfigLayers {
  /** This machine's own settings (see LocalSettings); defaults when absent. */
  local?: PulseConfig['local'];
  user?: PulseConfigLayer;
  repo?: PulseConfigLayer;
  platform?: PulseConfigLayer;
  /** VS Code's own telemetry switch; when false nothing is sent whatever the layers say. */
  editorTelemetryEnabled: boolean;
}

export interface ResolvedConfig {
  config: PulseConfig;
  /** Where each leaf that is not a default came from, keyed by dotted path ("metrics.source"). */
  sources: Record<string, ConfigSource>;
}

// Lists a repository extends rather than replaces: the org's docs links plus the repo's.
// Entries with the same key collapse, the higher layer's entry winning.
const CONCAT_LISTS: Record<string, (item: unknown) => string> = {
  'docs.sources': (i) => String((i as { url?: unknown }).url),
  'docs.links': (i) => String((i as { url?: unknown }).url),
  // A repository adds checks to its platform's golden path; the platform's check wins on
  // the same id (LOWER_WINS), so a repository cannot redefine a check to pass it.
  'goldenPath.checks': (i) => String((i as { id?: unknown }).id),
  surveys: (i) => String((i as { id?: unknown; template?: unknown }).id ?? (i as { template?: unknown }).template),
};

const LOWER_WINS = new Set(['goldenPath.checks']);

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => v !== null && typeof v === 'object' && !Array.isArray(v);

function mergeInto(target: Plain, layer: Plain, source: ConfigSource, prefix: string, sources: Record<string, ConfigSource>): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (path === 'privacy' || path === 'version' || path === 'local') continue;
    // Where events go is the user's choice alone: a repository or a platform that names
    // a destination would receive every window's outbox (see docs/privacy.md).
    if (path === 'platform' && source !== 'user') continue;
    const concatKey = CONCAT_LISTS[path];
    if (concatKey && Array.isArray(value) && Array.isArray(target[key])) {
      // Layers are applied lowest first, so the incoming (higher) entries go first.
      const seen = new Set<string>();
      const merged: unknown[] = [];
      for (const item of LOWER_WINS.has(path) ? [...(target[key] as unknown[]), ...value] : [...value, ...(target[key] as unknown[])]) {
        const k = concatKey(item);
        if (!seen.has(k)) {
          seen.add(k);
          merged.push(item);
        }
      }
      target[key] = merged;
      if (value.length > 0) sources[path] = source;
    } else if (isPlain(value) && isPlain(target[key])) {
      const copy = { ...(target[key] as Plain) };
      mergeInto(copy, value, source, path, sources);
      target[key] = copy;
    } else {
      target[key] = Array.isArray(value) ? [...value] : value;
      sources[path] = source;
    }
  }
}

/** Pure: the effective configuration and where each non-default value came from. */
export function mergeConfigLayers(layers: ConfigLayers): ResolvedConfig {
  const sources: Record<string, ConfigSource> = {};
  const config = structuredClone(DEFAULT_CONFIG) as unknown as Plain;
  const ordered: [ConfigSource, PulseConfigLayer | undefined][] = [
    ['platform', layers.platform],
    ['repo', layers.repo],
    ['user', layers.user],
  ];
  for (const [source, layer] of ordered) if (layer) mergeInto(config, layer as Plain, source, '', sources);

  // The user's value (or the default) is the ceiling; other layers may only lower it.
  const rank = (l: TelemetryLevel): number => TELEMETRY_LEVELS.indexOf(l);
  let telemetryLevel = layers.user?.privacy?.telemetryLevel ?? DEFAULT_CONFIG.privacy.telemetryLevel;
  let shareRepoNames = layers.user?.privacy?.shareRepoNames ?? DEFAULT_CONFIG.privacy.shareRepoNames;
  if (layers.user?.privacy?.telemetryLevel !== undefined) sources['privacy.telemetryLevel'] = 'user';
  if (layers.user?.privacy?.shareRepoNames !== undefined) sources['privacy.shareRepoNames'] = 'user';
  for (const [source, layer] of [['repo', layers.repo], ['platform', layers.platform]] as const) {
    const level = layer?.privacy?.telemetryLevel;
    if (level !== undefined && rank(level) < rank(telemetryLevel)) {
      telemetryLevel = level;
      sources['privacy.telemetryLevel'] = source;
    }
    if (shareRepoNames && layer?.privacy?.shareRepoNames === false) {
      shareRepoNames = false;
      sources['privacy.shareRepoNames'] = source;
    }
  }
  if (!layers.editorTelemetryEnabled) telemetryLevel = 'off';
  const privacy: PulseConfig['privacy'] = { telemetryLevel, shareRepoNames };
  config.privacy = privacy;
  config.local = layers.local ?? structuredClone(DEFAULT_CONFIG.local);

  return { config: config as unknown as PulseConfig, sources };
}

/** Why a feature is off, from where its value came (docs/configuration.md, "remembers where it came from"). */
export function featureOffReason(feature: keyof PulseConfig['features'], sources: Readonly<Record<string, ConfigSource>>): string {
  const key = `features.${feature}`;
  switch (sources[key]) {
    case 'repo':
      return l10n.t('{0} is false in this repository’s .dx/pulse.yaml', key);
    case 'platform':
      return l10n.t('{0} is false in your platform’s configuration for this repository', key);
    default:
      return l10n.t('{0} is false', key);
  }
}
