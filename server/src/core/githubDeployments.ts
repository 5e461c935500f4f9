// GitHub deployments, as the extension's own GitHub source reads them (src/core/metrics/
// githubSource.ts: deployments, their statuses, the commits each shipped), turned into the
// deployments the server stores. Pure: no I/O.
import type { Deployment } from '../../../src/core/metrics/types';
import { parseTime } from '../../../src/core/metrics/time';
import { DeploymentInput } from './deployments';

const iso = (t: Deployment['time'] | undefined): string | undefined => {
  const ms = parseTime(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
};

/**
 * One stored deployment per GitHub deployment, with an id of its own namespace
 * (`github:owner/repo:id`), so a second import updates instead of adding. Commits without
 * a usable sha or time are left out (lead time cannot start at them); a deployment without
 * a usable time is skipped and counted.
 */
export function githubDeploymentInputs(deployments: readonly Deployment[], owner: string, repo: string): { inputs: DeploymentInput[]; skipped: number } {
  const inputs: DeploymentInput[] = [];
  let skipped = 0;
  for (const d of deployments) {
    const time = iso(d.time);
    const restoredAt = iso(d.restoredAt);
    const candidate = {
      id: `github:${owner}/${repo}:${d.id}`,
      service: d.service,
      environment: d.environment,
      time,
      status: d.status,
      commits: d.commits.flatMap((c) => {
        const t = iso(c.time);
        return t && /^[0-9a-f]{7,64}$/i.test(c.sha) ? [{ sha: c.sha, time: t }] : [];
      }),
      failed: d.failed,
      ...(restoredAt ? { restoredAt } : {}),
    };
    const r = DeploymentInput.safeParse(candidate);
    if (r.success) inputs.push(r.data);
    else skipped++;
  }
  return { inputs, skipped };
}
