export interface ClusterInfo {
  bin: string;
  dir: string;
  data: string;
  opts: string;
  asRoot: boolean;
}
export function freePort(): Promise<number>;
/** keep: a folder the cluster lives in and outlives the process (stop() only stops it); settings: more server settings. */
export function startCluster(opts?: { log?: (m: string) => void; keep?: string; settings?: Record<string, string> }): Promise<{
  url: string;
  dir: string;
  info: ClusterInfo;
  restart(): void;
  stopServer(): void;
  startServer(): void;
  stop(): void;
}>;
export function restartCluster(info: ClusterInfo): void;
export function restartClusterAsync(info: ClusterInfo): Promise<void>;
