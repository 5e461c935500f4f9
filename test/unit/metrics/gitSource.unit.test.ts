import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deploymentsFromGit, mergedBranch, type GitCommitNode, type GitHistory, type GitRevert, type GitTagInfo } from '../../../src/core/metrics/gitSource';
import type { Deployment } from '../../../src/core/metrics/types';
import { SimpleGitHistory } from '../../../src/host/gitHistory';
import { branchNameProblem } from '../../../src/core/metrics/gitRef';
import { compilePattern, DEFAULT_TAG_PATTERN, globMatch, patternProblem } from '../../../src/core/metrics/patterns';
import fc from 'fast-check';
import { RepoBuilder } from '../../fixtures/repoBuilder';

const T = (iso: string): number => Date.parse(iso);

function byId(ds: readonly Deployment[]): Map<string, Deployment> {
  return new Map(ds.map((d) => [d.id, d]));
}

describe('deploymentsFromGit (tags, real repository)', () => {
  let repo: RepoBuilder;
  const sha: Record<string, string> = {};

  before(() => {
    repo = RepoBuilder.create();
    sha.c1 = repo.commit('feat: a', '2024-01-01T10:00:00Z');
    sha.c2 = repo.commit('feat: b', '2024-01-01T12:00:00Z');
    repo.tag('v1.0.0', '2024-01-01T13:00:00Z'); // lightweight: its time is c2's
    sha.c3 = repo.commit('feat: c', '2024-01-02T09:00:00Z');
    repo.tag('v1.1.0', '2024-01-02T10:00:00Z', { annotated: true });
    sha.r1 = repo.revert(sha.c3, '2024-01-02T15:00:00Z');
    sha.c4 = repo.commit('fix: d', '2024-01-03T08:00:00Z');
    repo.tag('v1.2.0', '2024-01-03T09:00:00Z', { annotated: true });
    repo.tag('docs-snapshot', '2024-01-03T09:30:00Z');
    sha.c5 = repo.commit('feat: e', '2024-01-04T09:00:00Z');
    repo.tag('v1.3.0', '2024-01-04T10:00:00Z', { annotated: true });
    sha.c6 = repo.commit('fix: urgent', '2024-01-05T08:00:00Z');
    repo.tag('hotfix-2024-01-05', '2024-01-05T08:00:00Z');
    repo.tag('v1.3.1', '2024-01-05T12:00:00Z', { annotated: true });
    sha.c7 = repo.commit('feat: f', '2024-01-06T09:00:00Z');
    repo.tag('v1.4.0', '2024-01-06T10:00:00Z', { annotated: true });
    sha.r2 = repo.revert(sha.c7, '2024-01-06T11:00:00Z'); // on main, not yet tagged
  });

  after(() => repo.dispose());

  it('turns each matching tag into a deploy shipping the commits since the previous one', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 'checkout' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.deployments.map((d) => d.id),
      ['v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.3.0', 'v1.3.1', 'v1.4.0'],
    );
    const d = byId(r.deployments);
    const v100 = d.get('v1.0.0')!;
    assert.equal(v100.time, T('2024-01-01T12:00:00Z')); // lightweight tag: commit time
    assert.deepEqual(new Set(v100.commits.map((c) => c.sha)), new Set([sha.c1, sha.c2]));
    assert.equal(v100.commits.find((c) => c.sha === sha.c1)!.time, T('2024-01-01T10:00:00Z'));
    assert.equal(d.get('v1.1.0')!.time, T('2024-01-02T10:00:00Z')); // annotated: tagger time
    assert.deepEqual(d.get('v1.1.0')!.commits, [{ sha: sha.c3, time: T('2024-01-02T09:00:00Z') }]);
    assert.deepEqual(new Set(d.get('v1.2.0')!.commits.map((c) => c.sha)), new Set([sha.r1, sha.c4]));
    assert.equal(v100.service, 'checkout');
    assert.equal(v100.environment, 'production');
  });

  it('marks a deploy failed when a later deploy ships a revert of its commit', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 'checkout' });
    assert.ok(r.ok);
    const d = byId(r.deployments);
    assert.equal(d.get('v1.0.0')!.failed, false);
    assert.equal(d.get('v1.1.0')!.failed, true);
    assert.equal(d.get('v1.1.0')!.restoredAt, T('2024-01-03T09:00:00Z'));
    assert.equal(d.get('v1.2.0')!.unplanned, true);
  });

  it('marks the deploy before a hotfix tag failed, restored at the next deploy', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 'checkout' });
    assert.ok(r.ok);
    const d = byId(r.deployments);
    assert.equal(d.get('v1.3.0')!.failed, true);
    assert.equal(d.get('v1.3.0')!.restoredAt, T('2024-01-05T12:00:00Z'));
    assert.equal(d.get('v1.3.1')!.unplanned, true);
    assert.equal(d.get('v1.3.1')!.failed, false);
  });

  it('keeps a failure open while its revert is not deployed yet', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 'checkout' });
    assert.ok(r.ok);
    const v140 = byId(r.deployments).get('v1.4.0')!;
    assert.equal(v140.failed, true);
    assert.equal(v140.restoredAt, undefined);
  });

  it('honours a custom tag pattern', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's', tagPattern: 'v1.3*' });
    assert.ok(r.ok);
    assert.deepEqual(
      r.deployments.map((x) => x.id),
      ['v1.3.0', 'v1.3.1'],
    );
    // v1.3.0 is the first deploy, so it ships all history up to it
    assert.equal(r.deployments[0]!.commits.length, 6); // c1 c2 c3 r1 c4 c5
  });

  it('says what to do when no tag matches', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's', tagPattern: 'release-*' });
    assert.ok(r.ok);
    assert.equal(r.deployments.length, 0);
    assert.match(r.warnings[0]!, /No tags match "release-\*"/);
  });

  it('rejects an invalid pattern with a clear message', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's', tagPattern: '/[/' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /pattern "\/\[\/" is not used: not a regular expression .*missing closing \]/);
  });
});

describe('deploymentsFromGit (merges into a branch, real repository)', () => {
  let repo: RepoBuilder;
  const sha: Record<string, string> = {};

  before(() => {
    repo = RepoBuilder.create();
    sha.base = repo.commit('init', '2024-02-01T00:00:00Z');
    repo.branch('feature/x');
    repo.switchTo('feature/x');
    sha.f1 = repo.commit('x 1', '2024-02-01T10:00:00Z');
    sha.f2 = repo.commit('x 2', '2024-02-01T11:00:00Z');
    repo.switchTo('main');
    sha.m1 = repo.merge('feature/x', '2024-02-02T10:00:00Z');
    repo.branch('hotfix/login');
    repo.switchTo('hotfix/login');
    sha.h1 = repo.commit('fix login', '2024-02-02T11:00:00Z');
    repo.switchTo('main');
    sha.m2 = repo.merge('hotfix/login', '2024-02-02T12:00:00Z');
  });

  after(() => repo.dispose());

  it('turns merges into deploys and a merged hotfix branch into a failure of the deploy before', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 'svc', mode: 'merges', branch: 'main' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.deployments.map((d) => d.id),
      [sha.m1, sha.m2],
    );
    const [m1, m2] = r.deployments;
    assert.deepEqual(new Set(m1!.commits.map((c) => c.sha)), new Set([sha.base, sha.f1, sha.f2, sha.m1]));
    assert.deepEqual(new Set(m2!.commits.map((c) => c.sha)), new Set([sha.h1, sha.m2]));
    assert.equal(m1!.failed, true);
    assert.equal(m1!.restoredAt, T('2024-02-02T12:00:00Z'));
    assert.equal(m2!.unplanned, true);
  });
});

describe('deploymentsFromGit: which history the numbers come from (real repositories)', () => {
  const repos: RepoBuilder[] = [];
  after(() => {
    for (const r of repos) r.dispose();
  });

  it('matches the hotfix pattern against the merged branch, not the whole subject', async () => {
    const repo = RepoBuilder.create();
    repos.push(repo);
    repo.commit('init', '2024-02-01T00:00:00Z');
    for (const [name, day] of [['feature/a', 2], ['docs/remove-hotfix-section', 3], ['hotfix/login-crash', 4], ['feature/b', 5]] as const) {
      repo.branch(name);
      repo.switchTo(name);
      repo.commit(name, `2024-02-0${day}T10:00:00Z`);
      repo.switchTo('main');
      repo.merge(name, `2024-02-0${day}T12:00:00Z`);
    }
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's', mode: 'merges', branch: 'main', hotfixPattern: 'hotfix/*' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(r.deployments.map((d) => d.failed), [false, true, false, false], 'the deploy before the hotfix/ merge failed, and only that one');
    const dflt = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's', mode: 'merges', branch: 'main' });
    assert.ok(dflt.ok);
    assert.deepEqual(dflt.deployments.map((d) => d.failed), [false, true, false, false], 'the default no longer flags docs/remove-hotfix-section');
  });

  it('names the merged branch in git and forge merge subjects', () => {
    assert.equal(mergedBranch("Merge branch 'hotfix/login-crash'"), 'hotfix/login-crash');
    assert.equal(mergedBranch("Merge branch 'hotfix/x' into main"), 'hotfix/x');
    assert.equal(mergedBranch("Merge remote-tracking branch 'origin/hotfix/y'"), 'hotfix/y');
    assert.equal(mergedBranch('Merge pull request #12 from acme/hotfix/z'), 'hotfix/z');
    assert.equal(mergedBranch('Squashed: hotfix for login'), undefined);
  });

  it('falls back to merges into the deploy branch when no tag matches, and says so', async () => {
    const repo = RepoBuilder.create();
    repos.push(repo);
    repo.commit('init', '2024-02-01T00:00:00Z');
    repo.branch('feature/a');
    repo.switchTo('feature/a');
    repo.commit('a', '2024-02-02T10:00:00Z');
    repo.switchTo('main');
    repo.merge('feature/a', '2024-02-02T12:00:00Z');
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's', fallbackBranch: 'main' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.deployments.length, 1);
    assert.match(r.warnings.join(' '), /No tags match .* Counting merges into "main" instead/);
  });

  it('sees a revert on main while HEAD is detached on an old tag', async () => {
    const repo = RepoBuilder.create();
    repos.push(repo);
    const c1 = repo.commit('feat: a', '2024-01-01T10:00:00Z');
    repo.tag('v1.0.0', '2024-01-01T11:00:00Z', { annotated: true });
    repo.commit('feat: b', '2024-01-02T10:00:00Z');
    repo.tag('v1.1.0', '2024-01-02T11:00:00Z', { annotated: true });
    repo.revert(c1, '2024-01-03T10:00:00Z'); // on main, after the tags
    repo.git(['checkout', '-q', '--detach', 'v1.0.0'], '2024-01-04T00:00:00Z');
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's' });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.deployments[0]!.failed, true, 'the revert on main fails v1.0.0 whatever is checked out');
  });

  it('says a shallow clone gives wrong numbers, and what to run', async () => {
    const origin = RepoBuilder.create();
    repos.push(origin);
    for (let i = 0; i < 3; i++) {
      origin.commit(`c${i}`, `2024-01-0${i + 1}T10:00:00Z`);
      origin.tag(`v1.${i}.0`, `2024-01-0${i + 1}T11:00:00Z`, { annotated: true });
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxpulse-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', '--no-tags', `file://${origin.dir}`, dir]);
      const r = await deploymentsFromGit(new SimpleGitHistory(dir), { service: 's' });
      assert.ok(r.ok, JSON.stringify(r));
      assert.match(r.warnings.join(' '), /shallow clone.*git fetch --unshallow --tags/);
      assert.doesNotMatch(r.warnings.join(' '), /set the deploy tag pattern/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('git arguments from settings and repository files (security)', () => {
  let repo: RepoBuilder;
  before(() => {
    repo = RepoBuilder.create();
    repo.commit('init', '2024-02-01T00:00:00Z');
    repo.branch('feature/x');
    repo.switchTo('feature/x');
    repo.commit('echo pwned', '2024-02-01T10:00:00Z');
    repo.switchTo('main');
    repo.merge('feature/x', '2024-02-02T10:00:00Z');
  });
  after(() => repo.dispose());

  const target = () => path.join(repo.dir, '..', `${path.basename(repo.dir)}-out.sh`);
  afterEach(() => fs.rmSync(target(), { force: true }));

  it('refuses a deploy branch that starts with "-" before any git process sees it', async () => {
    const r = await deploymentsFromGit(new SimpleGitHistory(repo.dir), { service: 's', mode: 'merges', branch: `--output=${target()}` });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /is not used: a branch name cannot start with "-"/);
    assert.equal(fs.existsSync(target()), false, 'git wrote a file named by the branch');
  });

  it('passes refs after --end-of-options in every history call, so an option-like ref writes nothing', async () => {
    const history = new SimpleGitHistory(repo.dir);
    const evil = `--output=${target()}`;
    await assert.rejects(history.merges(evil));
    await assert.rejects(history.commits([evil]));
    await assert.rejects(history.reverts([evil]));
    assert.equal(fs.existsSync(target()), false, 'git wrote a file named by a ref');
  });
});

describe('branchNameProblem', () => {
  it('accepts ordinary branch names and refuses what git refuses', () => {
    for (const ok of ['main', 'HEAD', 'release/2024-05', 'feature/x.y', 'prod_eu-1']) assert.equal(branchNameProblem(ok), undefined, ok);
    for (const bad of ['', '-x', '--output=f', 'a b', 'a..b', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[', 'a\\b', '@', 'a@{1}', '/a', 'a/', 'a//b', 'a.', '.a', 'a/.b', 'a.lock', 'x\u0000y', 'x'.repeat(256)]) {
      assert.notEqual(branchNameProblem(bad), undefined, JSON.stringify(bad));
    }
  });

  it('never throws on hostile input, and answers a 1 MB name in one pass', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const p = branchNameProblem(s);
      assert.ok(p === undefined || typeof p === 'string');
      if (s.startsWith('-')) assert.notEqual(p, undefined);
    }));
    assert.match(branchNameProblem('a/'.repeat(500_000) + 'b')!, /at most 255/);
    assert.match(branchNameProblem('-' + 'a'.repeat(200))!, /cannot start with "-"/);
  });
});

describe('deploymentsFromGit errors', () => {
  it('returns a clear error, not a throw, when the folder is not a repository', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dxpulse-norepo-'));
    try {
      const r = await deploymentsFromGit(new SimpleGitHistory(dir), { service: 's' });
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.error : '', /Could not read the git history/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compilePattern', () => {
  it('reads globs case-insensitively and /regex/ with flags', () => {
    assert.ok(compilePattern('*hotfix*')!.test('v1.2-HOTFIX'));
    assert.ok(compilePattern('v*')!.test('v1.0.0'));
    assert.ok(!compilePattern('v*')!.test('release-v1'));
    assert.ok(compilePattern('v1.?')!.test('v1.5'));
    assert.ok(!compilePattern('v1.?')!.test('v1x5x'));
    assert.ok(compilePattern('/^rel-\\d+$/')!.test('rel-42'));
    assert.equal(compilePattern('/(/'), undefined);
  });

  it('matches V1.2.3 with the default tag pattern (it is case-insensitive like globs)', () => {
    const def = compilePattern(DEFAULT_TAG_PATTERN)!;
    for (const t of ['v1.2.3', 'V1.2.3', '2.0', 'v1.4.0-rc.1']) assert.ok(def.test(t), t);
    for (const t of ['release-1', 'v1', 'latest']) assert.ok(!def.test(t), t);
  });

  it('refuses the g and y flags, which made RegExp.test skip every other matching tag', () => {
    assert.match(patternProblem('/^v/g')!, /g or y flag/);
    assert.match(patternProblem('/^v/y')!, /g or y flag/);
    assert.equal(compilePattern('/^v/gi'), undefined);
    const m = compilePattern('/^v/i')!;
    assert.deepEqual(['v1', 'v2', 'v3', 'v4'].map((t) => m.test(t)), [true, true, true, true]);
  });

  it('runs a repository\'s regexes in linear time: (a+)+ and .*a.*a.*b on long names answer at once', () => {
    assert.equal(compilePattern('/^(a+)+$/')!.test('a'.repeat(5000) + 'b'), false);
    assert.equal(compilePattern('/^.*a.*a.*a.*b$/')!.test('a'.repeat(5000)), false);
    assert.equal(compilePattern('/^(a+)+$/')!.test('aaaa'), true);
    assert.match(patternProblem('/(?=lookahead)/')!, /linear time .*lookarounds/);
    assert.match(patternProblem('/x/q')!, /unknown regular expression flag/);
    assert.match(patternProblem('x'.repeat(201))!, /at most 200/);
  });

  it('matches globs without backtracking blow-ups: *a*a*b on 1 MB of a is answered in one pass', () => {
    assert.equal(globMatch('*a*a*b', 'a'.repeat(1_000_000)), false);
    assert.equal(compilePattern('*a*a*a*a*a*a*b')!.test('a'.repeat(50_000)), false);
    assert.equal(globMatch('*a*a*b', 'xaxaxb'), true);
  });

  it('agrees with the equivalent regular expression on random globs and names (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')), fc.array(fc.constantFrom('a', 'b'), { maxLength: 12 }).map((a) => a.join('')), (glob, text) => {
      const re = new RegExp(`^${glob.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
      assert.equal(globMatch(glob, text), re.test(text), `${glob} on ${text}`);
    }));
  });

  it('never throws on hostile patterns and inputs (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 2000 }), (pattern, text) => {
      const problem = patternProblem(pattern);
      const m = compilePattern(pattern);
      assert.equal(m === undefined, problem !== undefined);
      m?.test(text);
    }));
  });
});

/** A hand-written GitHistory over fixed data, for the rules that need no real repository. */
class FakeGitHistory implements GitHistory {
  constructor(
    private readonly _tags: GitTagInfo[],
    private readonly _nodes: GitCommitNode[],
    private readonly _reverts: GitRevert[] = [],
  ) {}
  async tags(): Promise<GitTagInfo[]> {
    return this._tags;
  }
  async commits(): Promise<GitCommitNode[]> {
    return this._nodes;
  }
  async reverts(): Promise<GitRevert[]> {
    return this._reverts;
  }
  async merges(): Promise<GitCommitNode[]> {
    return [];
  }
  async isShallow(): Promise<boolean> {
    return false;
  }
}

describe('deploymentsFromGit rules (fake history)', () => {
  const H = 3_600_000;
  const node = (sha: string, time: number, parents: string[] = [], subject = sha): GitCommitNode => ({ sha, time, parents, subject });
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  const r = 'c'.repeat(40);

  it('treats a deploy tag named like a hotfix as unplanned and fails the deploy before it', async () => {
    const history = new FakeGitHistory(
      [
        { name: 'v1.0.0', sha: a, time: 2 * H, annotated: true },
        { name: 'v1.0.1-hotfix', sha: b, time: 5 * H, annotated: true },
      ],
      [node(b, 4 * H, [a]), node(a, 1 * H)],
    );
    const res = await deploymentsFromGit(history, { service: 's' });
    assert.ok(res.ok);
    const [first, fix] = res.deployments;
    assert.equal(first!.failed, true);
    assert.equal(first!.restoredAt, 5 * H);
    assert.equal(fix!.unplanned, true);
    assert.deepEqual(fix!.commits, [{ sha: b, time: 4 * H }]);
  });

  it('resolves an abbreviated reverted SHA and ignores a revert made before the deploy', async () => {
    const shipped = new FakeGitHistory(
      [
        { name: 'v1.0', sha: a, time: 2 * H, annotated: true },
        { name: 'v2.0', sha: r, time: 6 * H, annotated: true },
      ],
      [node(r, 5 * H, [a]), node(a, 1 * H)],
      [{ sha: r, time: 5 * H, revertedSha: a.slice(0, 7) }],
    );
    const res = await deploymentsFromGit(shipped, { service: 's' });
    assert.ok(res.ok);
    assert.equal(res.deployments[0]!.failed, true);
    assert.equal(res.deployments[0]!.restoredAt, 6 * H);
    assert.equal(res.deployments[1]!.unplanned, true);

    const early = new FakeGitHistory([{ name: 'v1.0', sha: r, time: 6 * H, annotated: true }], [node(r, 5 * H, [a]), node(a, 1 * H)], [{ sha: r, time: 5 * H, revertedSha: a }]);
    const res2 = await deploymentsFromGit(early, { service: 's' });
    assert.ok(res2.ok);
    assert.equal(res2.deployments[0]!.failed, false); // reverted before it ever shipped
  });
});
