// Shared set-up for browser-level tests: the packaged VSIX installed in a real
// code-server, the workbench open in headless Chromium on a demo workspace.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';

const root = path.resolve(__dirname, '..', '..');
export const resultsDir = path.join(root, 'test-results');

interface Workbench {
  page: Page;
  close(): Promise<void>;
  userDataDir: string;
}

export interface UiSession {
  page: Page;
  workspace: string;
  close(): Promise<void>;
}

export async function openDemoWorkbench(opts: { colorScheme?: 'dark' | 'light' | 'high-contrast'; settings?: Record<string, unknown>; prepare?: (workspace: string) => void } = {}): Promise<UiSession> {
  const { openWorkbench } = (await import(path.join(root, 'scripts/lib/workbench.mjs'))) as { openWorkbench(o: object): Promise<Workbench> };
  const { createDemoWorkspace } = (await import(path.join(root, 'scripts/lib/demoWorkspace.mjs'))) as { createDemoWorkspace(dir: string): string };
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${path.basename(vsix)} not found: run 'npm run package' first (npm test does it for you).`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-ui-'));
  const workspace = createDemoWorkspace(path.join(work, 'payments-api'));
  opts.prepare?.(workspace);
  const theme = opts.colorScheme === 'light' ? 'Default Light Modern' : opts.colorScheme === 'high-contrast' ? 'Default High Contrast' : 'Default Dark Modern';
  const wb = await openWorkbench({ vsix, workspace, colorScheme: opts.colorScheme === 'light' ? 'light' : 'dark', settings: { 'workbench.colorTheme': theme, ...opts.settings } });
  await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page: wb.page,
    workspace,
    close: async () => {
      await wb.close();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Clicks DX Pulse in the activity bar and returns the sidebar webview's content frame. */
export async function openSidebar(page: Page): Promise<FrameLocator> {
  const item = page.locator('.activitybar [aria-label^="DX Pulse"]').first();
  await item.waitFor({ timeout: 60_000 });
  const title = page.locator('.part.sidebar .composite.title h2');
  const showing = async () => (await page.locator('.part.sidebar').isVisible()) && (await title.count()) > 0 && /DX PULSE/i.test((await title.first().textContent()) ?? '');
  // Clicking the item of the container already shown collapses the sidebar, so look
  // before clicking, and look again after: the workbench may still be restoring.
  for (let attempt = 0; attempt < 3 && !(await showing()); attempt++) {
    await item.click({ force: true }); // the unread badge covers the icon
    await page.waitForTimeout(500);
  }
  return webviewFrame(page);
}

/**
 * The content of DX Pulse's visible webview. VS Code hosts webview iframes in an overlay
 * outside the part that shows them, and their URL names the extension but not the view.
 */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready[src*="extensionId=dx-pulse.dx-pulse"]:visible').first().frameLocator('#active-frame');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.mouse.move(900, 600); // no hover tooltip over what the picture is of
  await page.waitForTimeout(400);
  await page.screenshot({ path: file });
  return file;
}

/** Use in afterEach: saves a screenshot of the workbench when the test failed. */
export async function screenshotOnFailure(ctx: Mocha.Context, page: Page | undefined): Promise<void> {
  const t = ctx.currentTest;
  if (page && t && t.state === 'failed') {
    const file = await screenshot(page, `FAILED-${t.fullTitle().replace(/[^a-z0-9]+/gi, '-')}`).catch(() => undefined);
    if (file) console.error(`    screenshot of the failure: ${file}`);
  }
}

/**
 * Opens a workbench for the enclosing describe(): before() opens it, after() closes it,
 * and a failing test leaves a screenshot. Returns a getter for the session.
 */
export function useWorkbench(opts: Parameters<typeof openDemoWorkbench>[0] = {}): () => UiSession {
  let session: UiSession | undefined;
  before(async () => {
    session = await openDemoWorkbench(opts);
  });
  afterEach(async function () {
    await screenshotOnFailure(this, session?.page);
  });
  after(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('the workbench did not open');
    return session;
  };
}

/** F1, the command's title, Enter: as a person runs a command. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  // Right after the window opens, extension commands may not be listed yet: type again.
  const row = page.locator('.quick-input-list .monaco-list-row').and(page.locator(`[aria-label^="${title}"]`)).first();
  for (let attempt = 0; ; attempt++) {
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (e) {
      if (attempt >= 8) throw e;
      await input.fill('>');
    }
  }
  // The row that matched, not the top of a fuzzy-ranked list.
  await row.click();
}

/** Picks a row of the open quick pick by its text. */
export async function pick(page: Page, text: string, exact = false): Promise<void> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const row = (exact ? rows.and(page.locator(`[aria-label="${text}"]`)) : rows.filter({ hasText: text })).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
}

export function toast(page: Page, text: string) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}



/** Runs a workspace task `times` times, each run ended before the next (the terminal says so). */
export async function runTaskTimes(page: Page, label: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await runTask(page, label);
    await page.locator('.terminal-wrapper').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
  }
}

/** Terminal > Run Task… and the task's label, as a person runs a workspace task. */
export async function runTask(page: Page, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="text"]');
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  for (let attempt = 0; ; attempt++) {
    await runCommand(page, 'Tasks: Run Task');
    try {
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(label);
      await row.waitFor({ state: 'visible', timeout: 20_000 });
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
      await page.keyboard.press('Escape');
    }
  }
  await row.click();
}
