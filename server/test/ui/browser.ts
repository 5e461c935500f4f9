// Debian's Chromium through playwright-core, as the extension's UI tests use it; installed
// with apt-get when missing and running as root (CI and sessions are).
import { execFileSync, spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';

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
