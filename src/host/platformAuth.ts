import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Disposable, Emitter } from '../core/common/lifecycle';

const TOKEN_KEY = 'dxPulse.platform.credentials';
const Stored = z.object({ url: z.string(), token: z.string() });

/**
 * The platform token, kept in VS Code's SecretStorage (never in settings or logs), with
 * the URL it was given for: it is only ever sent there, so a repo file that points the
 * platform elsewhere cannot collect it.
 */
export class PlatformAuth extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly _secrets: vscode.SecretStorage) {
    super();
    // Another window signing in or out changes the secret for this one too.
    this._register(_secrets.onDidChange((e) => e.key === TOKEN_KEY && this._onDidChange.fire()));
  }

  /** The token for `url`, or undefined when signed out or signed in to another URL. */
  async getToken(url: string | undefined): Promise<string | undefined> {
    const stored = await this._read();
    return stored && url && sameOrigin(stored.url, url) ? stored.token : undefined;
  }

  /** The URL the stored token was given for. */
  async signedInUrl(): Promise<string | undefined> {
    return (await this._read())?.url;
  }

  async signIn(url: string, token: string): Promise<void> {
    await this._secrets.store(TOKEN_KEY, JSON.stringify({ url, token }));
    this._onDidChange.fire();
  }

  async signOut(): Promise<void> {
    await this._secrets.delete(TOKEN_KEY);
    this._onDidChange.fire();
  }

  private async _read(): Promise<z.infer<typeof Stored> | undefined> {
    const raw = await this._secrets.get(TOKEN_KEY);
    if (!raw) return undefined;
    try {
      const parsed = Stored.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Same scheme, host and port, and `b`'s path under `a`'s. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    return ua.origin === ub.origin && ub.pathname.replace(/\/+$/, '').startsWith(ua.pathname.replace(/\/+$/, ''));
  } catch {
    return false;
  }
}
