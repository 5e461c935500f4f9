// Docs and changelog entries as the platform team posts them: the contract's DocEntry
// plus an audience (which teams, services or repos see it). Pure: no I/O.
import * as z from 'zod/mini';
import { DocEntry } from '../../../src/core/platform/contract';

/** The notice a deprecation needs: its removal at least this long after publication. */
export const MIN_DEPRECATION_NOTICE_DAYS = 30;
const DAY_MS = 86_400_000;

export const Audience = z.strictObject({
  teams: z.optional(z.array(z.string())),
  services: z.optional(z.array(z.string())),
  repos: z.optional(z.array(z.string())),
});
export type Audience = z.infer<typeof Audience>;

export const DocInput = z.object({ entry: DocEntry, audience: z.optional(Audience) });

export type DocCheck = { ok: true; entry: DocEntry; audience: Audience; warnings: string[] } | { ok: false; message: string };

export function checkDoc(raw: unknown): DocCheck {
  const r = DocInput.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, message: `${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid'}` };
  }
  const { entry } = r.data;
  const warnings: string[] = [];
  if (entry.type === 'deprecation' || entry.type === 'breaking') {
    if (entry.type === 'deprecation' && entry.removalDate === undefined) return { ok: false, message: 'entry.removalDate: a deprecation needs a removal date' };
    if (entry.removalDate !== undefined) {
      const days = (Date.parse(entry.removalDate) - Date.parse(entry.publishedAt)) / DAY_MS;
      if (days < MIN_DEPRECATION_NOTICE_DAYS) {
        warnings.push(`removal is ${Math.floor(days)} day(s) after publication; give developers at least ${MIN_DEPRECATION_NOTICE_DAYS} days of notice`);
      }
    }
    if (!entry.migration) warnings.push('no migration steps: say what developers must change');
  }
  return { ok: true, entry, audience: r.data.audience ?? {}, warnings };
}

/** Whether a repo (with its service and team) is in an entry's audience; no audience is everyone. */
export function inAudience(a: Audience, repo: { ids: readonly string[]; service: string | null; team: string | null }): boolean {
  const lists = [a.teams, a.services, a.repos].filter((l) => l !== undefined && l.length > 0);
  if (lists.length === 0) return true;
  const lower = (x: string | null) => x?.toLowerCase();
  return (
    (a.teams?.some((t) => t.toLowerCase() === lower(repo.team)) ?? false) ||
    (a.services?.some((s) => s.toLowerCase() === lower(repo.service)) ?? false) ||
    (a.repos?.some((r) => repo.ids.includes(r.toLowerCase())) ?? false)
  );
}
