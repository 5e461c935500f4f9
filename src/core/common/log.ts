// What core services need from a logger. The host implements it over one
// LogOutputChannel; tests implement it over an array.
export interface Log {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** Prefixes every line with the component that wrote it. */
export function scopedLog(log: Log, component: string): Log {
  const p = `[${component}]`;
  return {
    trace: (m, ...a) => log.trace(`${p} ${m}`, ...a),
    debug: (m, ...a) => log.debug(`${p} ${m}`, ...a),
    info: (m, ...a) => log.info(`${p} ${m}`, ...a),
    warn: (m, ...a) => log.warn(`${p} ${m}`, ...a),
    error: (m, ...a) => log.error(typeof m === 'string' ? `${p} ${m}` : `${p} ${m.stack ?? m.message}`, ...a),
  };
}

/** Turns anything thrown into a readable one-line reason. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === 'string' ? e : JSON.stringify(e);
}
