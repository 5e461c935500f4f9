import type { Clock } from '../common/clock';
import { errorMessage } from '../common/log';
import type { EventEnvelope } from '../events/envelope';
import { parsePlatformUrl, parseRetryAfter } from './errors';
import type { SendOutcome, Sink } from './sink';
import { TransportError, type HttpTransport } from './transport';

// OTLP/HTTP JSON logs (opentelemetry-proto, logs/v1), so a platform team can route
// friction signals into the OpenTelemetry pipeline it already runs. Attribute names
// follow the semantic conventions where one exists:
//   service.name, service.version (resource), event.name (and the LogRecord eventName
//   field of OTLP >= 1.5), log.record.uid (our event id: "records with the same id are
//   duplicates", which is exactly our at-least-once contract), session.id,
//   vcs.repository.url.full (only when the repository is not hashed), process.exit.code.
// Ours, namespaced: dx_pulse.install.id, dx_pulse.schema_version, dx_pulse.repository.id
// (hashed identity).

export type AnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: AnyValue[] } }
  | { kvlistValue: { values: KeyValue[] } }
  | Record<string, never>;

export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface OtlpLogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: AnyValue;
  attributes: KeyValue[];
}

export interface OtlpLogsRequest {
  resourceLogs: Array<{
    resource: { attributes: KeyValue[] };
    scopeLogs: Array<{ scope: { name: string; version: string }; logRecords: OtlpLogRecord[] }>;
  }>;
}

const SEVERITY_INFO = 9;

export function toAnyValue(v: unknown, depth = 0): AnyValue {
  if (v === null || v === undefined) return {};
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  // int64 travels as a decimal string in OTLP JSON.
  if (typeof v === 'number') return Number.isSafeInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  if (typeof v === 'bigint') return { intValue: v.toString() };
  if (depth > 8) return { stringValue: JSON.stringify(v) };
  if (Array.isArray(v)) return { arrayValue: { values: v.map((x) => toAnyValue(x, depth + 1)) } };
  if (typeof v === 'object') {
    return { kvlistValue: { values: Object.entries(v as Record<string, unknown>).map(([key, x]) => ({ key, value: toAnyValue(x, depth + 1) })) } };
  }
  return { stringValue: String(v) };
}

function kv(key: string, value: unknown): KeyValue {
  return { key, value: toAnyValue(value) };
}

function toNanos(iso: string): string {
  return (BigInt(Date.parse(iso)) * 1_000_000n).toString();
}

export function toLogRecord(e: EventEnvelope, observedMs: number): OtlpLogRecord {
  const attributes: KeyValue[] = [kv('event.name', e.kind), kv('log.record.uid', e.id), kv('dx_pulse.schema_version', e.schemaVersion)];
  if (e.sessionId !== undefined) attributes.push(kv('session.id', e.sessionId));
  if (e.installId !== undefined) attributes.push(kv('dx_pulse.install.id', e.installId));
  if (e.repo) attributes.push(e.repo.hashed ? kv('dx_pulse.repository.id', e.repo.id) : kv('vcs.repository.url.full', e.repo.id));
  const exit = e.data['exitCode'];
  if (typeof exit === 'number' && Number.isInteger(exit)) attributes.push(kv('process.exit.code', exit));
  return {
    timeUnixNano: toNanos(e.time),
    observedTimeUnixNano: (BigInt(observedMs) * 1_000_000n).toString(),
    severityNumber: SEVERITY_INFO,
    severityText: 'INFO',
    eventName: e.kind,
    body: toAnyValue(e.data),
    attributes,
  };
}

/** One resourceLogs entry per extension version, since service.version is a resource attribute. */
export function toOtlpLogsRequest(events: readonly EventEnvelope[], observedMs: number): OtlpLogsRequest {
  const byVersion = new Map<string, OtlpLogRecord[]>();
  for (const e of events) {
    const list = byVersion.get(e.extensionVersion) ?? [];
    list.push(toLogRecord(e, observedMs));
    byVersion.set(e.extensionVersion, list);
  }
  return {
    resourceLogs: [...byVersion].map(([version, logRecords]) => ({
      resource: { attributes: [kv('service.name', 'dx-pulse'), kv('service.version', version)] },
      scopeLogs: [{ scope: { name: 'dx-pulse', version }, logRecords }],
    })),
  };
}

/** dxPulse.otlp.endpoint: a collector base URL (".../v1/logs" is appended) or the full logs URL. */
export function otlpLogsUrl(endpoint: string): { ok: true; url: string } | { ok: false; message: string } {
  const parsed = parsePlatformUrl(endpoint);
  if (!parsed.ok) return { ok: false, message: parsed.message.replace('platform URL', 'OTLP endpoint') };
  const href = parsed.url.href.replace(/\/+$/, '');
  return { ok: true, url: href.endsWith('/v1/logs') ? href : `${href}/v1/logs` };
}

export interface OtlpSinkOptions {
  readonly endpoint: string;
  readonly transport: HttpTransport;
  readonly clock: Clock;
  /** Extra headers, e.g. an API key the collector needs; never logged. */
  readonly headers?: () => Promise<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** A Sink for the same DeliveryLoop, so retry/split/gate logic exists once. */
export class OtlpSink implements Sink {
  readonly name = 'otlp';
  private readonly url: string;

  /** Throws Error with a clear message when the endpoint is unusable. */
  constructor(private readonly o: OtlpSinkOptions) {
    const u = otlpLogsUrl(o.endpoint);
    if (!u.ok) throw new Error(u.message);
    this.url = u.url;
  }

  async send(events: readonly EventEnvelope[], signal: AbortSignal): Promise<SendOutcome> {
    const endpoint = 'OTLP POST /v1/logs';
    try {
      const extra = (await this.o.headers?.()) ?? {};
      const res = await this.o.transport.request({
        method: 'POST',
        url: this.url,
        headers: { ...lower(extra), 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(toOtlpLogsRequest(events, this.o.clock.now())),
        timeoutMs: this.o.timeoutMs ?? 30_000,
        signal,
      });
      const s = res.status;
      // A partial success (rejectedLogRecords) does not say which records; they are
      // not retryable by the spec, so the batch counts as delivered.
      if (s >= 200 && s < 300) return { kind: 'ok', rejected: [] };
      if (s === 401 || s === 403) return { kind: 'authFailed', message: `${endpoint}: HTTP ${s}, the collector refused the credentials` };
      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], this.o.clock.now());
      if (s === 429 || s >= 500) return { kind: 'retry', message: `${endpoint}: HTTP ${s}`, retryAfterMs };
      if (s === 400 || s === 413) return { kind: 'badRequest', message: `${endpoint}: HTTP ${s}`, rejected: [] };
      return { kind: 'retry', message: `${endpoint}: unexpected HTTP ${s}` };
    } catch (e) {
      if (e instanceof TransportError && e.kind === 'aborted') return { kind: 'aborted', message: `${endpoint}: ${e.message}` };
      return { kind: 'retry', message: `${endpoint}: ${errorMessage(e)}` };
    }
  }
}

function lower(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
