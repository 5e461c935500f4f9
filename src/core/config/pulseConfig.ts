import * as z from 'zod/mini';
import { SurveyEntry } from '../surveys/definitions';
import { loadYaml, type LoadResult } from './yamlLoader';

// `.dx/pulse.yaml`: what a platform team templates into every repository. Every key is
// optional: the file is one layer of configuration, merged with the user's settings,
// the platform's configuration and the defaults (see ./precedence.ts and
// docs/configuration.md). Later features add their section here and to DEFAULTS.

export const PULSE_CONFIG_FILE = '.dx/pulse.yaml';

const nonEmpty = z.string().check(z.minLength(1));

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** https, or http to a loopback address (a local fixture or tunnel). */
export function isAllowedEndpoint(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname));
  } catch {
    return false;
  }
}

const Endpoint = z.string().check(z.refine(isAllowedEndpoint, 'expected an https:// URL (http:// only for localhost / 127.0.0.1)'));

/** A regular expression source, checked to compile so a typo is caught here rather than at use. */
const Pattern = z.string().check(
  z.refine((v) => {
    try {
      new RegExp(v, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'expected a valid regular expression (JavaScript syntax, matched case-insensitively)'),
);

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
  deployBranch: z.optional(nonEmpty),
  hotfixPattern: z.optional(Pattern),
  environment: z.optional(nonEmpty),
  githubApiUrl: z.optional(Endpoint),
});

const PositiveInt = z.number().check(z.int(), z.positive());
export const SignalsSection = z.strictObject({
  stuck: z.optional(z.strictObject({ failures: z.optional(PositiveInt), windowMinutes: z.optional(PositiveInt) })),
  commandPatterns: z.optional(
    z.strictObject({
      install: z.optional(z.array(Pattern)),
      build: z.optional(z.array(Pattern)),
      test: z.optional(z.array(Pattern)),
    }),
  ),
});

export const DocsSource = z.strictObject({
  type: z.enum(['feed', 'markdownChangelog']),
  /** feed: an RSS/Atom URL; markdownChangelog: a URL or a workspace-relative path such as CHANGELOG.md. */
  url: nonEmpty,
  title: z.optional(nonEmpty),
});
export const DocsLink = z.strictObject({ title: nonEmpty, url: nonEmpty });
export const DocsSection = z.strictObject({
  sources: z.optional(z.array(DocsSource)),
  links: z.optional(z.array(DocsLink)),
});

/**
 * Only narrows what is shared (see mergeConfigLayers): a repository may turn sharing
 * off for its own events, never on.
 */
export const PrivacySection = z.strictObject({
  /** Send events to the platform at all. */
  sendEvents: z.optional(z.boolean()),
  /** Send repository names instead of their SHA-256. */
  shareRepoNames: z.optional(z.boolean()),
  /** Send survey answers with the install id instead of anonymously. */
  identifySurveyAnswers: z.optional(z.boolean()),
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
  };
  signals: {
    stuck: { failures: number; windowMinutes: number };
    commandPatterns: { install: string[]; build: string[]; test: string[] };
  };
  docs: { sources: z.infer<typeof DocsSource>[]; links: z.infer<typeof DocsLink>[] };
  surveys: z.infer<typeof SurveyEntry>[];
  privacy: { sendEvents: boolean; shareRepoNames: boolean; identifySurveyAnswers: boolean };
}

export const DEFAULT_CONFIG: PulseConfig = {
  platform: { url: undefined, otlpEndpoint: undefined },
  features: { metrics: true, surveys: true, onboarding: true, docs: true, signals: true },
  metrics: {
    source: 'auto',
    // Release tags such as v1.4.2 or 1.4.2 mark deploys unless the team says otherwise.
    deployTagPattern: '^v?\\d+\\.\\d+\\.\\d+$',
    deployBranch: 'main',
    hotfixPattern: '\\b(hotfix|revert|rollback)\\b',
    environment: 'production',
    githubApiUrl: 'https://api.github.com',
  },
  signals: {
    // Three failures of the same command within ten minutes is where people start
    // searching Slack; fewer flags ordinary red-green cycles.
    stuck: { failures: 3, windowMinutes: 10 },
    commandPatterns: {
      install: ['^(npm (ci|install|i)|yarn( install)?|pnpm (install|i)|pip3? install|poetry install|bundle install|go mod download)\\b'],
      build: ['^(npm run build|yarn build|pnpm (run )?build|tsc|make|cargo build|go build|mvn (package|install)|\\./gradlew (build|assemble)|gradle (build|assemble))\\b'],
      test: ['^(npm (run )?test|yarn test|pnpm (run )?test|jest|vitest|pytest|go test|cargo test|mvn test|\\./gradlew test|gradle test)\\b'],
    },
  },
  docs: { sources: [], links: [] },
  surveys: [],
  privacy: { sendEvents: true, shareRepoNames: false, identifySurveyAnswers: false },
};

/** Parses and validates `.dx/pulse.yaml`; invalid parts are reported and left to other layers. */
export function loadPulseConfig(text: string, fileName: string = PULSE_CONFIG_FILE): LoadResult<PulseConfigLayer> {
  return loadYaml(text, PulseConfigFile, { fileName });
}
