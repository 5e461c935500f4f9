import * as vscode from 'vscode';
import { Disposable } from '../core/common/lifecycle';
import { plainText } from '../core/common/plainText';
import type { DeliveryController, DeliveryStatus } from '../host/deliveryController';

/**
 * Appears only when delivery is unhealthy (offline for long, sign-in refused, events
 * dropped, settings wrong): silent failure is what users of other tools hate most.
 */
export class DeliveryStatusBar extends Disposable {
  private readonly _item: vscode.StatusBarItem;

  constructor(delivery: DeliveryController) {
    super();
    this._item = this._register(vscode.window.createStatusBarItem('dxPulse.delivery', vscode.StatusBarAlignment.Right, 100));
    this._item.name = vscode.l10n.t('DX Pulse Delivery');
    this._item.command = 'dxPulse.showDeliveryStatus';
    this._register(delivery.onDidChangeStatus((s) => this._render(s)));
    this._render(delivery.status);
  }

  private _render(s: DeliveryStatus): void {
    const view = describeDeliveryStatus(s);
    if (!view) {
      this._item.hide();
      return;
    }
    this._item.text = view.text;
    this._item.tooltip = view.tooltip;
    this._item.backgroundColor = new vscode.ThemeColor(view.error ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    this._item.show();
  }
}

/** Text for an unhealthy status; undefined when there is nothing to say. */
export function describeDeliveryStatus(s: DeliveryStatus): { text: string; tooltip: string; error: boolean } | undefined {
  switch (s.state) {
    case 'offline':
      return { text: vscode.l10n.t('$(cloud-offline) DX Pulse offline'), tooltip: vscode.l10n.t('Events are kept on this machine and will be sent when the platform is reachable again. Failing since {0}: {1}. Click for details and to retry.', new Date(s.since).toLocaleString(), plainText(s.lastError)), error: false };
    case 'authFailed':
      return { text: vscode.l10n.t('$(key) DX Pulse: sign in'), tooltip: vscode.l10n.t('The platform refused the credentials: {0}. Events are kept on this machine. Click to sign in again.', plainText(s.message)), error: true };
    case 'dropping':
      return { text: vscode.l10n.t('$(warning) DX Pulse dropped {0}', s.count), tooltip: vscode.l10n.t('The platform refused {0} event(s) for good: {1}. Click for details.', s.count, plainText(s.lastReason)), error: false };
    case 'misconfigured':
      return { text: vscode.l10n.t('$(gear) DX Pulse: check settings'), tooltip: plainText(s.message), error: true };
    default:
      return undefined;
  }
}
