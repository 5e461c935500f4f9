// Every message between the extension host and the sidebar webview. Both sides import
// this file; it imports neither. The webview imports types only, so zod stays out of its
// bundle; the host validates every message it receives with the schemas below.
import * as z from 'zod/mini';

// ---- Commands: webview -> host (no reply) -------------------------------------------

/** webview -> host: the webview has loaded its script and can receive messages. */
export const ReadyCommand = z.object({ type: z.literal('sidebar/ready') });

/** webview -> host: run one of DX Pulse's own commands (buttons in the view). */
export const RunCommandCommand = z.object({
  type: z.literal('sidebar/runCommand'),
  command: z.string().check(z.regex(/^dxPulse\.[A-Za-z.]+$/)),
});

export const WebviewCommand = z.discriminatedUnion('type', [ReadyCommand, RunCommandCommand]);
export type WebviewCommand = z.infer<typeof WebviewCommand>;

// ---- Notifications: host -> webview ---------------------------------------------------

/** host -> webview: the state the view renders from; sent after ready and on every change. */
export interface SidebarState {
  readonly version: string;
  readonly telemetryEnabled: boolean;
}

export interface StateNotification {
  readonly type: 'sidebar/state';
  readonly state: SidebarState;
}

export type HostNotification = StateNotification;
