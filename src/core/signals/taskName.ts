/**
 * A task's label as it may leave the machine. VS Code names detected tasks after their
 * folder or file ("npm: test - services/billing", "tsc: build - packages/api/tsconfig.json"),
 * so the part after " - " goes, and so does any word that is a path, a file or a URL.
 */
export function shareableTaskName(name: string): string {
  const head = name.split(' - ')[0] ?? '';
  const words = head
    .split(/\s+/)
    .filter((w) => w && !/[\\/]|^[a-z]+:\/\/|^~|\.[A-Za-z0-9]{1,8}$/i.test(w) && !(w.length >= 20 && /\d/.test(w) && /[A-Za-z]/.test(w)));
  const label = words.join(' ').slice(0, 80).trim();
  return label || 'task';
}
