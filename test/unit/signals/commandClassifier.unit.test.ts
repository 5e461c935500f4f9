import * as assert from 'node:assert/strict';
import { CommandClassifier, categoryForTask, validateCommandPatterns } from '../../../src/core/signals/commandClassifier';
import { DEFAULT_COMMAND_PATTERNS } from '../../../src/core/signals/commandPatterns';

describe('CommandClassifier', () => {
  const c = new CommandClassifier();

  const cases: Array<[string, string | undefined, string]> = [
    ['npm run build -- --prod', 'npm run build', 'build'],
    ['npm run build:prod', 'npm run build:prod', 'build'],
    ['npm test', 'npm test', 'test'],
    ['npm t', 'npm t', 'test'],
    ['npm ci', 'npm ci', 'install'],
    ['npm install --save-dev left-pad', 'npm install', 'install'],
    ['npm i', 'npm i', 'install'],
    ['npm run test:unit -- --grep foo', 'npm run test:unit', 'test'],
    ['npm --prefix packages/api run build', 'npm run build', 'build'],
    ['pnpm install --frozen-lockfile', 'pnpm install', 'install'],
    ['pnpm -C packages/web build', 'pnpm build', 'build'],
    ['pnpm test:e2e', 'pnpm test:e2e', 'test'],
    ['yarn', 'yarn', 'install'],
    ['yarn build', 'yarn build', 'build'],
    ['yarn run test --watch=false', 'yarn run test', 'test'],
    ['bun install', 'bun install', 'install'],
    ['bun test', 'bun test', 'test'],
    ['npx jest --ci', 'npx jest', 'test'],
    ['npx vitest run src/foo.test.ts', 'npx vitest', 'test'],
    ['npx tsc -p .', 'npx tsc', 'build'],
    ['npx @angular/cli build', 'npx @angular/cli', 'other'],
    ['/usr/bin/make -j8 all', 'make all', 'build'],
    ['make', 'make', 'build'],
    ['make test', 'make test', 'test'],
    ['make clean', 'make clean', 'other'],
    ['make -C build/dir install', 'make install', 'build'],
    ['make CFLAGS=-O2 all', 'make all', 'build'],
    ['cargo test --release', 'cargo test', 'test'],
    ['cargo build --release --target x86_64-unknown-linux-gnu', 'cargo build', 'build'],
    ['./gradlew build', 'gradlew build', 'build'],
    ['./gradlew :app:test --info', 'gradlew :app:test', 'test'],
    ['gradlew.bat assemble', 'gradlew assemble', 'build'],
    ['./gradlew connectedAndroidTest', 'gradlew connectedAndroidTest', 'test'],
    ['mvn -q clean install -DskipTests', 'mvn clean install', 'build'],
    ['mvn clean test', 'mvn clean test', 'test'],
    ['mvn -f sub/pom.xml verify', 'mvn verify', 'test'],
    ['./mvnw package', 'mvnw package', 'build'],
    ['docker build -t registry.example.com/team/app:latest .', 'docker build', 'build'],
    ['docker compose build api', 'docker compose build', 'build'],
    ['docker compose up -d', 'docker compose up', 'other'],
    ['docker -H ssh://me@host build .', 'docker build', 'build'],
    ['pytest tests/foo.py', 'pytest', 'test'],
    ['pytest -k "secret and password"', 'pytest', 'test'],
    ['python -m pytest -x', 'python -m pytest', 'test'],
    ['python3 manage.py test', 'python3', 'other'],
    ['python -m pip install -r requirements.txt', 'python -m pip', 'install'],
    ['pip install -r requirements.txt', 'pip install', 'install'],
    ['tox -e py311', 'tox', 'test'],
    ['go test ./...', 'go test', 'test'],
    ['go build -o bin/app ./cmd/app', 'go build', 'build'],
    ['go mod download', 'go mod download', 'install'],
    ['go -C services/api test', 'go test', 'test'],
    ['dotnet test', 'dotnet test', 'test'],
    ['dotnet build -c Release MyApp.sln', 'dotnet build', 'build'],
    ['dotnet restore', 'dotnet restore', 'install'],
    ['bazel test //foo:bar_test', 'bazel test', 'test'],
    ['bazel build //...', 'bazel build', 'build'],
    ['FOO=bar npm test', 'npm test', 'test'],
    ['AWS_SECRET_ACCESS_KEY=abc123 API_TOKEN=xyz npm run deploy', 'npm run deploy', 'other'],
    ['sudo -E apt-get install -y libssl-dev', 'apt-get install', 'install'],
    ['env NODE_ENV=test npm test', 'npm test', 'test'],
    ['time cargo test', 'cargo test', 'test'],
    ['cd packages/api && npm test', 'npm test', 'test'],
    ['npm ci && npm run build && npm test', 'npm test', 'test'],
    ['npm test | tee out.log', 'npm test', 'test'],
    ['ls -la /home/me/secret', 'ls', 'other'],
    ['curl -H "Authorization: Bearer sk_live_abc" https://api.example.com', 'curl', 'other'],
    ['mytool deploy --password hunter2', 'other', 'other'],
    ['./scripts/deploy.sh production', 'other', 'other'],
    ['ghp_1234567890abcdefghijklmnopqrstuvwxyz', 'other', 'other'],
    ['hunter2', 'other', 'other'],
    ['sudo -u alice npm test', 'npm test', 'test'],
    ['sudo -u git ls', 'ls', 'other'],
    ['docker login registry.example.com', 'docker login', 'other'],
    ['docker login -u alice -p hunter2', 'docker login', 'other'],
    ['make login hunter2', 'make login', 'build'],
    ['npm --otp 123456 publish', 'npm publish', 'other'],
    ['npm --password hunter2 publish', 'npm publish', 'other'],
    ['npm run aB3dE5fG7hJ9kL', 'npm run', 'other'],
    ['git -C /tmp/x status', 'git status', 'other'],
    ['git push https://user:token@github.com/x/y.git', 'git push', 'other'],
    ['npm run ghp_1234567890abcdefghijklmnopqrstuv', 'npm run', 'other'],
    ['node dist/server.js --port 8080', 'node', 'other'],
    ['C:\\tools\\npm.cmd run build', 'npm run build', 'build'],
    ['"npm" "test"', 'npm test', 'test'],
    ['', undefined, ''],
    ['   ', undefined, ''],
    ['FOO=bar', undefined, ''],
    ['&& ||', undefined, ''],
    ['/', undefined, ''],
  ];

  for (const [line, command, category] of cases) {
    it(`reduces ${JSON.stringify(line)} to ${JSON.stringify(command)}${category ? ` (${category})` : ''}`, () => {
      const r = c.classify(line);
      assert.equal(r?.command, command);
      if (command !== undefined) assert.equal(r?.category, category);
    });
  }

  it('never keeps anything that is not the program or a subcommand word', () => {
    const secretish = ['hunter2', 'sk_live_abc', '/home', 'token', 'example.com', '8080', 'requirements.txt', 'MyApp.sln', 'abc123'];
    for (const [line] of cases) {
      const r = c.reduce(line) ?? '';
      for (const s of secretish) assert.ok(!r.includes(s), `${line} -> ${r}`);
    }
  });

  it('lets the user\'s own patterns win over the defaults and keep a subcommand for a new program', () => {
    const { patterns, problems } = validateCommandPatterns([
      { pattern: 'mytool deploy', category: 'build' },
      { pattern: 'npm run e2e*', category: 'other' },
    ]);
    assert.deepEqual(problems, []);
    const custom = new CommandClassifier({ patterns, userPatterns: patterns });
    assert.deepEqual(custom.classify('mytool deploy --password hunter2'), { command: 'mytool deploy', category: 'build' });
    assert.equal(custom.classify('npm run e2e:ci')?.category, 'other');
    assert.equal(custom.classify('npm test')?.category, 'test');
  });

  it('lets a repository\'s patterns classify and name a program, never keep more of what was typed', () => {
    // `.dx/pulse.yaml` with `docker login * * * *` used to record the password
    const repo = new CommandClassifier({ patterns: [{ pattern: 'docker login * * * *', category: 'build' }, { pattern: 'acme build', category: 'build' }] });
    assert.deepEqual(repo.classify('docker login -u alice registry.example.com alice hunter2'), { command: 'docker login', category: 'other' });
    assert.deepEqual(repo.classify('docker login registry alice hunter2 extra'), { command: 'docker login', category: 'other' });
    assert.deepEqual(repo.classify('acme build --prod'), { command: 'acme', category: 'build' });
    assert.deepEqual(repo.classify('acme secret-name'), { command: 'acme', category: 'other' });
    // even the user's own wildcards keep only the words the pattern spells out
    const own = new CommandClassifier({ userPatterns: [{ pattern: 'docker login * * * *', category: 'build' }] });
    assert.equal(own.reduce('docker login registry alice hunter2 extra'), 'docker login');
    const literal = new CommandClassifier({ userPatterns: [{ pattern: 'mytool deploy', category: 'build' }] });
    assert.equal(literal.reduce('mytool deploy --prod'), 'mytool deploy');
    assert.equal(literal.reduce('mytool hunter2'), 'mytool', 'a word the pattern does not spell out is not kept');
    const deep = new CommandClassifier({ userPatterns: [{ pattern: 'mytool login hunter2', category: 'build' }] });
    assert.equal(deep.reduce('mytool login hunter2'), 'mytool login', 'nothing is kept past a credential word either');
  });

  it('matches a pattern that spells a path to the program (as the docs\' ./scripts/ci ** does) by the program\'s name', () => {
    const v = validateCommandPatterns([{ pattern: './scripts/ci **', category: 'test' }, { pattern: './ **', category: 'build' }]);
    assert.deepEqual(v.patterns, [{ pattern: 'ci **', category: 'test' }]);
    assert.match(v.problems[0]!, /"\.\/" does not end in a program name/);
    const c = new CommandClassifier({ patterns: v.patterns });
    assert.deepEqual(c.classify('./scripts/ci run all'), { command: 'ci', category: 'test' });
    assert.deepEqual(c.classify('scripts/ci'), { command: 'ci', category: 'test' });
  });

  it('uses only the user patterns when told to replace the defaults', () => {
    const custom = new CommandClassifier({ patterns: [{ pattern: 'just **', category: 'test' }], replaceDefaults: true });
    assert.equal(custom.classify('npm test')?.category, 'other');
    assert.equal(custom.categoryOf('just'), 'test');
    assert.equal(custom.categoryOf('just ci lint'), 'test');
  });

  it('reports invalid user patterns instead of throwing, and keeps the valid ones', () => {
    const r = validateCommandPatterns([
      { pattern: 'ok build', category: 'build' },
      { pattern: '', category: 'build' },
      { pattern: 'x', category: 'deploy' },
      'npm test',
      { pattern: '** npm', category: 'test' },
      { pattern: 'npm $(rm -rf)', category: 'test' },
    ]);
    assert.deepEqual(r.patterns, [{ pattern: 'ok build', category: 'build' }]);
    assert.equal(r.problems.length, 5);
    assert.match(r.problems[0]!, /#2/);
    assert.deepEqual(validateCommandPatterns({ pattern: 'x' }).patterns, []);
    assert.equal(validateCommandPatterns({ pattern: 'x' }).problems.length, 1);
    assert.deepEqual(validateCommandPatterns(undefined), { patterns: [], problems: [] });
  });

  it('has only valid default patterns', () => {
    assert.deepEqual(validateCommandPatterns(DEFAULT_COMMAND_PATTERNS).problems, []);
  });

  it('does not choke on a huge or unbalanced command line', () => {
    assert.equal(c.reduce('npm test "unterminated'), 'npm test');
    assert.equal(c.reduce('x'.repeat(20_000)), undefined);
  });
});

describe('categoryForTask', () => {
  const c = new CommandClassifier();
  it('trusts the task group first', () => {
    assert.equal(categoryForTask('test', 'npm run build', c), 'test');
    assert.equal(categoryForTask('build', undefined, c), 'build');
    assert.equal(categoryForTask('clean', 'make clean', c), 'other');
  });
  it('falls back to the command line when the task has no group', () => {
    assert.equal(categoryForTask(undefined, 'npm ci', c), 'install');
    assert.equal(categoryForTask('none', 'cargo test', c), 'test');
    assert.equal(categoryForTask(undefined, undefined, c), 'other');
  });
});
