import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemClock } from './core/common/clock';
import { toDisposable } from './core/common/lifecycle';
import { makeEvent } from './core/events/kinds';
import { EventRecorder } from './core/events/recorder';
import { Outbox } from './core/outbox/outbox';
import { repoIdentity } from './core/privacy/repoIdentity';
import { registerDataCommands } from './commands/dataCommands';
import { registerFrictionCommands } from './commands/frictionCommands';
import { registerPlatformCommands } from './commands/platformCommands';
import { ConfigService } from './host/configService';
import { DeliveryController } from './host/deliveryController';
import { AxiosTransport } from './host/http';
import { createLogger } from './host/logger';
import { PlatformAuth } from './host/platformAuth';
import { Settings } from './host/settings';
import { SignalsController } from './host/signalsController';
import { TelemetryGate } from './host/telemetryGate';
import { WorkspaceRepo } from './host/workspaceRepo';
import { DeliveryStatusBar } from './views/deliveryStatusBar';
import { SIDEBAR_VIEW_ID, SidebarView } from './views/sidebarView';
import { StuckNotification } from './views/stuckNotification';
import type { Insights } from './protocol/sidebar';

const INSTALL_ID_KEY = 'dxPulse.installId';
let shutdown: (() => Promise<void>) | undefined;

// activate() only wires: construct, register, push disposables.
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const { log, channel } = createLogger();
  const subs = context.subscriptions;
  subs.push(channel);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const storageDir = context.globalStorageUri.fsPath;

  // Identities: a random install id (not VS Code's machine id) and one per window.
  let installId = context.globalState.get<string>(INSTALL_ID_KEY);
  if (!installId) {
    installId = randomUUID();
    void context.globalState.update(INSTALL_ID_KEY, installId);
  }
  const sessionId = randomUUID();

  const settings = new Settings(log);
  const repo = new WorkspaceRepo(log);
  const diagnostics = vscode.languages.createDiagnosticCollection('dx-pulse');
  const config = new ConfigService(settings, repo, diagnostics, log);
  const gate = new TelemetryGate(config);
  subs.push(settings, repo, diagnostics, config, gate);

  const eventContext = () => {
    const remote = repo.current?.normalizedRemote;
    return { installId: installId!, sessionId, extensionVersion: version, repo: remote ? repoIdentity(remote, config.config.privacy.shareRepoNames) : undefined };
  };
  const outbox = new Outbox({
    dir: path.join(storageDir, 'outbox'),
    log,
    maxEvents: settings.get('outbox.maxEvents'),
    makeDroppedEvent: (count, reason) => makeEvent('outbox.dropped', { count, reason: reason.slice(0, 200) }, { ...eventContext(), clock: systemClock }),
  });
  const auth = new PlatformAuth(context.secrets);
  const delivery = new DeliveryController({ outbox, settings, config, gate, auth, transport: new AxiosTransport(), storageDir, windowId: sessionId, userAgent: `dx-pulse/${version}`, log });
  const recorder = new EventRecorder({
    clock: systemClock,
    log,
    mayRecord: (kind) => gate.mayRecord(kind),
    context: eventContext,
    sink: (event) => {
      outbox.record(event);
      delivery.kick();
    },
  });
  subs.push(toDisposable(() => recorder.dispose()), auth, delivery, new DeliveryStatusBar(delivery));

  const signals = new SignalsController({ recorder, config, repo, globalState: context.globalState, log });
  subs.push(signals, new StuckNotification(signals, recorder, () => []));

  const sidebar = new SidebarView(
    context.extensionUri,
    () => ({ version, sharing: gate.level, insights: insightsView(signals), metrics: { status: 'loading', message: 'Reading deployments…' }, docs: { status: 'none' }, survey: { status: 'none' } }),
    log,
  );
  subs.push(
    sidebar,
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    gate.onDidChange(() => sidebar.refresh()),
    signals.onDidChange(() => sidebar.refresh()),
    vscode.commands.registerCommand('dxPulse.showLog', () => channel.show()),
    ...registerFrictionCommands({ recorder, signals, repo, gate }),
    ...registerDataCommands(outbox, gate),
    ...registerPlatformCommands(auth, config, delivery),
  );

  shutdown = async () => {
    await delivery.flush(3000);
    outbox.dispose();
  };
  log.info(`[extension] DX Pulse ${version} activated in ${(performance.now() - started).toFixed(3)} ms`);
}

function insightsView(signals: SignalsController): Insights {
  const i = signals.insights();
  return {
    setupMinutes: i.setupMs !== undefined ? i.setupMs / 60_000 : undefined,
    setupSince: i.setupInProgressSince,
    setupFailedAttempts: i.setupFailedAttempts,
    newHireSince: i.newHireSince,
    streak: i.streak ? { command: i.streak.command, failures: i.streak.failures, since: i.streak.since } : undefined,
  };
}

/** Delivers what it can within a bound, then seals this window's outbox file. */
export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}
