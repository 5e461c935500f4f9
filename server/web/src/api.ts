// Every call the dashboard makes: same-origin fetches with the session cookie; changes
// carry the session's CSRF token in a header.

export interface Session {
  signedIn: boolean;
  label?: string;
  role?: 'admin' | 'viewer';
  teams?: string[] | null;
  visibleTeams?: string[];
  csrf: string;
  minGroup?: number;
  /** The sign-in page offers the identity provider. */
  oidc?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf = '';
export const setCsrf = (t: string) => {
  csrf = t;
};

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : undefined;
  // The session ended (expired, signed out elsewhere, token revoked): back to sign-in.
  if (r.status === 401 && !path.startsWith('/auth/')) location.reload();
  if (!r.ok) throw new ApiError(r.status, json?.error?.message ?? `${r.status}`);
  return json as T;
}

export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
