// Seeding through the platform's own HTTP API, as the extension and CI would post: the
// dashboard tests' small hand-computed data set (server/test/dashboardSeed.ts) and the
// demo's organization (./demoOrg.ts) both go through here.
import { randomUUID } from 'node:crypto';
import { MAX_BATCH_EVENTS } from '../../../src/core/platform/contract';

export type AdminCall = (method: string, path: string, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** An admin API call that must succeed; returns its JSON. */
export function adminApi(base: string, adminToken: string): AdminCall {
  return async (method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

export type SeedEvent = Record<string, unknown> & { id: string };

/** An event as the extension sends it: `dev` is the install (null: an anonymous answer). */
export function seedEvent(dev: string | null, repo: string | null, kind: string, data: Record<string, unknown>, time: string): SeedEvent {
  return {
    id: randomUUID(),
    kind,
    schemaVersion: 1,
    time,
    ...(dev ? { installId: `install-${dev}`, sessionId: `session-${dev}` } : {}),
    ...(dev && repo ? { repo: { id: repo, hashed: false } } : {}),
    extensionVersion: '0.1.0',
    data,
  };
}

/** POST /v1/events in batches; every event must be accepted. */
export async function postEvents(base: string, ingestToken: string, events: readonly SeedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += MAX_BATCH_EVENTS) {
    const r = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + MAX_BATCH_EVENTS) }),
    });
    const text = await r.text();
    const json = JSON.parse(text || '{}') as { rejected?: unknown[] };
    if (r.status !== 200 || (json.rejected?.length ?? 0) > 0) throw new Error(`seed events: ${r.status} ${JSON.stringify(json.rejected?.slice(0, 3) ?? text.slice(0, 500))}`);
  }
}
