import * as vscode from 'vscode';
import { SETTINGS } from '../core/config/settingKeys';
import { repoIdentity } from '../core/privacy/repoIdentity';

/**
 * The repo id every event and platform request uses, salted with the organization's
 * `dxPulse.privacy.repoIdSalt`. The setting has application scope, so a repository's
 * `.vscode/settings.json` cannot set it; an invalid value counts as no salt.
 */
export function hostRepoIdentity(normalizedRemote: string, shareNames: boolean): { id: string; hashed: boolean } {
  return repoIdentity(normalizedRemote, shareNames, hostRepoIdSalt());
}

/** The organization's salt (`dxPulse.privacy.repoIdSalt`), or '' when unset or invalid. */
export function hostRepoIdSalt(): string {
  const raw = vscode.workspace.getConfiguration('dxPulse').get<unknown>('privacy.repoIdSalt');
  const salt = SETTINGS['privacy.repoIdSalt'].schema.safeParse(raw);
  return salt.success ? salt.data : '';
}
