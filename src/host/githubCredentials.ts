import * as vscode from 'vscode';
import * as z from 'zod/mini';
import { errorMessage, type Log } from '../core/common/log';
import { plainText } from '../core/common/plainText';
import { credentialScope, isWithinScope } from '../core/common/urls';

const GITHUB_TOKEN_KEY = 'dxPulse.github.token';
const SavedToken = z.object({ url: z.string(), token: z.string() });

/**
 * GitHub credentials for the deploy metrics: VS Code's GitHub sign-in for github.com, or
 * a token the developer pasted for one GitHub Enterprise API URL, in secret storage.
 */
export class GitHubCredentials {
  constructor(private readonly _secrets: vscode.SecretStorage, private readonly _log: Log) {}

  /**
   * A token for `apiUrl`, never for another origin: VS Code's GitHub sign-in only for
   * https://api.github.com (not http, not another port), a saved token only for the API
   * URL it was saved for. A repo file that points githubApiUrl elsewhere gets no token.
   */
  async token(apiUrl: string, required: boolean): Promise<string | undefined> {
    if (isGitHubDotCom(apiUrl)) {
      try {
        const session = await vscode.authentication.getSession('github', ['repo'], { silent: true });
        if (session) return session.accessToken;
      } catch (e) {
        if (required) this._log.info(`no GitHub authentication provider here: ${errorMessage(e)}`);
      }
    }
    const saved = SavedToken.safeParse(safeJson(await this._secrets.get(GITHUB_TOKEN_KEY)));
    return saved.success && isWithinScope(saved.data.url, apiUrl) ? saved.data.token : undefined;
  }

  /** "DX Pulse: Connect GitHub". Resolves true when there is a new credential. */
  async connect(apiUrl: string): Promise<boolean> {
    if (isGitHubDotCom(apiUrl)) {
      try {
        if (await vscode.authentication.getSession('github', ['repo'], { createIfNone: true })) return true;
      } catch (e) {
        this._log.info(`GitHub sign-in unavailable, asking for a token instead: ${errorMessage(e)}`);
      }
    }
    const token = await vscode.window.showInputBox({ title: vscode.l10n.t('DX Pulse: Connect GitHub'), prompt: vscode.l10n.t('A token with read access to deployments, for {0} only (kept in VS Code’s secret storage).', plainText(apiUrl)), password: true, ignoreFocusOut: true });
    if (!token) return false;
    await this._secrets.store(GITHUB_TOKEN_KEY, JSON.stringify({ url: apiUrl, token: token.trim() }));
    return true;
  }
}

function safeJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function isGitHubDotCom(apiUrl: string): boolean {
  return credentialScope(apiUrl) === 'https://api.github.com';
}
