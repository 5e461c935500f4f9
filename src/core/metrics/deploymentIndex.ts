// Turns a list of deployments into sorted columns once, so each window (7 / 30 / 90 days,
// current and previous) is a binary search and a pass over typed arrays. The costly part,
// deciding which deploy first shipped each commit, does not depend on the window.
import { hashFull, hashKey, RepeatFilter, StringTable } from './stringTable';
import { MINUTE_MS, parseTime } from './time';
import { DEFAULT_ENVIRONMENT, type DataIssues, type Deployment } from './types';

export interface IndexOptions {
  /** Only deployments to this environment count (case-insensitive). Default 'production'. */
  readonly environment?: string;
  /** Only this service's deployments count; all services when absent. */
  readonly service?: string;
}

export interface DeploymentIndex {
  readonly environment: string;
  readonly service: string | undefined;
  /** Successful deployments in time order. */
  readonly size: number;
  readonly ids: readonly string[];
  readonly times: Float64Array;
  readonly failed: Uint8Array;
  readonly unplanned: Uint8Array;
  /** NaN while the failure is open (or the deploy did not fail). */
  readonly restoredAt: Float64Array;
  /** leadMinutes[leadStart[i] .. leadStart[i + 1]) are the commits deploy i shipped first. */
  readonly leadStart: Int32Array;
  readonly leadMinutes: Float64Array;
  readonly issues: DataIssues;
}

function matches(value: string, wanted: string, wantedLower: string): boolean {
  return value === wanted || (value.length === wanted.length && value.toLowerCase() === wantedLower);
}

export function buildDeploymentIndex(deployments: readonly Deployment[], options: IndexOptions = {}): DeploymentIndex {
  const environment = options.environment ?? DEFAULT_ENVIRONMENT;
  const envLower = environment.toLowerCase();
  const service = options.service;
  const serviceLower = service?.toLowerCase() ?? '';
  let invalidTimes = 0;
  let duplicateIds = 0;
  let commitsAfterDeploy = 0;
  let restoredBeforeDeploy = 0;

  // Newest record first, so the last record of a re-sent deployment wins (a webhook update
  // must replace the deployment, not add a second one: fourkeys #213).
  const n = deployments.length;
  const seen = new StringTable(n, (v) => deployments[v]!.id, hashFull);
  const kept = new Int32Array(n);
  const keptTime = new Float64Array(n);
  let k = 0;
  let commitTotal = 0;
  for (let i = n - 1; i >= 0; i--) {
    const d = deployments[i]!;
    if (!matches(d.environment, environment, envLower)) continue;
    if (service !== undefined && !matches(d.service, service, serviceLower)) continue;
    if (seen.getOrAdd(d.id, i) !== -1) {
      duplicateIds++;
      continue;
    }
    if (d.status !== 'success') continue;
    const t = parseTime(d.time);
    if (Number.isNaN(t)) {
      invalidTimes++;
      continue;
    }
    kept[k] = i;
    keptTime[k] = t;
    k++;
    commitTotal += d.commits.length;
  }

  // kept[] is newest-input-first; deploys usually arrive in time order, so reverse and
  // check before paying for a sort.
  const order = new Int32Array(k);
  for (let j = 0; j < k; j++) order[j] = k - 1 - j;
  let sorted = true;
  for (let j = 1; j < k && sorted; j++) if (keptTime[order[j]!]! < keptTime[order[j - 1]!]!) sorted = false;
  if (!sorted) order.sort((a, b) => keptTime[a]! - keptTime[b]! || b - a);

  const ids: string[] = new Array<string>(k);
  const times = new Float64Array(k);
  const failed = new Uint8Array(k);
  const unplanned = new Uint8Array(k);
  const restoredAt = new Float64Array(k);
  const leadStart = new Int32Array(k + 1);
  const lead = new Float64Array(commitTotal);
  // A commit's ordinal is its deploy's first ordinal plus its position in that deploy, so
  // the table can read its SHA back (on a hash match only) without a per-commit array.
  const ordStart = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) ordStart[j + 1] = ordStart[j]! + deployments[kept[order[j]!]!]!.commits.length;
  const shaOf = (v: number): string => {
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ordStart[mid]! <= v) lo = mid;
      else hi = mid - 1;
    }
    return deployments[kept[order[lo]!]!]!.commits[v - ordStart[lo]!]!.sha;
  };
  // Module bindings read in a hot loop cost a getter call each under a CJS transform
  // (tsx, ts-node); locals do not.
  const hash = hashKey;
  const minute = MINUTE_MS;
  // Pass 1: hash every SHA once and note which hashes repeat. Only commits whose hash
  // repeats (true re-ships and a few collisions) go through the exact table in pass 2.
  const hashes = new Int32Array(commitTotal);
  const filter = new RepeatFilter();
  let candidates = 0;
  for (let j = 0; j < k; j++) {
    const commits = deployments[kept[order[j]!]!]!.commits;
    const base = ordStart[j]!;
    for (let c = 0; c < commits.length; c++) {
      const h = hash(commits[c]!.sha);
      hashes[base + c] = h;
      filter.add(h);
    }
  }
  // One sequential pass marks the candidates, so pass 2 never touches the bit sets.
  const candidate = new Uint8Array(commitTotal);
  for (let o = 0; o < commitTotal; o++) {
    if (filter.mayRepeat(hashes[o]!)) {
      candidate[o] = 1;
      candidates++;
    }
  }
  const shipped = new StringTable(candidates, shaOf);
  let m = 0;
  for (let j = 0; j < k; j++) {
    const src = kept[order[j]!]!;
    const d = deployments[src]!;
    const t = keptTime[order[j]!]!;
    ids[j] = d.id;
    times[j] = t;
    const isFailed = d.failed || (d.incidentIds !== undefined && d.incidentIds.length > 0);
    failed[j] = isFailed ? 1 : 0;
    unplanned[j] = d.unplanned ? 1 : 0;
    let r = NaN;
    if (isFailed && d.restoredAt !== undefined) {
      r = parseTime(d.restoredAt);
      if (Number.isNaN(r)) invalidTimes++;
      else if (r < t) {
        restoredBeforeDeploy++;
        r = NaN;
      }
    }
    restoredAt[j] = r;
    leadStart[j] = m;
    const commits = d.commits;
    const base = ordStart[j]!;
    for (let c = 0; c < commits.length; c++) {
      const commit = commits[c]!;
      const ct = typeof commit.time === 'number' ? commit.time : parseTime(commit.time);
      if (Number.isNaN(ct)) {
        invalidTimes++;
        continue;
      }
      // Only the first deploy of a commit counts; later deploys of it are re-ships.
      if (candidate[base + c] === 1 && shipped.getOrAddHashed(commit.sha, hashes[base + c]!, base + c) !== -1) continue;
      if (ct > t) {
        commitsAfterDeploy++;
        continue;
      }
      lead[m++] = (t - ct) / minute;
    }
  }
  leadStart[k] = m;

  return {
    environment,
    service,
    size: k,
    ids,
    times,
    failed,
    unplanned,
    restoredAt,
    leadStart,
    leadMinutes: lead.subarray(0, m),
    issues: { invalidTimes, duplicateIds, commitsAfterDeploy, restoredBeforeDeploy },
  };
}
