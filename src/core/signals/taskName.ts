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
