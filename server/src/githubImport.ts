// POST /admin/v1/services/{name}/deployments/github: reads a repository's deployments from
// the GitHub REST API (github.com or GitHub Enterprise) with the extension's own GitHub
// source and HTTP transport, and stores them as the service's deployments.
import { GitHubDeploymentsSource, type GitHubErrorKind } from '../../src/core/metrics/githubSource';
import { urlHost } from '../../src/core/platform/requestTarget';
import { AxiosTransport } from '../../src/host/http';
import { githubDeploymentInputs } from './core/githubDeployments';
import type { Db } from './db/db';
import { putDeployment } from './db/deployments';

export interface GitHubImportRequest {
  readonly service: string;
  readonly owner: string;
  readonly repo: string;
  readonly environment?: string;
  /** Default https://api.github.com; GitHub Enterprise: https://HOST/api/v3. */
  readonly apiUrl?: string;
  /** Used for this import only; never stored or logged. */
  readonly token?: string;
  readonly sinceDays: number;
  readonly maxDeployments: number;
}

export type GitHubImportResult =
  | { ok: true; imported: number; skipped: number; requests: number; warnings: string[] }
  | { ok: false; kind: GitHubErrorKind; message: string };

export async function importGitHubDeployments(db: Db, r: GitHubImportRequest, now: number): Promise<GitHubImportResult> {
  const apiUrl = r.apiUrl ?? 'https://api.github.com';
  const host = urlHost(apiUrl);
  // The admin named this host: it may be on a private network (GitHub Enterprise).
  const http = new AxiosTransport({ maxResponseBytes: 20 << 20, targetPolicy: () => ({ userHosts: host ? [host] : [] }) });
  const source = new GitHubDeploymentsSource({
    http,
    owner: r.owner,
    repo: r.repo,
    service: r.service,
    apiBaseUrl: apiUrl,
    ...(r.environment ? { environment: r.environment } : {}),
    getToken: async () => r.token,
    since: now - r.sinceDays * 86_400_000,
    maxDeployments: r.maxDeployments,
  });
  const got = await source.fetch();
  if (!got.ok) return { ok: false, kind: got.kind, message: got.error };
  const { inputs, skipped } = githubDeploymentInputs(got.deployments, r.owner, r.repo);
  await db.transaction(async (q) => {
    for (const d of inputs) await putDeployment(q, d);
  });
  return { ok: true, imported: inputs.length, skipped, requests: got.requests, warnings: got.warnings };
}
