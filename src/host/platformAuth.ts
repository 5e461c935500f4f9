import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { Disposable, Emitter } from '../core/common/lifecycle';
import { credentialScope } from '../core/common/urls';
import { envTokenFor } from '../core/platform/envToken';

const TOKEN_PREFIX = 'dxPulse.platform.token:';
/** One credential for whatever URL it named; read once to move it under its URL's key. */
const LEGACY_KEY = 'dxPulse.platform.credentials';
const Legacy = z.object({ url: z.string(), token: z.string() });

/**
 * Platform tokens, kept in VS Code's SecretStorage (never in settings or logs), one per
 * platform URL (origin and path). A token is only ever sent to the URL it was given for,
 * so pointing DX Pulse at another URL, or a path beside it, finds no token to send.
 */
export class PlatformAuth extends Disposable {
  private readonly _onDidChange = this._register(new Emitter<void>());
  readonly onDidChange = this._onDidChange.event;
  private _migrated: Promise<void> | undefined;

  constructor(
    private readonly _secrets: vscode.SecretStorage,
    /**
     * DX_PULSE_PLATFORM_TOKEN with DX_PULSE_PLATFORM_TOKEN_URL: a token for exactly that URL
     * from the editor's environment (`npm run demo`, a dev container), used when
     * SecretStorage has none for it. Bound to its URL like a stored token.
     */
    private readonly _env: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    super();
    // Another window signing in or out changes the secret for this one too.
    this._register(_secrets.onDidChange((e) => e.key.startsWith(TOKEN_PREFIX) && this._onDidChange.fire()));
  }

  /** The token given for exactly this URL, or undefined. */
  async getToken(url: string | undefined): Promise<string | undefined> {
    const scope = url ? credentialScope(url) : undefined;
    if (!scope) return undefined;
    await (this._migrated ??= this._migrate());
    return (await this._secrets.get(TOKEN_PREFIX + scope)) || this._envToken(scope);
  }

  private _envToken(scope: string): string | undefined {
    return envTokenFor(scope, this._env);
  }

  async signIn(url: string, token: string): Promise<void> {
    const scope = credentialScope(url);
    if (!scope) throw new Error(`not a platform URL: ${url}`);
    await this._secrets.store(TOKEN_PREFIX + scope, token);
    this._onDidChange.fire();
  }

  /** Removes the token for this URL. */
  async signOut(url: string | undefined): Promise<void> {
    const scope = url ? credentialScope(url) : undefined;
    if (scope) await this._secrets.delete(TOKEN_PREFIX + scope);
    await this._secrets.delete(LEGACY_KEY);
    this._onDidChange.fire();
  }

  private async _migrate(): Promise<void> {
    const raw = await this._secrets.get(LEGACY_KEY);
    if (!raw) return;
    try {
      const parsed = Legacy.safeParse(JSON.parse(raw));
      const scope = parsed.success ? credentialScope(parsed.data.url) : undefined;
      if (parsed.success && scope && !(await this._secrets.get(TOKEN_PREFIX + scope))) await this._secrets.store(TOKEN_PREFIX + scope, parsed.data.token);
    } catch {
      // unreadable: dropped below
    }
    await this._secrets.delete(LEGACY_KEY);
  }
}
