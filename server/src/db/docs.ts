import { inAudience, type Audience } from '../core/docs';
import type { DocEntry, DocsResponse } from '../../../src/core/platform/contract';
import { findRepo } from './catalog';
import type { Queryable } from './db';

export async function putDoc(db: Queryable, entry: DocEntry, audience: Audience): Promise<void> {
  await db.query(
    `INSERT INTO docs (id, entry, audience, published_at) VALUES ($1, $2::jsonb, $3::jsonb, $4::timestamptz)
     ON CONFLICT (id) DO UPDATE SET entry = excluded.entry, audience = excluded.audience, published_at = excluded.published_at, updated_at = now()`,
    [entry.id, JSON.stringify(entry), JSON.stringify(audience), entry.publishedAt],
  );
}

export async function listDocs(db: Queryable): Promise<{ docs: { entry: DocEntry; audience: Audience }[] }> {
  const r = await db.query<{ entry: DocEntry; audience: Audience }>('SELECT entry, audience FROM docs ORDER BY published_at DESC, id');
  return { docs: r.rows };
}

export async function deleteDoc(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM docs WHERE id = $1 RETURNING id', [id])).rows.length > 0;
}

/** GET /v1/repos/{repoId}/docs: newest first; a repo nobody registered sees entries meant for everyone. */
export async function repoDocs(db: Queryable, repoId: string): Promise<DocsResponse> {
  const repo = await findRepo(db, repoId);
  const who = { ids: [repoId.toLowerCase(), ...(repo ? [repo.id, repo.name ?? ''] : [])], service: repo?.service ?? null, team: repo?.team ?? null };
  const { docs } = await listDocs(db);
  return { entries: docs.filter((d) => inAudience(d.audience, who)).map((d) => d.entry) };
}
