// Benchmarks for the DORA engine and the git source. Run by scripts/bench.mjs via tsx.
import type { BenchResult } from './types';
import { median } from './types';
import { computeDora } from '../src/core/metrics/engine';
import type { Deployment, ShippedCommit } from '../src/core/metrics/types';
import { DAY_MS } from '../src/core/metrics/time';
import { deploymentsFromGit } from '../src/core/metrics/gitSource';
import { SimpleGitHistory } from '../src/host/gitHistory';
import { RepoBuilder } from '../test/fixtures/repoBuilder';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A flat 40-hex-digit string, as SHAs are when read from JSON or git output. */
function hex40(r: () => number): string {
  const b = Buffer.allocUnsafe(20);
  for (let i = 0; i < 20; i += 4) b.writeUInt32BE(Math.floor(r() * 0x100000000), i);
  return b.toString('hex');
}

/**
 * 100k production deployments over 180 days (so the 90-day window and the one before it
 * hold all of them), 1M commits, lead times up to 3 days, 5 % of deploys re-shipping
 * earlier commits, 8 % failed, most of those restored.
 */
export function generateDeployments(count = 100_000, commitsTotal = 1_000_000, now = Date.UTC(2025, 0, 1)): Deployment[] {
  const r = rng(42);
  const span = 180 * DAY_MS;
  const per = commitsTotal / count;
  const out: Deployment[] = [];
  let prev: ShippedCommit[] = [];
  for (let i = 0; i < count; i++) {
    const time = now - span + Math.floor(((i + 1) * span) / count);
    const commits: ShippedCommit[] = [];
    const reship = r() < 0.05 && prev.length > 0;
    for (let c = 0; c < per; c++) {
      if (reship && c < prev.length) commits.push(prev[c]!);
      else commits.push({ sha: hex40(r), time: time - Math.floor(r() * 3 * DAY_MS) });
    }
    const failed = r() < 0.08;
    out.push({
      id: `deploy-${i}`,
      service: 'checkout',
      environment: 'production',
      time,
      status: 'success',
      commits,
      failed,
      ...(failed && r() < 0.9 ? { restoredAt: time + Math.floor(r() * DAY_MS) } : {}),
      ...(r() < 0.03 ? { unplanned: true } : {}),
    });
    prev = commits;
  }
  return out;
}

/**
 * dora_100k_ms, and beside it a plain sort of the same 100k deployments by time in the
 * same process (dora_sort_ratio = dora / sort), so the figure reads the same on a fast
 * laptop and a loaded CI machine. The sort gets the deployments in a fixed shuffled order:
 * the engine cannot assume its input is ordered, and a sort of already-sorted input is a
 * single linear pass that measures nothing. Runs alternate so both see the same load.
 */
export async function benchDora(runs = 7): Promise<BenchResult[]> {
  const deployments = generateDeployments();
  const shuffled = [...deployments];
  const r = rng(7);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const now = Date.UTC(2025, 0, 1);
  const dora: number[] = [];
  const sort: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const report = computeDora(deployments, { now, windowDays: 90 });
    const t1 = performance.now();
    const sorted = [...shuffled].sort((a, b) => (a.time as number) - (b.time as number)); // the generator makes numeric times
    const t2 = performance.now();
    if (report.deploymentFrequency.deployments === 0) throw new Error('bench data fell outside the window');
    if (sorted[0]!.time !== deployments[0]!.time) throw new Error('bench sort is wrong');
    if (i >= 2) {
      // the first runs include JIT warm-up
      dora.push(t1 - t0);
      sort.push(t2 - t1);
    }
  }
  const doraMs = median(dora);
  const sortMs = median(sort);
  return [
    { name: 'dora_100k_ms', value: Math.round(doraMs * 10) / 10, unit: 'ms' },
    { name: 'dora_sort_100k_ms', value: Math.round(sortMs * 10) / 10, unit: 'ms' },
    { name: 'dora_sort_ratio', value: Math.round((doraMs / sortMs) * 100) / 100, unit: 'ratio' },
  ];
}

/**
 * A fast-import stream: `tags` release tags (annotated, and every fifth lightweight), three
 * commits between consecutive tags, a hotfix tag every 100 releases and a revert message
 * every 50, all on main with fixed dates.
 */
export function tagHistoryStream(tags: number): string {
  const parts: string[] = [];
  const who = 'Dev <dev@example.com>';
  let mark = 0;
  let t = 1_600_000_000;
  for (let i = 0; i < tags; i++) {
    for (let c = 0; c < 3; c++) {
      mark++;
      t += 600;
      const msg = c === 2 && i % 50 === 49 ? `Revert "x"\n\nThis reverts commit ${'0'.repeat(40)}.\n` : `change ${mark}\n`;
      parts.push(`commit refs/heads/main\nmark :${mark}\ncommitter ${who} ${t} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}${mark > 1 ? `from :${mark - 1}\n` : ''}\n`);
    }
    const name = `v${Math.floor(i / 100)}.${i % 100}.0`;
    if (i % 5 === 4) parts.push(`reset refs/tags/${name}\nfrom :${mark}\n\n`);
    else {
      const msg = `release ${name}\n`;
      parts.push(`tag ${name}\nfrom :${mark}\ntagger ${who} ${t + 60} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`);
    }
    if (i % 100 === 99) parts.push(`reset refs/tags/hotfix-${i}\nfrom :${mark}\n\n`);
  }
  return parts.join('');
}

export async function benchGitSource(runs = 3): Promise<BenchResult> {
  const repo = RepoBuilder.create('dxpulse-bench-');
  try {
    repo.fastImport(tagHistoryStream(10_000));
    const history = new SimpleGitHistory(repo.dir);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await deploymentsFromGit(history, { service: 'bench' });
      samples.push(performance.now() - t0);
      if (!r.ok || r.deployments.length !== 10_000) throw new Error(`git source bench: unexpected result ${r.ok ? r.deployments.length : r.error}`);
    }
    return { name: 'git_source_10k_tags_ms', value: Math.round(median(samples)), unit: 'ms' };
  } finally {
    repo.dispose();
  }
}

export async function run(): Promise<BenchResult[]> {
  return [...(await benchDora()), await benchGitSource()];
}
