/** "1 deployment", "3 deployments" (English only, until the strings go through l10n). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
