import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'dx-pulse.dx-pulse';

export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  await ext.activate();
}

interface Envelope {
  id: string;
  kind: string;
  data: Record<string, unknown>;
  installId?: string;
  repo?: { id: string; hashed: boolean };
}

/** What "DX Pulse: Export Collected Data" writes: the same data the user sees. */
export async function collectedData(): Promise<{ sharing: string; pending: Envelope[]; sent: { event: Envelope }[]; sentComplete: boolean; sentNote?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dx-pulse-export-'));
  try {
    const file = path.join(dir, 'data.json');
    await vscode.commands.executeCommand('dxPulse.exportCollectedData', vscode.Uri.file(file));
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function allEvents(d: Awaited<ReturnType<typeof collectedData>>): Envelope[] {
  return [...d.pending, ...d.sent.map((s) => s.event)];
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs a task from the workspace's tasks.json and resolves with its exit code. */
export async function runWorkspaceTask(label: string): Promise<number | undefined> {
  const tasks = await vscode.tasks.fetchTasks();
  const task = tasks.find((t) => t.name === label && t.source === 'Workspace');
  if (!task) throw new Error(`no workspace task '${label}' (found: ${tasks.map((t) => t.name).join(', ')})`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`task '${label}' did not end within 30 s`)), 30_000);
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.name === label) {
        clearTimeout(timer);
        sub.dispose();
        resolve(e.exitCode);
      }
    });
    void vscode.tasks.executeTask(task);
  });
}

export async function setSetting(section: string, value: unknown): Promise<void> {
  const [head, ...rest] = section.split('.');
  await vscode.workspace.getConfiguration(head).update(rest.join('.'), value, vscode.ConfigurationTarget.Global);
}

/** Back to sharing everything, and wait until VS Code says telemetry is on again. */
export async function resetSharing(): Promise<void> {
  await setSetting('telemetry.telemetryLevel', undefined);
  await setSetting('dxPulse.telemetry.level', undefined);
  await waitFor('VS Code telemetry to be on', () => vscode.env.isTelemetryEnabled || undefined);
}

/** What the workbench shows for one element (see scripts/lib/workbenchProbe.mjs). */
export interface ShownElement {
  text: string;
  links: (string | null)[];
  icons: string[];
  html: string;
}

/**
 * Looks at, or clicks, what the workbench shows, through the harness's probe. Undefined
 * when no probe is running (e.g. under @vscode/test-electron): such checks are skipped.
 */
export const workbenchProbe = process.env.DX_PULSE_WORKBENCH_PROBE || undefined;

async function probeCall<T>(op: 'read' | 'click' | 'hover' | 'key' | 'type', selector: string, index = 0): Promise<T> {
  if (!workbenchProbe) throw new Error('no workbench probe in this runner');
  const res = await fetch(workbenchProbe, { method: 'POST', body: JSON.stringify({ op, selector, index }) });
  const out = (await res.json()) as { ok: boolean; result?: T; error?: string };
  if (!out.ok) throw new Error(`workbench probe ${op} ${selector}: ${out.error}`);
  return out.result as T;
}

export const shown = (selector: string): Promise<ShownElement[]> => probeCall<ShownElement[]>('read', selector);
export const clickShown = (selector: string, index = 0): Promise<void> => probeCall<void>('click', selector, index);
export const hoverShown = (selector: string, index = 0): Promise<void> => probeCall<void>('hover', selector, index);
export const pressKey = (key: string): Promise<void> => probeCall<void>('key', key);
export const typeText = (text: string): Promise<void> => probeCall<void>('type', text);

/** The DX Pulse Platform server scripts/test-vscode.mjs starts, and its admin API. */
export const testPlatform = {
  url: process.env.DX_PULSE_TEST_PLATFORM_URL ?? '',
  admin: (method: string, route: string, body?: unknown) =>
    fetch(`${testPlatform.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${process.env.DX_PULSE_TEST_PLATFORM_ADMIN ?? ''}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
  /** The platform's export of one kind (GET /admin/v1/events, JSON lines). */
  async exported(kind: string): Promise<{ kind: string; installId?: string; repo?: { id: string }; data: Record<string, unknown> }[]> {
    const r = await testPlatform.admin('GET', `/admin/v1/events?kind=${encodeURIComponent(kind)}`);
    return (await r.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  },
};
