import * as semver from 'semver';

// Tools print their version in every shape imaginable (`v20.11.1`, `Docker version
// 24.0.7, build afdd53b`, `go version go1.22.0 linux/amd64`): pick the first thing that
// looks like a dotted version, falling back to a lone number (`pnpm 9`).

const DOTTED = /(?<![\d.])(\d+)\.(\d+)(?:\.(\d+))?/;
const LONE = /(?<![\w.])(\d+)(?![\w.])/;

/** The version in a tool's output as `major.minor.patch`, or undefined when there is none. */
export function extractVersion(output: string): string | undefined {
  const text = output.slice(0, 4096);
  const m = DOTTED.exec(text) ?? LONE.exec(text);
  if (!m) return undefined;
  const v = `${Number(m[1])}.${Number(m[2] ?? 0)}.${Number(m[3] ?? 0)}`;
  return semver.valid(v) ?? undefined;
}

/**
 * Whether a tool's version output meets a minimum ("20", "20.11", "v20.11.1").
 * undefined when either side has no recognisable version: the caller decides what
 * an unknown version means (the checklist treats it as not met, with a reason).
 */
export function meetsMinVersion(output: string, minVersion: string): boolean | undefined {
  const have = extractVersion(output);
  const need = extractVersion(minVersion);
  if (have === undefined || need === undefined) return undefined;
  return semver.gte(have, need);
}
