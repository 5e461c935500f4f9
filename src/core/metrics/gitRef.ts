// Branch names that reach `git` as arguments come from settings and repository files,
// so they are checked here before any git process sees them. The rules are git's own
// (`git check-ref-format --branch`), plus the one that matters most for safety: nothing
// that starts with `-`, which git would read as an option (`--output=FILE` makes
// `git log` write a file). The git calls also put `--end-of-options` before every ref.

// eslint-disable-next-line no-control-regex -- control characters are exactly what git refuses
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

/** Why `name` is not a usable branch name, or undefined when it is. Linear in its length. */
export function branchNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a branch name cannot be empty';
  if (name.length > 255) return 'a branch name is at most 255 characters';
  if (name.startsWith('-')) return 'a branch name cannot start with "-" (git would read it as an option)';
  if (FORBIDDEN.test(name)) return 'a branch name cannot contain spaces, control characters or any of ~ ^ : ? * [ \\';
  if (name.includes('..')) return 'a branch name cannot contain ".."';
  if (name.includes('@{') || name === '@') return 'a branch name cannot be "@" or contain "@{"';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'a branch name cannot start or end with "/" or contain "//"';
  if (name.endsWith('.')) return 'a branch name cannot end with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return 'no part of a branch name can start with "."';
    if (part.endsWith('.lock')) return 'no part of a branch name can end with ".lock"';
  }
  return undefined;
}

export function isValidBranchName(name: string): boolean {
  return branchNameProblem(name) === undefined;
}
