import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemClock } from './core/common/clock';
import { toDisposable } from './core/common/lifecycle';
import { makeEvent } from './core/events/kinds';
import { EventRecorder } from './core/events/recorder';
import { Outbox } from './core/outbox/outbox';
import { featureAllows } from './core/privacy/gate';
import { configuredRepoIdentity } from './core/privacy/repoIdentity';
import { hostsOf } from './core/platform/requestTarget';
import { destinationKey } from './core/platform/destination';
import { anonymousNotBefore, isAnonymous } from './core/privacy/anonymity';
import { secureDraw } from './core/common/random';
import { registerDataCommands } from './commands/dataCommands';
import { registerDocsCommands } from './commands/docsCommands';
import { registerFrictionCommands } from './commands/frictionCommands';
import { registerOnboardingCommands } from './commands/onboardingCommands';
import { registerMetricsCommands } from './commands/metricsCommands';
import { registerPlatformCommands } from './commands/platformCommands';
import { registerSurveyCommands } from './commands/surveyCommands';
import type { TestHooks } from './commands/testHooks';
import { ACTIVITY_KEY, ActivityController } from './host/activityController';
import { ConfigService } from './host/configService';
import { DeliveryController } from './host/deliveryController';
import { OnboardingController } from './host/onboardingController';
import { DocsController } from './host/docsController';
import { DocsSources } from './host/docsSources';
import { AxiosTransport } from './host/http';
import { createLogger } from './host/logger';
import { loadedBundleFiles } from './host/loadedCode';
import { PlatformAuth } from './host/platformAuth';
import { PlatformConfigSync } from './host/platformConfigSync';
import { ReportsController } from './host/reportsController';
import { GoldenPathController } from './host/goldenPathController';
import { MetricsController } from './host/metricsController';
import { CiController } from './host/ciController';
import { SignalsController } from './host/signalsController';
import { SurveyController } from './host/surveyController';
import { TelemetryGate } from './host/telemetryGate';
import { openRepoFile } from './host/workspaceFiles';
import { WorkspaceRepo } from './host/workspaceRepo';
import { DeliveryStatusBar } from './views/deliveryStatusBar';
import { OnboardingStatusBar, OnboardingTree } from './views/onboardingTree';
import { DocOpener } from './views/docOpener';
import { DocPanel } from './views/docPanel';
import { DocsNotification } from './views/docsNotification';
import { SIDEBAR_VIEW_ID, SidebarView } from './views/sidebarView';
import { StuckNotification } from './views/stuckNotification';
import { NotificationSurveyPrompter } from './views/surveyPrompt';
import { ReportsNotification } from './views/reportsNotification';
import type { DocsImagePolicy } from './protocol/sidebar';
import { configureCoreL10n } from './host/l10n';

const INSTALL_ID_KEY = 'dxPulse.installId';
let shutdown: (() => Promise<void>) | undefined;

// activate() only wires: construct, register, push disposables.
/**
 * What activate() returns (`extension.exports`): read-only views of DX Pulse's services
 * for other extensions and for the suites under test/vscode.
 */
export interface DxPulseApi {
  readonly docs: Pick<DocsController, 'ranked' | 'view' | 'helpFor' | 'refresh' | 'openEntry' | 'wasNotified' | 'unreadCount' | 'onDidFindAffecting' | 'onDidChange'>;
  readonly metrics: Pick<MetricsController, 'view' | 'refresh'>;
  readonly ci: Pick<CiController, 'view' | 'refresh'>;
  readonly delivery: Pick<DeliveryController, 'status'>;
  /** Only in Test mode: the developer's own reports are not for other extensions to read. */
  readonly reports?: Pick<ReportsController, 'view' | 'refresh' | 'onDidAnnounce'>;
  readonly goldenPath: Pick<GoldenPathController, 'view' | 'evaluate' | 'onDidChange'>;
  /** Only in the extension's Test mode (see src/commands/testHooks.ts). */
  readonly testing?: TestHooks;
  /** Only in Test mode: what a failing task runs, as the stuck offer looks its docs up. */
  readonly signals?: Pick<SignalsController, 'programLineFor'>;
}

export function activate(context: vscode.ExtensionContext): DxPulseApi {
  const started = performance.now();
  configureCoreL10n();
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
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  const hooks: TestHooks = { acceptCallerArguments: testMode, ...(testMode ? { storageDir } : {}) };

  const repo = new WorkspaceRepo(log);
  const diagnostics = vscode.languages.createDiagnosticCollection('dx-pulse');
  const config = new ConfigService(repo, diagnostics, log);
  const gate = new TelemetryGate(config);
  subs.push(repo, diagnostics, config, gate);

  const eventContext = () => {
    const remote = repo.current?.normalizedRemote;
    return { installId: installId!, sessionId, extensionVersion: version, repo: remote ? configuredRepoIdentity(config.config, remote) : undefined };
  };
  const outbox = new Outbox({
    dir: path.join(storageDir, 'outbox'),
    log,
    maxEvents: config.config.local.outboxMaxEvents,
    destination: () => destinationKey(config.config.platform),
    makeDroppedEvent: (count, reason) => makeEvent('outbox.dropped', { count, reason: reason.slice(0, 200) }, { ...eventContext(), clock: systemClock }),
  });
  const sharedTransport = new AxiosTransport({
    targetPolicy: () => ({ userHosts: hostsOf(config.config.local.userUrls) }),
    refusal: () => (gate.developerOff ? vscode.l10n.t('VS Code telemetry (or dxPulse.telemetry.level) is off, and then DX Pulse makes no requests of its own') : undefined),
  });
  const auth = new PlatformAuth(context.secrets);
  const delivery = new DeliveryController({ outbox, config, gate, auth, transport: sharedTransport, storageDir, windowId: sessionId, userAgent: `dx-pulse/${version}`, log });
  const reports = new ReportsController({ globalState: context.globalState, platform: () => delivery.client, developerOff: () => gate.developerOff, clock: systemClock, log });
  const recorder = new EventRecorder({
    clock: systemClock,
    log,
    mayRecord: (kind) => gate.mayRecord(kind) && featureAllows(config.config.features, kind),
    context: eventContext,
    sink: (event) => {
      outbox.record(event, isAnonymous(event) ? { notBefore: anonymousNotBefore(Date.now(), secureDraw()) } : {});
      reports.recorded(event);
      delivery.kick();
    },
  });
  // delivery and the outbox are not in subscriptions: VS Code disposes those before
  // deactivate() could flush; deactivate() closes them, in order.
  subs.push(toDisposable(() => recorder.dispose()), auth, new DeliveryStatusBar(delivery));
  // The developer's own "off" (VS Code telemetry, or dxPulse.telemetry.level) removes what
  // is still queued; a repository lowering sharing for itself does not touch other repos' events.
  subs.push(gate.onDidChange((level) => {
    if (level !== 'off' || !gate.developerOff) return;
    const n = outbox.discardPending('sharing was turned off: removed unsent');
    if (n > 0) void vscode.window.showInformationMessage(n === 1 ? vscode.l10n.t('DX Pulse removed 1 queued event that had not been sent, because sharing is now off. Nothing more is recorded for your platform until you turn it on again.') : vscode.l10n.t('DX Pulse removed {0} queued events that had not been sent, because sharing is now off. Nothing more is recorded for your platform until you turn it on again.', n));
  }));

  const signals = new SignalsController({ recorder, config, repo, globalState: context.globalState, log });
  subs.push(new ActivityController({ repo, recorder, gate, globalState: context.globalState, log }));
  if (testMode) hooks.forgetActivityDays = async () => context.globalState.update(ACTIVITY_KEY, undefined);
  const docPanel = new DocPanel(context.extensionUri, log);
  const docOpener: DocOpener = new DocOpener(docPanel, sharedTransport, (): DocsImagePolicy => docs.imagePolicy(), log);
  const docs: DocsController = new DocsController({
    config,
    repo,
    platform: () => delivery.client,
    sources: new DocsSources(sharedTransport, storageDir, log),
    globalState: context.globalState,
    open: (t, title, details) => docOpener.open(t, title, details),
    log,
    recorder,
    gate,
  });
  subs.push(signals, docs, docPanel, new DocsNotification(docs, docOpener, (entryId) => sidebar.reveal(entryId)), new StuckNotification(signals, recorder, (command) => docs.helpFor(signals.programLineFor(command))));

  const surveyController = new SurveyController({
    globalState: context.globalState,
    config,
    gate,
    signals,
    repo,
    recorder,
    prompter: new NotificationSurveyPrompter(),
    log,
    prefs: () => config.config.local.surveys,
    identifyAnswers: () => config.config.local.surveys.identifyAnswers,
  });
  const surveys = surveyController.session;
  subs.push(surveyController);

  const onboarding = new OnboardingController({ repo, signals, config, diagnostics, recorder, globalState: context.globalState, log });
  // Survey triggers that come from other features.
  subs.push(onboarding.onDidComplete(() => surveys.onboardingCompleted()), docs.onDidReadChangelog(() => surveys.changelogRead()));
  const platformSync = new PlatformConfigSync(delivery, auth.onDidChange, repo, config, (def) => onboarding.setPlatformChecklist(def), log);
  // Turning telemetry back on fetches what was not fetched while it was off (only then:
  // a sharing level moving between signals and all changes nothing that was fetched).
  let wasOff = gate.developerOff;
  subs.push(platformSync, gate.onDidChange(() => {
    if (wasOff && !gate.developerOff) void Promise.all([platformSync.refresh(), docs.refresh(), reports.refresh()]);
    wasOff = gate.developerOff;
  }));
  subs.push(onboarding, new OnboardingTree(onboarding), new OnboardingStatusBar(onboarding), ...registerOnboardingCommands(onboarding, log, context.extensionUri, hooks));

  const metrics = new MetricsController({ repo, config, delivery, transport: sharedTransport, secrets: context.secrets, workspaceState: context.workspaceState, storageDir, log });
  subs.push(metrics);
  const goldenPath = new GoldenPathController({ config, repo, recorder, workspaceState: context.workspaceState, log });
  subs.push(goldenPath);
  const ci = new CiController({ repo, config, delivery, transport: sharedTransport, secrets: context.secrets, globalState: context.globalState, storageDir, windowDays: () => metrics.windowDays, onDidObserve: signals.onDidObserve, log });
  subs.push(ci);

  const sidebar = new SidebarView(
    context.extensionUri,
    () => ({ version, locale: vscode.env.language, sharing: gate.level, insights: signals.insightsView(), metrics: metrics.view, docs: docs.view(), survey: surveys.view(), reports: reports.view(), goldenPath: goldenPath.view, ci: ci.view }),
    log,
  );
  subs.push(
    sidebar,
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    gate.onDidChange(() => sidebar.refresh()),
    signals.onDidChange(() => sidebar.refresh()),
    metrics.onDidChange(() => sidebar.refresh()),
    ci.onDidChange(() => sidebar.refresh()),
    docs.onDidChange(() => {
      sidebar.setUnreadChangelog(docs.unreadCount);
      sidebar.refresh();
    }),
    // Image policy and sharing level show in the sidebar at once.
    config.onDidChange(() => sidebar.refresh()),
    sidebar.handle('docs/markAllRead', () => docs.markAllRead()),
    sidebar.handle('docs/refresh', () => docs.refresh()),
    sidebar.handle('docs/open', (m) => docs.openEntry(m.id)),
    sidebar.handle('sidebar/openRepoFile', async (m) => {
      const folder = (await repo.ready)?.folder;
      if (folder) await openRepoFile(folder, m.path, log);
    }),
    ...registerDocsCommands(docs),
    sidebar.onDidResolve(() => void metrics.refresh({ fromCache: true })),
    sidebar.onDidResolve(() => void ci.refresh({ fromCache: true })),
    sidebar.handle('ci/refresh', () => ci.refresh()),
    sidebar.handle('metrics/setWindow', async (m) => {
      await metrics.setWindow(m.days);
      ci.render();
    }),
    sidebar.handle('metrics/refresh', () => metrics.refresh()),
    surveys.onDidChange(() => sidebar.refresh()),
    reports,
    reports.onDidChange(() => sidebar.refresh()),
    sidebar.handle('reports/refresh', () => reports.refresh()),
    auth.onDidChange(() => void reports.refresh()),
    config.onDidChange(() => void reports.refresh()),
    new ReportsNotification(reports, (id) => docs.openEntry(id), async () => void (await vscode.commands.executeCommand(`${SIDEBAR_VIEW_ID}.focus`))),
    goldenPath.onDidChange(() => sidebar.refresh()),
    sidebar.handle('goldenPath/refresh', () => goldenPath.evaluate()),
    sidebar.handle('goldenPath/open', async (m) => {
      const link = goldenPath.linkOf(m.checkId);
      if (link?.docId) await docs.openEntry(link.docId);
      else if (link?.docUrl) await vscode.env.openExternal(vscode.Uri.parse(link.docUrl, true));
    }),
    sidebar.handle('survey/submit', (m) => surveys.submitForm(m.surveyId, m.answers)),
    sidebar.handle('survey/remindLater', (m) => surveys.formChoice(m.surveyId, 'remindLater')),
    sidebar.handle('survey/dontAsk', (m) => surveys.formChoice(m.surveyId, 'dontAskAgain')),
    sidebar.handle('survey/close', (m) => surveys.formChoice(m.surveyId, 'close')),
    ...registerSurveyCommands(surveys, log, hooks),
    ...registerMetricsCommands(metrics, context.extensionUri),
    vscode.commands.registerCommand('dxPulse.showLog', () => channel.show()),
    ...registerFrictionCommands({
      recorder, signals, repo, gate,
      shareRepoNames: () => config.config.privacy.shareRepoNames,
      hasDestination: () => !!(config.config.platform.url || config.config.platform.otlpEndpoint),
      hooks,
    }),
    ...registerDataCommands(outbox, gate, () => [config.config.platform.url, config.config.platform.otlpEndpoint].filter(Boolean).join(' and ') || undefined, hooks),
    ...registerPlatformCommands(auth, config, delivery, hooks),
  );

  shutdown = async () => {
    try {
      await delivery.flush(3000);
    } finally {
      delivery.dispose();
      outbox.dispose();
    }
  };
  log.info(`[extension] DX Pulse ${version} activated in ${(performance.now() - started).toFixed(3)} ms; code loaded: ${loadedBundleFiles().join(', ')}`);
  return { docs, metrics, ci, delivery, goldenPath, ...(testMode ? { testing: hooks, signals, reports } : {}) };
}

/** Delivers what it can within a bound, then seals this window's outbox file. */
export async function deactivate(): Promise<void> {
  await shutdown?.();
  shutdown = undefined;
}
