// Teams, services, repositories, configuration layers and surveys: what the platform team
// sets up, and the reads GET /v1/repos/{repoId}/config needs.
import { buildRepoConfig, type ConfigLayer } from '../core/repoConfig';
import type { RepoRecord } from '../core/repos';
import type { RepoConfig } from '../../../src/core/platform/contract';
import type { Db, Queryable } from './db';

export async function putTeam(db: Queryable, name: string): Promise<{ name: string }> {
  await db.query('INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  return { name };
}

export async function listTeams(db: Queryable): Promise<{ teams: { name: string }[] }> {
  return { teams: (await db.query<{ name: string }>('SELECT name FROM teams ORDER BY name')).rows };
}

export interface ServiceInfo {
  readonly name: string;
  readonly team: string | null;
  readonly environment: string;
}

export async function putService(db: Queryable, s: ServiceInfo): Promise<ServiceInfo> {
  await db.query(
    `INSERT INTO services (name, team, environment) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET team = excluded.team, environment = excluded.environment`,
    [s.name, s.team, s.environment],
  );
  return s;
}

export async function listServices(db: Queryable): Promise<{ services: ServiceInfo[] }> {
  return { services: (await db.query<ServiceInfo>('SELECT name, team, environment FROM services ORDER BY name')).rows };
}

/** Upserts repositories (already normalized and hashed by core/repos.ts). */
export async function putRepos(db: Queryable, repos: readonly RepoRecord[]): Promise<void> {
  if (!repos.length) return;
  await db.query(
    `INSERT INTO repos (id, name, service, team)
     SELECT r->>'id', r->>'name', r->>'service', r->>'team' FROM jsonb_array_elements($1::jsonb) AS r
     ON CONFLICT (id) DO UPDATE SET service = excluded.service, team = excluded.team`,
    [JSON.stringify(repos)],
  );
}

/** A repo from catalog-info.yaml: the repo, and its service with the Component's owner as team. */
export async function putCatalogRepo(db: Db, repo: RepoRecord): Promise<RepoRecord> {
  await db.transaction(async (q) => {
    if (repo.service) {
      await q.query('INSERT INTO services (name, team) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET team = coalesce(excluded.team, services.team)', [repo.service, repo.team]);
    }
    await putRepos(q, [repo]);
  });
  return repo;
}

export async function listRepos(db: Queryable): Promise<{ repos: RepoRecord[] }> {
  return { repos: (await db.query<RepoRecord>('SELECT id, name, service, team FROM repos ORDER BY name, id')).rows };
}

export async function deleteRepo(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM repos WHERE id = $1 OR name = $1 RETURNING id', [id])).rows.length > 0;
}

export interface RepoLookup {
  readonly id: string;
  readonly name: string | null;
  readonly service: string | null;
  /** The repo's own team, else its service's. */
  readonly team: string | null;
  readonly environment: string | null;
}

/** A repo by either id form: the SHA-256, or the normalized name. */
export async function findRepo(db: Queryable, repoId: string): Promise<RepoLookup | undefined> {
  const r = await db.query<RepoLookup>(
    `SELECT r.id, r.name, r.service, coalesce(r.team, s.team) AS team, s.environment
     FROM repos r LEFT JOIN services s ON s.name = r.service
     WHERE r.id = $1 OR r.name = lower($1) LIMIT 1`,
    [repoId],
  );
  return r.rows[0];
}

/** scope: 'org', 'team:<name>' or 'repo:<id>'. */
export async function putConfigLayer(db: Queryable, scope: string, l: ConfigLayer): Promise<void> {
  await db.query(
    `INSERT INTO config_layers (scope, features, doc_sources, onboarding, golden_path) VALUES ($1, $2::jsonb, $3::jsonb, $4::jsonb, $5::jsonb)
     ON CONFLICT (scope) DO UPDATE SET features = excluded.features, doc_sources = excluded.doc_sources, onboarding = excluded.onboarding, golden_path = excluded.golden_path, updated_at = now()`,
    [scope, json(l.features), json(l.docSources), json(l.onboarding), json(l.goldenPath)],
  );
}

type LayerRow = { scope: string; features: ConfigLayer['features']; doc_sources: ConfigLayer['docSources']; onboarding: unknown; golden_path: ConfigLayer['goldenPath'] };
const layerOf = (x: LayerRow): ConfigLayer => ({ features: x.features, docSources: x.doc_sources, onboarding: x.onboarding, ...(x.golden_path ? { goldenPath: x.golden_path } : {}) });

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export async function listConfigLayers(db: Queryable): Promise<{ layers: (ConfigLayer & { scope: string })[] }> {
  const r = await db.query<LayerRow>('SELECT scope, features, doc_sources, onboarding, golden_path FROM config_layers ORDER BY scope');
  return { layers: r.rows.map((x) => ({ scope: x.scope, ...layerOf(x) })) };
}

export async function deleteConfigLayer(db: Queryable, scope: string): Promise<boolean> {
  return (await db.query('DELETE FROM config_layers WHERE scope = $1 RETURNING scope', [scope])).rows.length > 0;
}

export async function putSurvey(db: Queryable, id: string, definition: unknown): Promise<void> {
  await db.query(
    `INSERT INTO surveys (id, definition) VALUES ($1, $2::jsonb)
     ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = now()`,
    [id, JSON.stringify(definition)],
  );
}

export async function listSurveys(db: Queryable): Promise<{ surveys: unknown[] }> {
  return { surveys: (await db.query<{ definition: unknown }>('SELECT definition FROM surveys ORDER BY id')).rows.map((r) => r.definition) };
}

export async function deleteSurvey(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM surveys WHERE id = $1 RETURNING id', [id])).rows.length > 0;
}

/** GET /v1/repos/{repoId}/config, or undefined for a repository nobody registered. */
export async function repoConfig(db: Queryable, repoId: string): Promise<RepoConfig | undefined> {
  const repo = await findRepo(db, repoId);
  if (!repo) return undefined;
  const scopes = ['org', ...(repo.team ? [`team:${repo.team}`] : []), `repo:${repo.id}`];
  const r = await db.query<LayerRow>('SELECT scope, features, doc_sources, onboarding, golden_path FROM config_layers WHERE scope = ANY($1::text[])', [scopes]);
  const byScope = new Map(r.rows.map((x) => [x.scope, layerOf(x)]));
  const layers = scopes.flatMap((s) => (byScope.has(s) ? [byScope.get(s)!] : []));
  const { surveys } = await listSurveys(db);
  return buildRepoConfig({ repoId, service: repo.service, team: repo.team, environment: repo.environment, layers, surveys });
}
