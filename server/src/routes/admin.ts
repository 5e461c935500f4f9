// Everything under /admin/v1/: what the platform team sets up, and what its dashboard
// and scripts read. Every route needs an admin token. Bodies are checked by the
// contract's or the extension's own zod schemas (in core/), so there is one definition.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../app';
import { ADMIN_BODY_LIMIT } from '../app';
import { DeploymentInput, IncidentInput, parseInput } from '../core/deployments';
import { checkDoc } from '../core/docs';
import { checkConfigLayer } from '../core/repoConfig';
import { canonicalRepoId, repoFromCatalogInfo, repoRecords, type RepoInput } from '../core/repos';
import { checkSurvey } from '../core/surveys';
import type { WindowDays } from '../../../src/core/metrics/types';
import {
  deleteConfigLayer,
  deleteRepo,
  deleteSurvey,
  listConfigLayers,
  listRepos,
  listServices,
  listSurveys,
  listTeams,
  putCatalogRepo,
  putConfigLayer,
  putRepos,
  putService,
  putSurvey,
  putTeam,
} from '../db/catalog';
import { putDeployment, putIncident, serviceDora } from '../db/deployments';
import { CiRunsInput, ciRepoId } from '../core/ciRuns';
import { putCiRuns } from '../db/ciRuns';
import { deleteDoc, listDocs, putDoc } from '../db/docs';
import { dailyCounts, exportEvents } from '../db/events';
import { rebuildRollups } from '../db/rollups';
import { importGitHubDeployments } from '../githubImport';
import { createToken, listTokens, revokeToken } from '../db/tokens';
import { HttpError } from '../httpError';

const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 300 } } } as const;
const nameParam = { type: 'object', required: ['name'], properties: { name } } as const;
const anyObject = { type: 'object' } as const;
const isoTime = { type: 'string', format: 'date-time' } as const;

function bad(message: string): never {
  throw new HttpError(400, 'invalidRequest', message);
}
function notFound(what: string): never {
  throw new HttpError(404, 'notFound', `no such ${what}`);
}

export async function adminRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const db = deps.db;
  app.addHook('onRequest', async (req) => {
    // Hooks of this plugin see only its routes, but the 404 handler is shared: check the prefix.
    // A bearer admin token, or a dashboard session of an admin account (with its CSRF token).
    if (req.url.startsWith('/admin/')) await deps.access.require(req, 'admin');
  });
  const opts = (schema: Record<string, unknown>) => ({ bodyLimit: ADMIN_BODY_LIMIT, schema });

  // ---- tokens
  app.post<{ Body: { name: string; scope: 'ingest' | 'admin' } }>(
    '/admin/v1/tokens',
    opts({ body: { type: 'object', required: ['name', 'scope'], additionalProperties: false, properties: { name, scope: { enum: ['ingest', 'admin'] } } } }),
    async (req, reply) => reply.code(201).send(await createToken(db, req.body.name, req.body.scope)),
  );
  app.get('/admin/v1/tokens', async () => listTokens(db));
  app.delete<{ Params: { id: string } }>('/admin/v1/tokens/:id', { schema: { params: idParam } }, async (req, reply) => {
    if (!(await revokeToken(db, req.params.id))) throw new HttpError(404, 'notFound', 'no active token with that id');
    deps.auth.forget(req.params.id);
    return reply.code(204).send();
  });

  // ---- teams and services
  app.put<{ Params: { name: string } }>('/admin/v1/teams/:name', { schema: { params: nameParam } }, async (req) => putTeam(db, req.params.name));
  app.get('/admin/v1/teams', async () => listTeams(db));
  app.put<{ Params: { name: string }; Body: { team?: string; environment?: string } }>(
    '/admin/v1/services/:name',
    opts({ params: nameParam, body: { type: 'object', additionalProperties: false, properties: { team: name, environment: name } } }),
    async (req) => putService(db, { name: req.params.name, team: req.body?.team ?? null, environment: req.body?.environment ?? 'production' }),
  );
  app.get('/admin/v1/services', async () => listServices(db));

  // ---- repositories: URLs in, ids computed with the extension's own normalization
  app.post<{ Body: { repos: RepoInput[] } }>(
    '/admin/v1/repos',
    opts({
      body: {
        type: 'object',
        required: ['repos'],
        additionalProperties: false,
        properties: {
          repos: {
            type: 'array',
            maxItems: 10_000,
            items: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string', minLength: 1, maxLength: 1000 }, service: name, team: name } },
          },
        },
      },
    }),
    async (req) => {
      const r = repoRecords(req.body.repos);
      await putRepos(db, r.repos);
      return r;
    },
  );
  app.post<{ Body: { catalogInfo: string; url?: string } }>(
    '/admin/v1/repos/catalog-info',
    opts({ body: { type: 'object', required: ['catalogInfo'], additionalProperties: false, properties: { catalogInfo: { type: 'string', maxLength: 1_000_000 }, url: { type: 'string', minLength: 1, maxLength: 1000 } } } }),
    async (req) => {
      const r = repoFromCatalogInfo(req.body.catalogInfo, req.body.url);
      if (!r.ok) bad(r.reason);
      return putCatalogRepo(db, r.repo);
    },
  );
  app.get('/admin/v1/repos', async () => listRepos(db));
  app.delete<{ Params: { id: string } }>('/admin/v1/repos/:id', { schema: { params: idParam } }, async (req, reply) => {
    if (!(await deleteRepo(db, req.params.id))) notFound('repository');
    return reply.code(204).send();
  });

  // ---- configuration layers: org, then team, then repo
  const layerRoute = (path: string, scopeOf: (p: Record<string, string>) => string) => {
    app.put<{ Params: Record<string, string> }>(path, opts({ body: anyObject }), async (req) => {
      const r = checkConfigLayer(req.body);
      if (!r.ok) bad(r.message);
      const scope = scopeOf(req.params);
      await putConfigLayer(db, scope, r.layer);
      return { scope, ...r.layer };
    });
    app.delete<{ Params: Record<string, string> }>(path, async (req, reply) => {
      if (!(await deleteConfigLayer(db, scopeOf(req.params)))) notFound('configuration');
      return reply.code(204).send();
    });
  };
  layerRoute('/admin/v1/config/org', () => 'org');
  layerRoute('/admin/v1/config/teams/:team', (p) => `team:${p.team}`);
  // A repo layer is keyed by the hash, whichever form the path names the repo in.
  layerRoute('/admin/v1/config/repos/:repoId', (p) => `repo:${canonicalRepoId(p.repoId!)}`);
  app.get('/admin/v1/config', async () => listConfigLayers(db));

  // ---- surveys (docs/surveys.md), served to every repo; the audience inside decides who sees one
  app.put<{ Params: { id: string } }>('/admin/v1/surveys/:id', opts({ params: idParam, body: anyObject }), async (req) => {
    const r = checkSurvey(req.params.id, req.body);
    if (!r.ok) bad(r.message);
    await putSurvey(db, req.params.id, r.definition);
    return r.definition;
  });
  app.get('/admin/v1/surveys', async () => listSurveys(db));
  app.delete<{ Params: { id: string } }>('/admin/v1/surveys/:id', { schema: { params: idParam } }, async (req, reply) => {
    if (!(await deleteSurvey(db, req.params.id))) notFound('survey');
    return reply.code(204).send();
  });

  // ---- docs and changelog entries
  app.post('/admin/v1/docs', opts({ body: anyObject }), async (req, reply) => {
    const r = checkDoc(req.body);
    if (!r.ok) bad(r.message);
    await putDoc(db, r.entry, r.audience);
    if (r.warnings.length) req.log.warn({ id: r.entry.id, warnings: r.warnings }, 'docs entry stored with warnings');
    return reply.code(201).send({ id: r.entry.id, warnings: r.warnings });
  });
  app.get('/admin/v1/docs', async () => listDocs(db));
  app.delete<{ Params: { id: string } }>('/admin/v1/docs/:id', { schema: { params: idParam } }, async (req, reply) => {
    if (!(await deleteDoc(db, req.params.id))) notFound('docs entry');
    return reply.code(204).send();
  });

  // ---- deployments and incidents (a CI step or webhook posts them)
  app.post('/admin/v1/deployments', opts({ body: anyObject }), async (req) => {
    const r = parseInput(DeploymentInput, req.body);
    if (!r.ok) bad(r.message);
    return putDeployment(db, r.value);
  });
  app.post<{ Params: { name: string }; Body: { owner: string; repo: string; environment?: string; apiUrl?: string; token?: string; sinceDays?: number; maxDeployments?: number } }>(
    '/admin/v1/services/:name/deployments/github',
    opts({
      params: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } },
      body: {
        type: 'object',
        required: ['owner', 'repo'],
        additionalProperties: false,
        properties: {
          owner: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
          repo: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
          environment: { type: 'string', minLength: 1, maxLength: 200 },
          apiUrl: { type: 'string', pattern: '^https?://', maxLength: 500 },
          token: { type: 'string', minLength: 1, maxLength: 500 },
          sinceDays: { type: 'integer', minimum: 1, maximum: 800 },
          maxDeployments: { type: 'integer', minimum: 1, maximum: 2000 },
        },
      },
    }),
    async (req) => {
      const b = req.body;
      const r = await importGitHubDeployments(
        db,
        { service: req.params.name, owner: b.owner, repo: b.repo, ...(b.environment ? { environment: b.environment } : {}), ...(b.apiUrl ? { apiUrl: b.apiUrl } : {}), ...(b.token ? { token: b.token } : {}), sinceDays: b.sinceDays ?? 180, maxDeployments: b.maxDeployments ?? 300 },
        deps.now(),
      );
      if (!r.ok) throw new HttpError(502, 'github', r.message, { githubError: r.kind });
      return { service: req.params.name, imported: r.imported, skipped: r.skipped, requests: r.requests, warnings: r.warnings };
    },
  );
  // ---- CI runs (#13): a CI step posts its workflow runs, one attempt each
  app.post('/admin/v1/ci-runs', opts({ body: anyObject }), async (req) => {
    const r = parseInput(CiRunsInput, req.body);
    if (!r.ok) bad(r.message);
    const repoId = ciRepoId(r.value);
    return { repoId, stored: await putCiRuns(db, repoId, r.value) };
  });
  app.post('/admin/v1/incidents', opts({ body: anyObject }), async (req) => {
    const r = parseInput(IncidentInput, req.body);
    if (!r.ok) bad(r.message);
    if (!(await putIncident(db, r.value))) throw new HttpError(404, 'unknownDeployment', `no deployment "${r.value.deploymentId}": post it first; incidents link by id`);
    return { id: r.value.id };
  });
  app.get<{ Params: { name: string }; Querystring: { window?: string; environment?: string } }>(
    '/admin/v1/services/:name/dora',
    { schema: { params: nameParam, querystring: { type: 'object', properties: { window: { enum: ['7', '30', '90'] }, environment: name } } } },
    async (req) => {
      const report = await serviceDora(db, req.params.name, deps.now(), Number(req.query.window ?? '30') as WindowDays, req.query.environment);
      if (!report) notFound('service');
      return report;
    },
  );

  // ---- raw events out
  app.get<{ Querystring: { kind?: string; since?: string; until?: string } }>(
    '/admin/v1/events',
    { schema: { querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', maxLength: 100 }, since: isoTime, until: isoTime } } } },
    async (req, reply) => reply.type('application/x-ndjson').send(exportEvents(db, req.query)),
  );
  app.get<{ Querystring: { since: string; until: string } }>(
    '/admin/v1/events/daily',
    { schema: { querystring: { type: 'object', required: ['since', 'until'], properties: { since: { type: 'string', format: 'date' }, until: { type: 'string', format: 'date' } } } } },
    async (req) => ({ days: await dailyCounts(db, req.query.since, req.query.until) }),
  );
  // Recounts the insight rollups from the raw events stored now: once after a rolling
  // upgrade from a version without rollups, whose processes stored events without them.
  app.post('/admin/v1/rollups/rebuild', async () => ({ events: await db.transaction((q) => rebuildRollups(q)) }));
}
