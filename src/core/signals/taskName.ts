import { isSecretFlag, isSecretKeyword, looksLikeSecret } from '../privacy/secretWords';

/**
 * A task's label as it may leave the machine. VS Code names detected tasks after their
 * folder or file ("npm: test - services/billing", "tsc: build - packages/api/tsconfig.json"),
 * so the part after " - " goes, and so does any word that is a path, a file, a URL, a flag,
 * an assignment, an address or token-like; a label is written by hand as often as not
 * ("deploy --password=…", "login alice hunter2"), so nothing after a credential word or
 * flag is kept either.
 */
export function shareableTaskName(name: string): string {
  const head = name.split(' - ')[0] ?? '';
  const kept: string[] = [];
  const words = head.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const bare = w.replace(/^[("'`]+|[)"'`,;]+$/g, '');
    if (isSecretFlag(bare)) break;
    if (isSecretKeyword(bare.replace(/:$/, ''))) {
      kept.push(bare);
      break;
    }
    if (/^-/.test(bare) || /[=@\\/]|^[a-z]+:\/\/|^~|\.[A-Za-z0-9]{1,8}$/i.test(bare) || looksLikeSecret(bare) || /["'`]/.test(w)) continue;
    kept.push(w);
  }
  const label = kept.join(' ').slice(0, 80).trim();
  return label || 'task';
}

/** What a task runs, as far as the editor says: its shell or process command line, and its task definition. */
export interface TaskRun {
  readonly commandLine?: string;
  /** `task.definition.type`, e.g. 'npm', 'shell', 'typescript'. */
  readonly type?: string;
  /** `task.definition.script` of an npm task. */
  readonly script?: string;
  /** `task.definition.tsconfig` of a TypeScript task. */
  readonly tsconfig?: string;
}

/**
 * The command line a task runs, for matching docs to its tools when it keeps failing
 * (docs/docs-and-changelog.md: the stuck offer lists docs tagged with the failing
 * command's tools). A task's label says nothing about its tools ("build"), so this
 * looks at what it executes. Used on this machine only: never recorded or sent.
 */
export function taskProgramLine(run: TaskRun): string | undefined {
  const line = run.commandLine?.trim();
  if (line) return line;
  if (run.type === 'npm' && run.script) return `npm run ${run.script}`;
  if (run.type === 'typescript') return 'tsc';
  return undefined;
}
