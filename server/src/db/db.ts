// The one way the server reaches its database. Two implementations run the same SQL:
// PGlite (embedded PostgreSQL in WASM, one connection) and node-postgres (a pool on a
// PostgreSQL server). Every statement takes its values as $n parameters, never spliced.

export interface Rows<T> {
  readonly rows: T[];
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Rows<T>>;
  /** Several statements without parameters (migration files). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The database could not be reached (or is restarting): the caller answers 503, never 400. */
export class DbUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DbUnavailableError';
  }
}

// Connection-level failures (node errors and PostgreSQL SQLSTATE classes 08 and 57P),
// as opposed to a statement the database refused.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);

export function isUnavailable(e: unknown): boolean {
  if (e instanceof DbUnavailableError) return true;
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Cannot use a pool after calling end|PGlite is clos(ed|ing)/i.test(e.message);
}

/** Rethrows connection failures as DbUnavailableError so routes can tell them apart. */
export function classify(e: unknown): never {
  throw isUnavailable(e) ? new DbUnavailableError(e) : e;
}
