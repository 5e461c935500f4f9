import * as vscode from 'vscode';
import { hostsOf, type TargetPolicy } from '../core/platform/requestTarget';

/** URL settings whose host the developer may point at a private network. */
const URL_SETTINGS = ['platform.url', 'otlp.endpoint', 'docs.feedUrl', 'metrics.githubApiUrl'] as const;

/**
 * The hosts the developer's own settings name: user (global) values only, never the
 * workspace's `.vscode/settings.json`, which a cloned repository writes.
 */
export function userTargetPolicy(): TargetPolicy {
  const section = vscode.workspace.getConfiguration('dxPulse');
  return { userHosts: hostsOf(URL_SETTINGS.map((k) => section.inspect<string>(k)?.globalValue)) };
}
