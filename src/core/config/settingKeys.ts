import * as z from 'zod/mini';

// Every DX Pulse setting: its key (under `dxPulse.`), its schema and its default. The
// defaults here must match package.json's `contributes.configuration`; a unit test of
// the manifest checks that they do.
export const SETTINGS = {
  'telemetry.level': { schema: z.enum(['off', 'signals', 'all']), default: 'all' },
  'privacy.shareRepoNames': { schema: z.boolean(), default: false },
  'privacy.repoIdSalt': { schema: z.string().check(z.maxLength(256)), default: '' },
  'platform.url': { schema: z.string(), default: '' },
  'otlp.endpoint': { schema: z.string(), default: '' },
  'delivery.batchSize': { schema: z.number().check(z.int(), z.minimum(1), z.maximum(1000)), default: 100 },
  'delivery.intervalSeconds': { schema: z.number().check(z.minimum(5), z.maximum(3600)), default: 30 },
  'outbox.maxEvents': { schema: z.number().check(z.int(), z.minimum(100), z.maximum(1_000_000)), default: 20_000 },
  'signals.stuck.failures': { schema: z.number().check(z.int(), z.minimum(2), z.maximum(20)), default: 3 },
  'signals.stuck.windowMinutes': { schema: z.number().check(z.minimum(1), z.maximum(240)), default: 15 },
  'signals.commandPatterns': { schema: z.record(z.string(), z.array(z.string())), default: {} as Record<string, string[]> },
  'metrics.window': { schema: z.enum(['7', '30', '90']), default: '30' },
  'metrics.source': { schema: z.enum(['auto', 'platform', 'github', 'git']), default: 'auto' },
  'metrics.deployTagPattern': { schema: z.string(), default: '/^v?\\d+\\.\\d+(\\.\\d+)?([-+.].*)?$/i' },
  'metrics.hotfixPattern': { schema: z.string(), default: '/^hotfix|[-_.]hotfix\\d*$/i' },
  'metrics.deployBranch': { schema: z.string(), default: '' },
  'metrics.githubApiUrl': { schema: z.string(), default: 'https://api.github.com' },
  'surveys.enabled': { schema: z.boolean(), default: true },
  'surveys.identifyAnswers': { schema: z.boolean(), default: false },
  'surveys.cooldownDays': { schema: z.number().check(z.minimum(7), z.maximum(365)), default: 7 },
  'surveys.sessionGraceMinutes': { schema: z.number().check(z.minimum(0), z.maximum(240)), default: 5 },
  'docs.feedUrl': { schema: z.string(), default: '' },
  'docs.loadRemoteImages': { schema: z.boolean(), default: false },
} as const;

export type SettingKey = keyof typeof SETTINGS;

/**
 * Settings only the user (or an admin, through user or machine settings) may set: where
 * events and tokens go, what may be shared, and values that reach a git command line.
 * They are `application`-scoped in package.json, and read from the user's value alone
 * (`inspect().globalValue`), so a repository's `.vscode/settings.json` can never set
 * them, whatever VS Code version enforces scopes or not.
 */
export const USER_ONLY_SETTINGS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  'telemetry.level',
  'privacy.shareRepoNames',
  'platform.url',
  'otlp.endpoint',
  'metrics.deployBranch',
  'metrics.githubApiUrl',
  'docs.feedUrl',
  'surveys.identifyAnswers',
  // A repository could otherwise take away the quiet start of every session.
  'surveys.sessionGraceMinutes',
  'privacy.repoIdSalt',
  'docs.loadRemoteImages',
]);
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'] extends infer D ? (D extends string ? z.infer<(typeof SETTINGS)[K]['schema']> : D extends boolean ? boolean : D extends number ? number : D) : never;

