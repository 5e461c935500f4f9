/**
 * The git questions DX Pulse asks about one repository. Each is answered by git itself with
 * one precise command (see src/host/gitQueries.ts), never by walking history in JS, so it
 * stays fast on repositories with 100k+ commits.
 */
export interface GitQueries {
  /** The configured `user.email`, if any. */
  userEmail(): Promise<string | undefined>;
  /** The oldest commit on any ref authored by exactly this email, committed at or after `since`. */
  firstCommitBy(email: string, since?: Date): Promise<{ hash: string; time: Date } | undefined>;
  /** Whether any ref holds a commit authored by exactly this email. */
  hasCommitBy(email: string): Promise<boolean>;
}
