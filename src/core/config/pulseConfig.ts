import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';
import { DEFAULT_HOTFIX_PATTERN, DEFAULT_TAG_PATTERN, patternProblem } from '../metrics/patterns';
import { isValidBranchName } from '../metrics/gitRef';
import { isAllowedEndpoint } from '../common/urls';
import { SurveyEntry } from '../surveys/definitions';
import { TEMPLATE_IDS } from '../surveys/templates';
import { duplicateIds, GoldenPathSection, type GoldenPathCheck } from '../goldenPath/definition';
import { loadYaml, type LoadResult } from './yamlLoader';

// `.dx/pulse.yaml`: what a platform team templates into every repository. Every key is
// optional: the file is one layer of configuration, merged with the user's settings,
// the platform's configuration and the defaults (see ./precedence.ts and
// docs/configuration.md). Later features add their section here and to DEFAULTS.

export const PULSE_CONFIG_FILE = '.dx/pulse.yaml';

const nonEmpty = z.string().check(z.minLength(1));

const Endpoint = z.string().check(z.refine(isAllowedEndpoint, { error: () => l10n.t('expected an https:// URL (http:// only for localhost / 127.0.0.1)') }));

/** A glob (`v*`, case-insensitive) or `/regex/flags`, as the metrics engine reads it; checked here so a typo shows at its line. */
const Pattern = z.string().check(
  z.refine((v) => patternProblem(v) === undefined, { error: () => l10n.t('expected a glob such as v* or a /regular expression/ that compiles, with no g or y flag and no nested quantifiers such as (a+)+') }),
);

/** A branch name as git accepts it, and never one git would read as an option. */
const BranchName = z.string().check(z.refine(isValidBranchName, { error: () => l10n.t('expected a branch name such as production (no spaces or ~^:?*[\\, and never starting with "-")') }));

/** A word pattern for terminal commands (see src/core/signals/commandPatterns.ts), e.g. "make check" or "npm run test*". */
const CommandWordPattern = z.string().check(z.minLength(1));

export const FEATURES = ['metrics', 'surveys', 'onboarding', 'docs', 'signals'] as const;
export type Feature = (typeof FEATURES)[number];

export const PlatformSection = z.strictObject({
  url: z.optional(Endpoint),
  otlpEndpoint: z.optional(Endpoint),
});

export const FeaturesSection = z.strictObject({
  metrics: z.optional(z.boolean()),
  surveys: z.optional(z.boolean()),
  onboarding: z.optional(z.boolean()),
  docs: z.optional(z.boolean()),
  signals: z.optional(z.boolean()),
});

export const METRICS_SOURCES = ['auto', 'platform', 'github', 'git'] as const;
export const MetricsSection = z.strictObject({
  source: z.optional(z.enum(METRICS_SOURCES)),
  deployTagPattern: z.optional(Pattern),
  deployBranch: z.optional(BranchName),
  hotfixPattern: z.optional(Pattern),
  environment: z.optional(nonEmpty),
  githubApiUrl: z.optional(Endpoint),
  /** The service and team the metrics are for, when catalog-info.yaml does not say. */
  service: z.optional(nonEmpty),
  team: z.optional(nonEmpty),
});

export const SignalsSection = z.strictObject({
  stuck: z.optional(
    z.strictObject({
      failures: z.optional(z.number().check(z.int(), z.minimum(2), z.maximum(20))),
      windowMinutes: z.optional(z.number().check(z.minimum(1), z.maximum(240))),
    }),
  ),
  /** Extra patterns, tried before the built-in ones. */
  commandPatterns: z.optional(
    z.strictObject({
      install: z.optional(z.array(CommandWordPattern)),
      build: z.optional(z.array(CommandWordPattern)),
      test: z.optional(z.array(CommandWordPattern)),
    }),
  ),
});

export const DocsSource = z.strictObject({
  /** Omitted: told from the response (content type, file name, then content), as for dxPulse.docs.feedUrl. */
  type: z.optional(z.enum(['feed', 'markdownChangelog'])),
  /** feed: a JSON feed, markdownChangelog: Keep-a-Changelog; either an https URL or a path inside the repo (.dx/platform-feed.json, CHANGELOG.md). */
  url: nonEmpty,
  title: z.optional(nonEmpty),
});
export const DocsLink = z.strictObject({
  title: nonEmpty,
  url: nonEmpty,
  /** One or two sentences shown under the title. */
  summary: z.optional(nonEmpty),
  /** Free words, matched like a feed entry's `topics` (see docs/docs-and-changelog.md). */
  tags: z.optional(z.array(nonEmpty)),
});
export const DocsSection = z.strictObject({
  sources: z.optional(z.array(DocsSource)),
  links: z.optional(z.array(DocsLink)),
});

/**
 * Only narrows what is shared (see mergeConfigLayers): a repository may turn sharing
 * off for its own events, never on.
 */
export const TELEMETRY_LEVELS = ['off', 'signals', 'all'] as const;
export type TelemetryLevel = (typeof TELEMETRY_LEVELS)[number];
export const PrivacySection = z.strictObject({
  /** What is sent to the platform: nothing, friction signals only, or everything (the dxPulse.telemetry.level setting). */
  telemetryLevel: z.optional(z.enum(TELEMETRY_LEVELS)),
  /** Send repository names instead of their SHA-256. */
  shareRepoNames: z.optional(z.boolean()),
});

export const PulseConfigFile = z.strictObject({
  /** Format version; 1 when omitted. */
  version: z.optional(z.literal(1)),
  platform: z.optional(PlatformSection),
  features: z.optional(FeaturesSection),
  metrics: z.optional(MetricsSection),
  signals: z.optional(SignalsSection),
  docs: z.optional(DocsSection),
  surveys: z.optional(z.array(SurveyEntry)),
  privacy: z.optional(PrivacySection),
  /** Checks on this repository's files (src/core/goldenPath/definition.ts); added to the platform's. */
  goldenPath: z.optional(GoldenPathSection),
});
/** One layer of configuration as written (every key optional). */
export type PulseConfigLayer = z.infer<typeof PulseConfigFile>;

/** The merged configuration every service reads: nothing optional except what has no default. */
export interface PulseConfig {
  platform: { url: string | undefined; otlpEndpoint: string | undefined };
  features: Record<Feature, boolean>;
  metrics: {
    source: (typeof METRICS_SOURCES)[number];
    deployTagPattern: string;
    deployBranch: string;
    hotfixPattern: string;
    environment: string;
    githubApiUrl: string;
    service?: string;
    team?: string;
  };
  signals: {
    stuck: { failures: number; windowMinutes: number };
    commandPatterns: { install: string[]; build: string[]; test: string[] };
  };
  docs: { sources: z.infer<typeof DocsSource>[]; links: z.infer<typeof DocsLink>[] };
  surveys: z.infer<typeof SurveyEntry>[];
  privacy: { telemetryLevel: TelemetryLevel; shareRepoNames: boolean };
  goldenPath: { checks: GoldenPathCheck[] };
  /** This machine's own settings, with no layer of their own: only the user sets them. */
  local: LocalSettings;
}

/**
 * What only the developer's own (user or policy) settings decide. ConfigService fills it
 * from the settings; no repository file or platform can reach it.
 */
export interface LocalSettings {
  delivery: { batchSize: number; intervalSeconds: number };
  outboxMaxEvents: number;
  metricsWindow: '7' | '30' | '90';
  surveys: { enabled: boolean; cooldownDays: number; sessionGraceMinutes: number; identifyAnswers: boolean };
  /** dxPulse.telemetry.level as the user set it, before any layer narrowed it. */
  userTelemetryLevel: TelemetryLevel;
  /** dxPulse.privacy.repoIdSalt ('' for none). */
  repoIdSalt: string;
  /** dxPulse.signals.commandPatterns from the user's settings alone (never a workspace's). */
  userCommandPatterns: Record<string, string[]>;
  /** The URLs the user's settings name (platform, OTLP, feed, GitHub API): hosts that may be private. */
  userUrls: string[];
  /** dxPulse.docs.loadRemoteImages. */
  loadRemoteImages: boolean;
}

export const DEFAULT_DEPLOY_BRANCH = 'main';

export const DEFAULT_CONFIG: PulseConfig = {
  platform: { url: undefined, otlpEndpoint: undefined },
  features: { metrics: true, surveys: true, onboarding: true, docs: true, signals: true },
  metrics: {
    source: 'auto',
    deployTagPattern: DEFAULT_TAG_PATTERN,
    // Empty: tags are deployments, and merges into DEFAULT_DEPLOY_BRANCH when none match.
    deployBranch: '',
    hotfixPattern: DEFAULT_HOTFIX_PATTERN,
    environment: 'production',
    githubApiUrl: 'https://api.github.com',
  },
  signals: {
    // Same defaults as the stuck detector and the dxPulse.signals.* settings.
    stuck: { failures: 3, windowMinutes: 15 },
    // Empty: the built-in patterns (src/core/signals/commandPatterns.ts) always apply.
    commandPatterns: { install: [], build: [], test: [] },
  },
  docs: { sources: [], links: [] },
  surveys: [],
  privacy: { telemetryLevel: 'all', shareRepoNames: false },
  goldenPath: { checks: [] },
  local: {
    delivery: { batchSize: 100, intervalSeconds: 30 },
    outboxMaxEvents: 20_000,
    metricsWindow: '30',
    surveys: { enabled: true, cooldownDays: 7, sessionGraceMinutes: 5, identifyAnswers: false },
    userTelemetryLevel: 'all',
    repoIdSalt: '',
    userCommandPatterns: {},
    userUrls: [],
    loadRemoteImages: false,
  },
};

/** Parses and validates `.dx/pulse.yaml`; invalid parts are reported and left to other layers. */
export function loadPulseConfig(text: string, fileName: string = PULSE_CONFIG_FILE): LoadResult<PulseConfigLayer> {
  return loadYaml(text, PulseConfigFile, {
    fileName,
    postValidate: (value, report) => {
      (value.surveys ?? []).forEach((entry, i) => {
        const template = 'template' in entry ? entry.template : undefined;
        if (template !== undefined && !TEMPLATE_IDS.includes(template)) report(['surveys', i, 'template'], l10n.t("unknown survey template '{0}'; known: {1}", template, TEMPLATE_IDS.join(', ')), 'error');
      });
      const checks = value.goldenPath?.checks ?? [];
      const dups = duplicateIds(checks);
      for (const i of dups) report(['goldenPath', 'checks', i, 'id'], l10n.t("the check id '{0}' is used twice; the first one is kept", checks[i]!.id), 'warning');
      if (dups.length) value = { ...value, goldenPath: { ...value.goldenPath, checks: checks.filter((_c, i) => !dups.includes(i)) } };
      if (!value.platform) return value;
      // Kept in the schema so older files still load; never applied (see precedence.ts).
      if (Object.keys(value.platform).length > 0) report(['platform'], repoDestinationIgnored(), 'warning');
      const { platform: _ignored, ...rest } = value;
      return rest;
    },
  });
}

const repoDestinationIgnored = (): string =>
  l10n.t('ignored: a repository cannot choose where DX Pulse sends events. Set dxPulse.platform.url (and dxPulse.otlp.endpoint) in your user settings, or ask your admin to push them.');
