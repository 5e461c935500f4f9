// Word checks shared by everything that keeps words a developer typed (terminal commands,
// task labels). They err on the side of dropping a word: a lost subcommand costs a little
// detail, a kept token costs a leaked credential.

/** Prefixes of well-known credential formats (GitHub, GitLab, Slack, Stripe, AWS, npm, Google, JWT, PEM). */
const TOKEN_PREFIX = /^(?:gh[pousr]_|github_pat_|glpat-|gl(?:ptt|dt|rt|cbt|soat|ft|imt|agent)-|xox[abposr]-|xapp-|sk_(?:live|test)_|rk_(?:live|test)_|sk-|AKIA|ASIA|AGPA|AIDA|AROA|npm_|pypi-|AIza|ya29\.|eyJ|-----BEGIN)/;

/**
 * Words after which the next words are credentials or user names: `docker login me pw`,
 * `mytool auth token`, `deploy password hunter2`.
 */
const SECRET_KEYWORD = /^(?:login|logon|signin|sign-in|auth|authenticate|adduser|useradd|passwd|password|passphrase|pass|pwd|token|secret|secrets|credential|credentials|apikey|api-key|api_key|otp|totp|key)$/i;

/** Flags whose value is a credential or an identity, for any program. */
const SECRET_FLAG = /^--?(?:p|u|U|password|passwd|pass|passphrase|pwd|token|auth|auth-token|authtoken|api-key|apikey|key|secret|otp|user|username|login|identity|i|credentials?|client-secret|access-key|secret-key)$/;

/** True for a word that must not be kept: a known token format, or high-entropy text. */
export function looksLikeSecret(word: string): boolean {
  if (TOKEN_PREFIX.test(word)) return true;
  // 32+ characters of the base64 alphabet with no separator: a key, even a degenerate one
  // (an AWS secret of capitals and `+` has no digits or case flips to give it away).
  if (word.length >= 32 && /^[A-Za-z0-9+/=]+$/.test(word)) return true;
  // Judge each part between separators: `build:prod` is two plain words, `x9Fq2...` is not.
  for (const part of word.split(/[:._\-/+=@]+/)) {
    if (part.length < 10) continue;
    const letters = /[A-Za-z]/.test(part);
    const digits = /\d/.test(part);
    // random alphanumerics: long runs that mix letters and digits
    if (letters && digits) return true;
    // long digit runs (account numbers, PINs, OTP seeds)
    if (!letters && digits) return true;
    // letters only, but with case flips a word never has (camelCase flips rarely)
    if (part.length >= 16 && caseFlips(part) >= Math.max(6, part.length / 3)) return true;
  }
  return false;
}

function caseFlips(s: string): number {
  let flips = 0;
  for (let i = 1; i < s.length; i++) {
    const a = s[i - 1]!;
    const b = s[i]!;
    if ((a >= 'a' && a <= 'z' && b >= 'A' && b <= 'Z') || (a >= 'A' && a <= 'Z' && b >= 'a' && b <= 'z')) flips++;
  }
  return flips;
}

/** True for a word after which nothing more is kept (`login`, `password`, `token`, …). */
export function isSecretKeyword(word: string): boolean {
  return SECRET_KEYWORD.test(word);
}

/**
 * True for a flag whose value is the next word and a credential or a user name (`-u`,
 * `--password`, `--db-password`). A flag that carries its value (`--token=…`) is one word.
 */
export function isSecretFlag(word: string): boolean {
  if (word.includes('=')) return false;
  return SECRET_FLAG.test(word) || /^--?[\w-]*(?:pass|token|secret|apikey|api-key|auth|cred)/i.test(word);
}
