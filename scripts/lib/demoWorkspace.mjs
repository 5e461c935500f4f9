// Generates the demo workspace: a small service in a real git repository with a
// believable history (several authors, ten weeks of commits, release tags, a revert and
// a hotfix), plus the files DX Pulse reads (catalog-info.yaml, .dx/, tasks).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const AUTHORS = [
  ['Priya Raman', 'priya@example.com'],
  ['Tomás Ortega', 'tomas@example.com'],
  ['Mei Lin', 'mei@example.com'],
  ['Jonah Becker', 'jonah@example.com'],
];

const DAY = 86_400_000;

/** A tiny deterministic PRNG, so every demo looks the same apart from its dates. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function write(dir, rel, content) {
  const f = path.join(dir, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, content);
}

const FILES = {
  'package.json': JSON.stringify(
    {
      name: 'payments-api',
      version: '1.0.0',
      private: true,
      scripts: { build: 'node scripts/build.js', test: 'node scripts/test.js', lint: 'node scripts/lint.js' },
      engines: { node: '>=18' },
      dependencies: { express: '^4.19.2', 'left-pad': '1.3.0' },
    },
    null,
    2,
  ) + '\n',
  'README.md': '# payments-api\n\nCharges, refunds and payouts for the storefront.\n\n## Develop\n\n    npm run build\n    npm test\n',
  'Dockerfile': 'FROM node:16-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "src/server.js"]\n',
  '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v3\n      - run: npm test\n',
  'catalog-info.yaml': [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: payments-api',
    '  description: Charges, refunds and payouts',
    '  tags: [node, express, payments]',
    '  links:',
    '    - url: https://platform.example.com/docs/payments-api',
    '      title: Service runbook',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: team-checkout',
    '  system: storefront',
    '',
  ].join('\n'),
  'scripts/build.js': "console.log('built payments-api');\n",
  'scripts/test.js': "console.log('12 passing');\n",
  'scripts/lint.js': "console.error('src/refunds.js:14 unexpected console statement');\nprocess.exit(1);\n",
  '.vscode/tasks.json': JSON.stringify(
    {
      version: '2.0.0',
      tasks: [
        { label: 'build', type: 'shell', command: 'node scripts/build.js', group: 'build', problemMatcher: [] },
        { label: 'test', type: 'shell', command: 'node scripts/test.js', group: 'test', problemMatcher: [] },
        { label: 'lint (fails)', type: 'shell', command: 'node scripts/lint.js', group: 'build', problemMatcher: [] },
      ],
    },
    null,
    2,
  ) + '\n',
};

const CHANGES = ['src/charges.js', 'src/refunds.js', 'src/payouts.js', 'src/server.js', 'src/webhooks.js'];
const MESSAGES = ['Add idempotency keys to charges', 'Retry payouts on 503', 'Log refund reasons', 'Validate webhook signatures', 'Tidy error responses', 'Speed up charge lookup', 'Handle partial refunds', 'Add payout batching', 'Bump timeouts for the bank API', 'Fix currency rounding'];

/** Creates the workspace at `dir` (emptied first) and returns its path. */
export function createDemoWorkspace(dir, { now = Date.now(), weeks = 10 } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const git = (args, env = {}) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Demo Developer']);
  git(['config', 'user.email', 'new.hire@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  git(['remote', 'add', 'origin', 'git@github.com:example-org/payments-api.git']);

  const rand = rng(42);
  let t = now - weeks * 7 * DAY;
  let n = 0;
  let release = 0;
  const commit = (msg, [name, email], when, files) => {
    for (const [rel, content] of Object.entries(files)) write(dir, rel, content);
    git(['add', '-A']);
    const date = new Date(when).toISOString();
    git(['commit', '-q', '-m', msg], { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: date });
  };
  const tag = (name, when) => {
    const date = new Date(when).toISOString();
    git(['tag', '-a', name, '-m', `Release ${name}`], { GIT_COMMITTER_DATE: date, GIT_COMMITTER_NAME: 'Release Bot', GIT_COMMITTER_EMAIL: 'release-bot@example.com' });
  };

  commit('Initial service skeleton', AUTHORS[0], t, { ...FILES, 'src/server.js': '// payments-api\n' });
  while (t < now - DAY) {
    t += (0.3 + rand() * 0.9) * DAY;
    if (t >= now - DAY) break;
    const file = CHANGES[Math.floor(rand() * CHANGES.length)];
    n += 1;
    commit(MESSAGES[n % MESSAGES.length], AUTHORS[Math.floor(rand() * AUTHORS.length)], t, { [file]: `// change ${n}\n` });
    // Releases: roughly twice a week, tagged v1.<n>.0 a few hours after the last commit.
    if (rand() < 0.33) {
      release += 1;
      const tagTime = t + (1 + rand() * 20) * 3_600_000;
      tag(`v1.${release}.0`, Math.min(tagTime, now - 60_000));
      // Every so often a release breaks and is reverted, then fixed by a hotfix tag.
      if (release % 5 === 0) {
        t = tagTime + 2 * 3_600_000;
        commit(`Revert "${MESSAGES[n % MESSAGES.length]}"`, AUTHORS[1], t, { [file]: `// reverted ${n}\n` });
        tag(`v1.${release}.1-hotfix`, t + 3_600_000);
      }
    }
  }
  return dir;
}
