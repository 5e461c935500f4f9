// Generates the demo workspace: a small service in a real git repository with a
// believable history (several authors, ten weeks of commits, release tags, a revert and
// a hotfix), plus the files DX Pulse reads (catalog-info.yaml, .dx/, tasks).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
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

// The onboarding checklist the demo ships: the extension's own example (media/), which
// docs/onboarding.md shows and "Edit Onboarding Checklist" starts a repository's file from.
export const DEMO_ONBOARDING_YAML = fs.readFileSync(fileURLToPath(new URL('../../media/onboarding-example.yaml', import.meta.url)), 'utf8');

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
  // Surveys the demo can show: `DX Pulse: Take a Survey` answers one on demand.
  '.dx/pulse.yaml': [
    // The platform's docs feed, as a file in the repo (see demoDocsFeed below).
    'docs:',
    '  sources:',
    '    - { type: feed, url: .dx/platform-feed.json }',
    '  links:',
    '    - { title: Payments on-call handbook, url: https://platform.example.com/docs/payments-oncall }',
    'surveys:',
    '  - template: platform-nps',
    '    subject: the Acme developer platform',
    '  - template: dx-quarterly',
    '  - template: friday-deploy-confidence',
    '    trigger: { on: buildSucceeded, count: 3 }',
    '',
  ].join('\n'),
  'scripts/build.js': "console.log('built payments-api');\n",
  '.dx/onboarding.yaml': DEMO_ONBOARDING_YAML,
  '.env.example': '# Copy to .env and fill in from the team vault (never commit .env).\nPORT=3000\nDATABASE_URL=postgres://localhost:5432/payments\nSTRIPE_API_KEY=\nWEBHOOK_SECRET=\n',
  '.gitignore': 'node_modules/\n.env\n',
  'docs/runbook.md': '# payments-api runbook\n\n## Deploy\n\nMerges to `main` deploy to staging; a `v*` tag deploys to production.\n\n## Roll back\n\nRe-deploy the previous tag, then open a hotfix branch.\n\n## On call\n\nPages go to #payments-oncall. Dashboards: charges, refunds, payouts.\n',
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

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * The platform docs feed the demo reads from `.dx/platform-feed.json` (no network
 * needed). Three entries affect this repo (Dockerfile node:16-alpine, left-pad 1.3.0,
 * actions/checkout@v3); dates are relative to `now` so the countdowns look real.
 */
export function demoDocsFeed(now) {
  const day = (n) => isoDay(now + n * DAY);
  return {
    entries: [
      {
        id: 'demo-node16-images',
        title: 'Node 16 base images are deprecated',
        kind: 'changelog',
        type: 'deprecation',
        summary: 'Node 16 is end-of-life; the platform stops building node:16 images.',
        url: 'https://platform.example.com/changelog/node16',
        migrationUrl: 'https://platform.example.com/docs/migrate-node-20',
        migration: '1. Change `FROM node:16-alpine` to `FROM node:20-alpine` in your `Dockerfile`.\n2. Run `npm test` locally and push.\n\nQuestions? Ask in **#platform-help**.',
        publishedAt: day(-21),
        removalDate: day(12),
        tags: { images: ['node'], languages: ['javascript', 'typescript'] },
        affects: [{ image: 'node', tags: '<18' }],
      },
      {
        id: 'demo-checkout-v4',
        title: 'actions/checkout below v4 stops working on our runners',
        kind: 'changelog',
        type: 'breaking',
        summary: 'The self-hosted runners move to Node 20; checkout v3 runs on Node 16.',
        publishedAt: day(-20),
        removalDate: day(25),
        migration: 'Replace `actions/checkout@v3` with `actions/checkout@v4` in `.github/workflows/*.yml`.',
        tags: { actions: ['actions/checkout'], tools: ['github-actions'] },
        affects: [{ action: 'actions/checkout', versions: '<v4' }],
      },
      {
        id: 'demo-left-pad',
        title: 'left-pad below 2.0 is deprecated',
        kind: 'changelog',
        type: 'deprecation',
        summary: 'The package is unmaintained and will be blocked by the registry proxy.',
        publishedAt: day(-10),
        removalDate: day(40),
        migration: 'Replace `leftPad(s, n)` with `String(s).padStart(n)` and remove the dependency.',
        tags: { dependencies: ['left-pad'] },
        affects: [{ dependency: 'left-pad', versions: '<2.0.0' }],
      },
      {
        id: 'demo-python2',
        title: 'The build image no longer ships Python 2',
        kind: 'changelog',
        type: 'breaking',
        publishedAt: day(-5),
        tags: { languages: ['python'] },
      },
      {
        id: 'demo-preview-envs',
        title: 'Preview environments for every pull request',
        kind: 'changelog',
        type: 'feature',
        summary: 'Every pull request of a storefront service gets its own preview URL.',
        body: 'Open a pull request and the **preview** link appears as a check. See [the guide](https://platform.example.com/docs/previews).',
        url: 'https://platform.example.com/changelog/previews',
        publishedAt: day(-2),
        tags: { services: ['storefront'], tools: ['github-actions'] },
      },
      {
        id: 'demo-npm-cache',
        title: 'Speeding up npm builds with the shared cache',
        kind: 'doc',
        summary: 'Point npm at the platform cache: builds install in seconds.',
        url: 'https://platform.example.com/docs/npm-cache',
        tags: { tools: ['npm', 'node'] },
      },
      {
        id: 'demo-express-hardening',
        title: 'Hardening Express services',
        kind: 'doc',
        summary: 'Helmet, timeouts and body limits the platform expects of every Express app.',
        body: '1. `app.use(helmet())`\n2. Limit bodies: `express.json({ limit: \'100kb\' })`\n3. Set `server.requestTimeout`.',
        tags: { dependencies: ['express'] },
      },
      {
        id: 'demo-welcome',
        title: 'Welcome to the Acme developer platform',
        kind: 'doc',
        url: 'https://platform.example.com/docs/welcome',
      },
      {
        id: 'demo-go-modules',
        title: 'Go module proxy settings',
        kind: 'doc',
        url: 'https://platform.example.com/docs/go-proxy',
        tags: { languages: ['go'] },
      },
    ],
  };
}

const CHANGES = ['src/charges.js', 'src/refunds.js', 'src/payouts.js', 'src/server.js', 'src/webhooks.js'];
const MESSAGES = ['Add idempotency keys to charges', 'Retry payouts on 503', 'Log refund reasons', 'Validate webhook signatures', 'Tidy error responses', 'Speed up charge lookup', 'Handle partial refunds', 'Add payout batching', 'Bump timeouts for the bank API', 'Fix currency rounding'];

/** Creates the workspace at `dir` (emptied first) and returns its path. */
// The history is written in a scratch "team" repository, then cloned, so the workspace is
// what a new hire gets: a fresh clone (its reflog starts with the clone, and DX Pulse
// times its set-up from there), with the team's commits, tags and dates.
export function createDemoWorkspace(dir, { now = Date.now(), weeks = 10 } = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  const team = `${dir}.team`;
  fs.rmSync(team, { recursive: true, force: true });
  fs.mkdirSync(team, { recursive: true });
  writeTeamHistory(team, now, weeks);
  execFileSync('git', ['clone', '-q', '--no-local', team, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  fs.rmSync(team, { recursive: true, force: true });
  const git = (args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  git(['remote', 'set-url', 'origin', 'git@github.com:example-org/payments-api.git']);
  git(['config', 'user.name', 'Demo Developer']);
  git(['config', 'user.email', 'new.hire@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  return dir;
}

function writeTeamHistory(dir, now, weeks) {
  const git = (args, env = {}) => execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  git(['init', '-q', '-b', 'main']);
  git(['config', 'commit.gpgsign', 'false']);
  git(['config', 'tag.gpgsign', 'false']);

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

  commit('Initial service skeleton', AUTHORS[0], t, { ...FILES, '.dx/platform-feed.json': JSON.stringify(demoDocsFeed(now), null, 2) + '\n', 'src/server.js': '// payments-api\n' });
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
}
