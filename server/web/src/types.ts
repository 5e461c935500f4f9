// The answers of the insight routes, typed by the server functions that make them: one
// definition, erased at build time (type-only imports).
import type { firstDeployInsight } from '../../src/db/firstDeploy';
import type { changelogInsight } from '../../src/db/reach';
import type { deliveryInsight, frictionInsight, frictionReports, frictionThemes, onboardingInsight, overviewInsight, surveyInsight, surveyList } from '../../src/db/insights';

import type { goldenPathInsight } from '../../src/db/goldenPath';

type Answer<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;
export type Overview = Answer<typeof overviewInsight>;
export type Friction = Answer<typeof frictionInsight>;
export type FrictionItem = Friction['items'][number];
export type Reports = Answer<typeof frictionReports>;
export type Report = Reports['reports'][number];
export type Themes = Answer<typeof frictionThemes>;
export type ThemeRow = Themes['themes'][number];
export type Onboarding = Answer<typeof onboardingInsight>;
export type Delivery = Answer<typeof deliveryInsight>;
export type FirstDeploy = Answer<typeof firstDeployInsight>;
/** GET /admin/v1/insights/ci (server/src/routes/insights.ts). */
export interface CiInsight {
  now: string;
  windowDays: number;
  targetMinutes: number;
  /** As server/src/core/ciRuns.ts CiRepoSummary (not imported: its module uses node APIs). */
  repos: { repoId: string; repo?: string; service?: string; team?: string; defaultBranch: string; report: import('../../../src/core/ci/ciEngine').CiBranchReport }[];
}
export type SurveyResults = NonNullable<Answer<typeof surveyInsight>>;
export type SurveyList = Answer<typeof surveyList>;
export type Changelog = Answer<typeof changelogInsight>;
export type ChangelogEntry = Changelog['entries'][number];
export type GoldenPath = Answer<typeof goldenPathInsight>;

// The admin routes' answers, written out here: their modules use node APIs this
// tsconfig does not have (see docs/platform-admin-api.md for each shape).
export interface Tokens {
  tokens: { id: string; name: string; scope: 'ingest' | 'admin'; createdAt: string; revokedAt?: string }[];
}
export interface Teams {
  teams: { name: string }[];
}
export interface Repos {
  repos: { id: string; name: string | null; service: string | null; team: string | null }[];
}
export interface Accounts {
  accounts: { id: string; username: string; role: 'admin' | 'viewer'; teams: string[] | null; createdAt: string }[];
}
export interface DocEntry {
  id: string;
  kind: 'doc' | 'changelog';
  title: string;
  type?: string;
  publishedAt: string;
  removalDate?: string;
}
export interface Docs {
  docs: { entry: DocEntry; audience: unknown }[];
}
export type SurveyQuestion = SurveyResults['questions'][number];
