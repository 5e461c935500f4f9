import type * as z from 'zod/mini';
import { formatPath } from '../config/issueMessages';

/**
 * zod issues as one line for a log or a list: `<message> (at <path>)`, joined by `; `.
 * (z.prettifyError draws `✖` and `→` over several lines, which reads badly once joined.)
 */
export function issuesText(error: { issues: readonly z.core.$ZodIssue[] }): string {
  return error.issues.map((i) => (i.path.length ? `${i.message} (at ${formatPath(i.path as (string | number)[])})` : i.message)).join('; ');
}
