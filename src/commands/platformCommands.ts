import * as vscode from 'vscode';
import { plainText } from '../core/common/plainText';
import { parsePlatformUrl } from '../core/platform/errors';
import type { ConfigService } from '../host/configService';
import type { DeliveryController } from '../host/deliveryController';
import type { PlatformAuth } from '../host/platformAuth';
import { describeDeliveryStatus } from '../views/deliveryStatusBar';
import type { TestHooks } from './testHooks';

/** Sign In / Sign Out of the platform, and the delivery details behind the status bar. */
export function registerPlatformCommands(auth: PlatformAuth, config: ConfigService, delivery: DeliveryController, hooks: TestHooks = { acceptCallerArguments: false }): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dxPulse.signIn', async (tokenArg?: unknown) => {
      // The token comes only from the developer: a caller's token would sign them in to someone else's account.
      let token = hooks.acceptCallerArguments && typeof tokenArg === 'string' ? tokenArg : undefined;
      // Only ever the user's own setting: a repository cannot choose the URL (configService).
      let url = config.config.platform.url;
      let from = vscode.l10n.t('from your user settings, dxPulse.platform.url');
      if (!url) {
        url = await vscode.window.showInputBox({
          title: vscode.l10n.t('DX Pulse: Sign In to Platform (1/2)'),
          prompt: vscode.l10n.t('Your platform API URL (ask your platform team, or see dxPulse.platform.url)'),
          placeHolder: 'https://platform.example.com/dx',
          ignoreFocusOut: true,
          validateInput: (v) => {
            const p = parsePlatformUrl(v.trim());
            return p.ok ? undefined : p.message;
          },
        });
        if (!url) return;
        url = url.trim();
        from = vscode.l10n.t('as you typed it');
        await vscode.workspace.getConfiguration('dxPulse').update('platform.url', url, vscode.ConfigurationTarget.Global);
      }
      token ??= await vscode.window.showInputBox({
        title: vscode.l10n.t('DX Pulse: Sign In to Platform'),
        prompt: vscode.l10n.t("Token for {0} ({1}). It is kept in VS Code's secret storage, and only ever sent to this URL.", plainText(url), from),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Paste the token your platform gave you.')),
      });
      if (!token) return;
      await auth.signIn(url.trim(), token.trim());
      delivery.retryNow();
      void vscode.window.showInformationMessage(vscode.l10n.t('DX Pulse is signed in to {0}.', plainText(url)));
    }),
    vscode.commands.registerCommand('dxPulse.signOut', async () => {
      await auth.signOut(config.config.platform.url);
      void vscode.window.showInformationMessage(vscode.l10n.t('DX Pulse signed out: the token was removed from secret storage. Events stay on this machine.'));
    }),
    vscode.commands.registerCommand('dxPulse.showDeliveryStatus', async () => {
      const s = delivery.status;
      const text = describeDeliveryStatus(s)?.tooltip ?? (s.state === 'notConfigured' ? vscode.l10n.t('No platform is configured: events stay on this machine.') : s.state === 'paused' ? plainText(s.reason) : vscode.l10n.t('Delivery is healthy.'));
      const retry = vscode.l10n.t('Retry Now');
      const showData = vscode.l10n.t('Show Collected Data');
      const showLog = vscode.l10n.t('Show Log');
      const signIn = vscode.l10n.t('Sign In');
      const actions = [retry, showData, showLog, ...(s.state === 'authFailed' ? [signIn] : [])];
      const pick = await vscode.window.showWarningMessage(vscode.l10n.t('DX Pulse delivery: {0}', text), ...actions);
      if (pick === retry) delivery.retryNow();
      else if (pick === showData) void vscode.commands.executeCommand('dxPulse.showCollectedData');
      else if (pick === showLog) void vscode.commands.executeCommand('dxPulse.showLog');
      else if (pick === signIn) void vscode.commands.executeCommand('dxPulse.signIn');
    }),
  ];
}
