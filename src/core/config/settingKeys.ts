import * as z from 'zod/mini';

// Every DX Pulse setting: its key (under `dxPulse.`), its schema and its default. The
// defaults here must match package.json's `contributes.configuration`; a unit test of
// the manifest checks that they do.
export const SETTINGS = {
  'telemetry.level': { schema: z.enum(['off', 'signals', 'all']), default: 'all' },
  'privacy.shareRepoNames': { schema: z.boolean(), default: false },
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
  'metrics.deployTagPattern': { schema: z.string(), default: '/^v?\\d+\\.\\d+(\\.\\d+)?([-+.].*)?$/' },
  'metrics.hotfixPattern': { schema: z.string(), default: '*hotfix*' },
  'metrics.deployBranch': { schema: z.string(), default: '' },
  'metrics.githubApiUrl': { schema: z.string(), default: 'https://api.github.com' },
  'surveys.enabled': { schema: z.boolean(), default: true },
  'surveys.identifyAnswers': { schema: z.boolean(), default: false },
  'surveys.cooldownDays': { schema: z.number().check(z.minimum(7), z.maximum(365)), default: 7 },
  'docs.feedUrl': { schema: z.string(), default: '' },
  'docs.loadRemoteImages': { schema: z.boolean(), default: false },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['default'] extends infer D ? (D extends string ? z.infer<(typeof SETTINGS)[K]['schema']> : D extends boolean ? boolean : D extends number ? number : D) : never;

