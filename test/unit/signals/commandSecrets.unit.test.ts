import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeEvent } from '../../../src/core/events/kinds';
import { CommandClassifier } from '../../../src/core/signals/commandClassifier';
import { shareableTaskName } from '../../../src/core/signals/taskName';

// Issue #16, item 4: a secret typed or pasted anywhere in a command line, or written into
// a task label, never reaches the recorded event.

const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
const chars = (alphabet: string[], min: number, max: number) => fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
const b64url = [...alnum, '-', '_'];
const upperDigits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');

/** Secrets with a recognisable shape: these must go whatever their position. */
const shapedSecret = fc.oneof(
  chars(alnum, 36, 36).map((s) => `ghp_${s}`),
  chars(alnum, 36, 36).map((s) => `gho_${s}`),
  chars(b64url, 20, 20).map((s) => `glpat-${s}`),
  chars(upperDigits, 16, 16).map((s) => `AKIA${s}`),
  chars([...alnum, '/', '+'], 40, 40), // an AWS secret access key
  fc.tuple(chars(b64url, 10, 40), chars(b64url, 10, 60), chars(b64url, 20, 43)).map(([h, p, s]) => `eyJ${h}.eyJ${p}.${s}`), // a JWT
  chars(alnum, 12, 40).filter((s) => /\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)), // a bare high-entropy word
);

/** A password: anything, so only its position (after `login`, `-p`, `-u`…) gives it away. */
const password = chars([...alnum, '!', '#', '%', '^', '*', '_', '+', '~', '.', ','], 8, 24).filter((s) => /^[A-Za-z0-9]/.test(s));

/** Realistic starts of a command line, before the secret. */
const prefixes = [
  '', 'npm', 'npm run', 'npm run build', 'npx', 'pnpm', 'yarn', 'yarn run', 'git', 'git push', 'git -C', 'docker', 'docker compose', 'docker compose build',
  'make', 'make all', 'mvn clean', 'mvn', './gradlew', 'cargo', 'go', 'go mod', 'python -m', 'python3', 'poetry run', 'bundle exec', 'kubectl',
  'sudo', 'sudo -u', 'sudo -E', 'env', 'env FOO=1', 'time', 'FOO=bar', 'export TOKEN=x;', 'cd /tmp &&', 'echo hi |', 'curl -H', 'mytool',
  'npm --prefix', 'docker -H', 'helm', 'terraform', 'aws', 'gh auth',
];
const credentialContexts = [
  'docker login', 'docker login -u', 'docker login -u alice -p', 'npm login', 'npm adduser', 'mytool login', 'make login', 'make all login', 'gh auth login --with-token',
  'docker -p', 'npm --password', 'git --token', 'mvn -P prod -p', 'make --db-password', 'sudo -u', 'sudo -g staff -u', 'doas -u', 'kubectl --token', 'helm --password',
  'yarn run login', 'npm run auth', 'go test --secret', 'cargo -u', 'poetry run token',
];
const suffixes = ['', 'test', 'build --prod', '-v', '&& npm test', '| tee out.log', '; make test', 'install -y', '--', 'run build'];

const wrap = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => `"${s}"`,
  (s) => `'${s}'`,
  (s) => `--token=${s}`,
  (s) => `TOKEN=${s}`,
  (s) => `${s};`,
  (s) => `./${s}`,
  (s) => `/home/me/${s}`,
  (s) => `${s}.sh`,
  (s) => `${s}:${s}`,
);

function recordedTerminalEvent(classifier: CommandClassifier, line: string): string {
  const r = classifier.classify(line);
  if (!r) return '';
  const ev = makeEvent('terminal.commandEnded', { exitCode: 1, command: r.command, category: r.category, durationMs: 10 }, { installId: 'i', sessionId: 's', extensionVersion: '0', clock: { now: () => 0 } });
  return JSON.stringify(ev);
}

const classifiers = [
  new CommandClassifier(),
  // a repository's patterns that try to keep every word
  new CommandClassifier({ patterns: ['docker login * * * *', 'mytool * * * *', 'npm run * * *', 'make * * * *', '* * * * *'].map((pattern) => ({ pattern, category: 'build' as const })) }),
  // the user's own patterns (they may raise the depth, but only with the words they spell out)
  new CommandClassifier({ userPatterns: [{ pattern: 'mytool deploy **', category: 'build' }, { pattern: 'docker login * *', category: 'build' }] }),
];

describe('command redaction (property)', () => {
  it('never records a token-shaped secret, wherever it is on the command line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), shapedSecret, wrap, fc.constantFrom(...suffixes), fc.nat(classifiers.length - 1), (prefix, secret, w, suffix, k) => {
        const classifier = classifiers[k]!;
        const line = [prefix, w(secret), suffix].filter(Boolean).join(' ');
        const ev = recordedTerminalEvent(classifier, line);
        assert.ok(!ev.includes(secret), `${line} -> ${ev}`);
        for (const part of secret.split(/[/+.]/).filter((p) => p.length >= 8)) assert.ok(!ev.includes(part), `${line} -> ${ev} (keeps ${part})`);
      }),
      { numRuns: 3000 },
    );
  });

  it('never records a password or user name after login, a credential flag or sudo -u', () => {
    fc.assert(
      fc.property(fc.constantFrom(...credentialContexts), password, fc.constantFrom(...suffixes), fc.nat(classifiers.length - 1), (context, secret, suffix, k) => {
        const classifier = classifiers[k]!;
        const line = [context, secret, suffix].filter(Boolean).join(' ');
        const r = classifier.classify(line);
        const words = (r?.command ?? '').split(' ');
        assert.ok(!words.includes(secret), `${line} -> ${r?.command}`);
        assert.ok(!recordedTerminalEvent(classifier, line).includes(secret), line);
      }),
      { numRuns: 3000 },
    );
  });

  it('never records a secret as the program itself: unknown programs are "other"', () => {
    fc.assert(
      fc.property(fc.oneof(shapedSecret, password), fc.constantFrom('', 'status', 'push origin', '--help'), (secret, rest) => {
        const r = new CommandClassifier().classify(`${secret} ${rest}`);
        assert.ok(r === undefined || r.command === 'other', `${secret} ${rest} -> ${r?.command}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps ordinary commands as they were', () => {
    const c = new CommandClassifier();
    assert.equal(c.reduce('npm run build:prod'), 'npm run build:prod');
    assert.equal(c.reduce('./gradlew connectedAndroidTest'), 'gradlew connectedAndroidTest');
    assert.equal(c.reduce('cargo build --target x86_64-unknown-linux-gnu'), 'cargo build');
    assert.equal(c.reduce('npm run test:e2e'), 'npm run test:e2e');
  });
});

describe('task label redaction (property)', () => {
  const labelTemplates: ((s: string) => string)[] = [
    (s) => s,
    (s) => `deploy ${s}`,
    (s) => `deploy --password=${s}`,
    (s) => `deploy --password ${s}`,
    (s) => `deploy -p ${s} now`,
    (s) => `login alice ${s}`,
    (s) => `npm: run ${s} - services/api`,
    (s) => `run "${s}"`,
    (s) => `seed db token ${s}`,
    (s) => `sync (${s})`,
    (s) => `API_KEY=${s} deploy`,
    (s) => `publish --otp ${s}`,
  ];

  it('never keeps a token-shaped secret in a task label', () => {
    fc.assert(
      fc.property(fc.constantFrom(...labelTemplates), shapedSecret, (t, secret) => {
        const label = shareableTaskName(t(secret));
        assert.ok(!label.includes(secret), `${t(secret)} -> ${label}`);
        for (const part of secret.split(/[/+.]/).filter((p) => p.length >= 8)) assert.ok(!label.includes(part), `${t(secret)} -> ${label}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('never keeps a password written after a credential word or flag in a task label', () => {
    const after = labelTemplates.slice(2, 6).concat(labelTemplates.slice(8, 9), labelTemplates.slice(10));
    fc.assert(
      fc.property(fc.constantFrom(...after), password, (t, secret) => {
        const label = shareableTaskName(t(secret));
        assert.ok(!label.split(' ').includes(secret) && !label.includes(secret), `${t(secret)} -> ${label}`);
      }),
      { numRuns: 2000 },
    );
  });
});
