// Debian's Chromium through playwright-core, as the extension's UI tests use it; installed
// with apt-get when missing and running as root (CI and sessions are).
import { execFileSync, spawnSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';

function which(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export function chromiumPath(): string {
  let p = process.env.CHROMIUM_PATH ?? which('chromium') ?? which('chromium-browser');
  if (!p && process.getuid?.() === 0 && which('apt-get')) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    p = which('chromium');
  }
  if (!p) throw new Error('No Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return p;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs in on the dashboard's page with an admin token or a named account. */
export async function signInAs(page: Page, url: string, who: { token?: string; username?: string; password?: string }): Promise<void> {
  await page.goto(url);
  if (who.token) {
    await page.getByLabel('an admin token (first start)').check();
    await page.getByLabel('Admin token', { exact: true }).fill(who.token);
  } else {
    await page.getByLabel('Username', { exact: true }).fill(who.username!);
    await page.getByLabel('Password', { exact: true }).fill(who.password!);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

/** Opens a page of the dashboard and waits until nothing on it is loading. */
export async function openPage(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}/#/${id}`);
  await page.locator('main h1').waitFor();
  await page.waitForFunction(() => !(globalThis as any).document.querySelector('[aria-busy="true"]')); // eslint-disable-line @typescript-eslint/no-explicit-any
}
