// The one place that calls acquireVsCodeApi(): it may be called only once per webview,
// and it also owns the state that survives the view being hidden.
import type { DocViewerCommand } from '../../src/protocol/docViewer';
import type { WebviewCommand } from '../../src/protocol/sidebar';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(msg: WebviewCommand | DocViewerCommand): void {
  api.postMessage(msg);
}

export function getViewState<T extends object>(fallback: T): T {
  const s = api.getState();
  return s && typeof s === 'object' ? { ...fallback, ...(s as Partial<T>) } : fallback;
}

export function setViewState<T extends object>(state: T): void {
  api.setState(state);
}
