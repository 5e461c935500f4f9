// The dashboard's admin routes: insights (readable by viewers, limited to their teams),
// friction report statuses, dashboard accounts, and POST /admin/v1/surveys. Each route
// validates with its schema and calls one db function.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REPORT_STATUSES, type ReportStatus } from '../../../src/core/platform/contract';
import { teamScope } from '../access';
import type { Deps } from '../app';
import { ADMIN_BODY_LIMIT } from '../app';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../core/passwords';
import { checkSurvey } from '../core/surveys';
import type { WindowDays } from '../../../src/core/metrics/types';
import { createAccount, deleteAccount, listAccounts } from '../db/accounts';
import { ciSummaries } from '../db/ciRuns';
import { firstDeployInsight } from '../db/firstDeploy';
import { CI_TARGET_MINUTES } from '../../../src/core/ci/types';
import { putSurvey } from '../db/catalog';
import {
  deliveryInsight,
  frictionInsight,
  frictionReports, frictionThemes,
  npsInsight,
  onboardingInsight,
  overviewInsight,
  reportTeam,
  setReportStatus,
  surveyInsight,
  surveyList,
  type Scope,
} from '../db/insights';
import { changelogInsight } from '../db/reach';
import { goldenPathInsight } from '../db/goldenPath';
import { HttpError } from '../httpError';

const DAY = 86_400_000;
export const DEFAULT_PERIOD_DAYS = 28;
const when = { type: 'string', minLength: 10, maxLength: 40 } as const;
const team = { type: 'string', minLength: 1, maxLength: 200 } as const;
const days = { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } as const;
const periodQuery = { type: 'object', additionalProperties: false, properties: { from: when, to: when, days, team } } as const;
type PeriodQuery = { from?: string; to?: string; days?: string; team?: string };


function bad(message: string): never {
  throw new HttpError(400, 'invalidRequest', message);
}

/** from/to as ISO dates or date-times; to defaults to now, from to `days` (28) days before to. */
export function periodOf(q: { from?: string; to?: string; days?: string }, now: number): { from: string; to: string } {
  const to = q.to ? Date.parse(q.to) : now;
  const from = q.from ? Date.parse(q.from) : to - Number(q.days ?? DEFAULT_PERIOD_DAYS) * DAY;
  if (!Number.isFinite(from) || !Number.isFinite(to)) bad('from and to must be ISO 8601 dates or date-times');
  if (from >= to) bad('from must be before to');
  if (to - from > 800 * DAY) bad('a period is at most 800 days');
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export async function insightRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.db;
  // Insight reads are open to viewers; everything else here needs an admin.
  app.addHook('onRequest', async (req) => {
    const read = req.method === 'GET' && req.url.startsWith('/admin/v1/insights/');
    await deps.access.require(req, read ? 'viewer' : 'admin');
  });
  const scope = (req: FastifyRequest<{ Querystring: PeriodQuery }>): Scope => {
    const t = teamScope(req.principal!, req.query.team);
    return { ...periodOf(req.query, deps.now()), ...(t ? { team: t } : {}), minGroup: deps.minGroup };
  };

  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/overview', { schema: { querystring: periodQuery } }, async (req) => overviewInsight(db, { ...scope(req), now: deps.now() }));
  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/friction', { schema: { querystring: periodQuery } }, async (req) => frictionInsight(db, scope(req)));
  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/friction/reports', { schema: { querystring: periodQuery } }, async (req) => frictionReports(db, scope(req)));
  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/friction/themes', { schema: { querystring: periodQuery } }, async (req) => frictionThemes(db, scope(req)));
  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/changelog', { schema: { querystring: periodQuery } }, async (req) => changelogInsight(db, { ...scope(req), now: deps.now() }));
  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/onboarding', { schema: { querystring: periodQuery } }, async (req) => onboardingInsight(db, scope(req)));
  // Time from the first day to the first production deploy holding the first commit (#13).
  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/onboarding/first-deploy', { schema: { querystring: periodQuery } }, async (req) => firstDeployInsight(db, scope(req)));
  app.get<{ Querystring: PeriodQuery & { surveyId: string } }>(
    '/admin/v1/insights/nps',
    { schema: { querystring: { ...periodQuery, required: ['surveyId'], properties: { ...periodQuery.properties, surveyId: { type: 'string', minLength: 1, maxLength: 100 } } } } },
    async (req) => {
      const r = await npsInsight(db, scope(req), req.query.surveyId);
      if (!r) throw new HttpError(404, 'notFound', `no survey "${req.query.surveyId}" with an NPS question`);
      return r;
    },
  );
  app.get<{ Querystring: PeriodQuery }>('/admin/v1/insights/golden-path', { schema: { querystring: periodQuery } }, async (req) => goldenPathInsight(db, scope(req)));
  app.get('/admin/v1/insights/surveys', async () => surveyList(db));
  app.get<{ Params: { id: string }; Querystring: PeriodQuery }>(
    '/admin/v1/insights/surveys/:id',
    { schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } }, querystring: periodQuery } },
    async (req) => {
      const r = await surveyInsight(db, scope(req), req.params.id);
      if (!r) throw new HttpError(404, 'notFound', 'no such survey');
      return r;
    },
  );
  app.get<{ Querystring: { window?: string; team?: string } }>(
    '/admin/v1/insights/delivery',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { window: { enum: ['7', '30', '90'] }, team } } } },
    async (req) => {
      const t = teamScope(req.principal!, req.query.team);
      return deliveryInsight(db, { ...(t ? { team: t } : {}), now: deps.now(), windowDays: Number(req.query.window ?? '30') as WindowDays });
    },
  );

  // CI pipeline duration per repository (#13): the default branch's runs posted to POST /admin/v1/ci-runs.
  app.get<{ Querystring: { window?: string; team?: string } }>(
    '/admin/v1/insights/ci',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { window: { enum: ['7', '30', '90'] }, team } } } },
    async (req) => {
      const t = teamScope(req.principal!, req.query.team);
      const windowDays = Number(req.query.window ?? '30');
      const repos = (await ciSummaries(db, deps.now(), windowDays)).filter((r) => !t || r.team === t);
      return { now: new Date(deps.now()).toISOString(), windowDays, targetMinutes: CI_TARGET_MINUTES, repos };
    },
  );

  // ---- friction report statuses (admin)
  app.put<{ Params: { id: string }; Body: { status: ReportStatus; changelogId?: string } }>(
    '/admin/v1/friction/reports/:id/status',
    {
      schema: {
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } },
        body: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { enum: REPORT_STATUSES }, changelogId: { type: 'string', minLength: 1, maxLength: 200 } } },
      },
    },
    async (req) => {
      const t = await reportTeam(db, req.params.id);
      if (!t) throw new HttpError(404, 'notFound', 'no friction report with that event id');
      await setReportStatus(db, req.params.id, req.body.status, req.body.changelogId ?? null, req.principal!.label);
      return { id: req.params.id, status: req.body.status, changelogId: req.body.changelogId ?? null };
    },
  );

  // ---- surveys: publish in the docs/surveys.md format (PUT /admin/v1/surveys/:id also exists)
  app.post('/admin/v1/surveys', { bodyLimit: ADMIN_BODY_LIMIT, schema: { body: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } } }, async (req, reply) => {
    const body = req.body as { id: string };
    const r = checkSurvey(body.id, body);
    if (!r.ok) bad(r.message);
    await putSurvey(db, body.id, r.definition);
    return reply.code(201).send(r.definition);
  });

  // ---- dashboard accounts (admin)
  app.post<{ Body: { username: string; password: string; role: 'admin' | 'viewer'; teams?: string[] } }>(
    '/admin/v1/accounts',
    {
      schema: {
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,100}$' },
            password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 500 },
            role: { enum: ['admin', 'viewer'] },
            teams: { type: 'array', maxItems: 100, items: team },
          },
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if (b.role === 'admin' && b.teams) bad('an admin sees every team: give teams only to viewers');
      const a = await createAccount(db, { username: b.username, role: b.role, teams: b.teams ?? null, passwordHash: await hashPassword(b.password) });
      if (!a) throw new HttpError(409, 'conflict', `the username "${b.username}" is taken`);
      return reply.code(201).send(a);
    },
  );
  app.get('/admin/v1/accounts', async () => listAccounts(db));
  app.delete<{ Params: { id: string } }>('/admin/v1/accounts/:id', { schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } } }, async (req, reply) => {
    if (!(await deleteAccount(db, req.params.id))) throw new HttpError(404, 'notFound', 'no such account');
    return reply.code(204).send();
  });
}
