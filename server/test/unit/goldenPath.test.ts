import * as assert from 'node:assert/strict';
import { goldenPathAdoption, latestByRepo, type Evaluation } from '../../src/core/insights/goldenPath';

const ev = (repo: string, team: string | null, time: string, ci: boolean, img: boolean): Evaluation => ({ repo, team, time, checks: [{ id: 'shared-ci', passed: ci }, { id: 'approved-image', passed: img }] });

// Period: Monday 2026-03-02 to Monday 2026-03-16 (two ISO weeks), minimum group 3.
//   shop (team A): before the period ci fails; on 03-10 everything passes.
//   cart (team A): 03-03, image fails.      docs (team B): 03-04, all pass.
//   misc (no team): 03-05, both fail.       late (team C): 03-20, after the period: not counted.
const evaluations = [
  ev('shop', 'A', '2026-03-01T10:00:00.000Z', false, true),
  ev('shop', 'A', '2026-03-10T10:00:00.000Z', true, true),
  ev('cart', 'A', '2026-03-03T10:00:00.000Z', true, false),
  ev('docs', 'B', '2026-03-04T10:00:00.000Z', true, true),
  ev('misc', null, '2026-03-05T10:00:00.000Z', false, false),
  ev('late', 'C', '2026-03-20T10:00:00.000Z', false, false),
];
// Active developers per repository in the period.
const activity = [
  ...['d1', 'd2', 'd3'].map((developer) => ({ repo: 'cart', developer })),
  ...['d3', 'd4'].map((developer) => ({ repo: 'misc', developer })),
  { repo: 'shop', developer: 'd5' },
];

describe('insights: golden-path adoption', () => {
  const r = goldenPathAdoption({ evaluations, activity, from: '2026-03-02T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z', minGroup: 3 });

  it('counts repos and teams on the golden path from each repo’s latest evaluation', () => {
    // shop and docs pass everything: 2 of 4 repos. Team A has cart failing, B passes: 1 of 2 teams (misc has no team).
    assert.deepEqual(r.repos, { evaluated: 4, onPath: 2, share: 0.5 });
    assert.deepEqual(r.teams, { evaluated: 2, onPath: 1, share: 0.5 });
  });

  it('gives each check its share and the active developers it affects, hiding a count under the minimum group', () => {
    // shared-ci fails only in misc: d3, d4 = 2 < 3, hidden. approved-image fails in cart and misc: d1..d4 = 4.
    assert.deepEqual(r.checks, [
      { id: 'approved-image', repos: 4, passing: 2, share: 0.5, failingRepos: 2, developersAffected: 4 },
      { id: 'shared-ci', repos: 4, passing: 3, share: 0.75, failingRepos: 1, developersAffected: null },
    ]);
    assert.deepEqual(r.mostAffecting, { id: 'approved-image', developers: 4 });
    assert.equal(r.suppressed?.minGroup, 3);
  });

  it('follows adoption week by week, each week as of its end', () => {
    // Week of 03-02 (to 03-09): shop still fails ci, so 1 of 4 repos (docs); teams A no, B yes.
    // Per check: that week approved-image passes in shop and docs (2 of 4), shared-ci in cart and docs (2 of 4);
    // the next week shared-ci also passes in shop (3 of 4).
    assert.deepEqual(r.weeks, [
      {
        week: '2026-03-02',
        repos: { evaluated: 4, onPath: 1, share: 0.25 },
        teams: { evaluated: 2, onPath: 1, share: 0.5 },
        checks: [{ id: 'approved-image', repos: 4, passing: 2, share: 0.5 }, { id: 'shared-ci', repos: 4, passing: 2, share: 0.5 }],
      },
      {
        week: '2026-03-09',
        repos: { evaluated: 4, onPath: 2, share: 0.5 },
        teams: { evaluated: 2, onPath: 1, share: 0.5 },
        checks: [{ id: 'approved-image', repos: 4, passing: 2, share: 0.5 }, { id: 'shared-ci', repos: 4, passing: 3, share: 0.75 }],
      },
    ]);
  });

  it('lists repositories with the most failing checks first', () => {
    assert.deepEqual(r.repoList.map((x) => [x.repo, x.passed, x.total, x.failing.join()]), [['misc', 0, 2, 'shared-ci,approved-image'], ['cart', 1, 2, 'approved-image'], ['docs', 2, 2, ''], ['shop', 2, 2, '']]);
  });

  it('has no share and no worst check with no evaluations', () => {
    const empty = goldenPathAdoption({ evaluations: [], activity, from: '2026-03-02T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z', minGroup: 5 });
    assert.deepEqual([empty.repos.share, empty.teams.share, empty.mostAffecting, empty.checks.length], [null, null, null, 0]);
    assert.equal(latestByRepo(evaluations, '2026-03-01T10:00:00.000Z').size, 0);
  });
});
