// Surveys as the platform team publishes them, checked with the extension's own schema
// (docs/surveys.md), so a survey the server accepts is one the extension can show.
import { parseWith, SurveyEntry } from '../../../src/core/surveys/definitions';
import { parseSurveyEntries } from '../../../src/core/surveys/templates';

export type SurveyCheck = { ok: true; definition: Record<string, unknown> } | { ok: false; message: string };

export function checkSurvey(id: string, raw: unknown): SurveyCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, message: 'a survey is an object (docs/surveys.md)' };
  const given = (raw as { id?: unknown }).id;
  if (given !== undefined && given !== id) return { ok: false, message: `id: "${String(given)}" differs from the id in the path ("${id}")` };
  const definition = { ...(raw as Record<string, unknown>), id };
  const r = parseWith(SurveyEntry, definition);
  if (!r.ok) return { ok: false, message: oneLine(r.message) };
  // What the extension does with it next: a template reference is resolved (an unknown
  // template, a subject on a template without NPS, dates in the wrong order are refused).
  const resolved = parseSurveyEntries([definition]);
  if (resolved.problems.length) return { ok: false, message: oneLine(resolved.problems.join('; ')) };
  return { ok: true, definition };
}

const oneLine = (message: string): string => message.replace(/\n\s*/g, ' ').slice(0, 500);
