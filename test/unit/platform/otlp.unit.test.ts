import * as assert from 'node:assert/strict';
import { AxiosTransport } from '../../../src/host/http';
import { DeliveryLoop } from '../../../src/core/platform/delivery';
import { OtlpSink, otlpLogsUrl } from '../../../src/core/platform/otlp';
import { OtlpReceiver } from '../../fixtures/otlpReceiver';
import { ArrayLog, FakeClock, MemoryOutbox, makeEvents } from './helpers';

interface Attr { key: string; value: Record<string, unknown> }

describe('OtlpSink', () => {
  let receiver: OtlpReceiver;
  before(async () => {
    receiver = await OtlpReceiver.start();
  });
  after(async () => {
    await receiver.close();
  });

  it('builds the logs URL from a base endpoint or a full one, https except loopback', () => {
    assert.deepEqual(otlpLogsUrl('https://otel.example.com:4318'), { ok: true, url: 'https://otel.example.com:4318/v1/logs' });
    assert.deepEqual(otlpLogsUrl('https://otel.example.com/v1/logs/'), { ok: true, url: 'https://otel.example.com/v1/logs' });
    assert.equal(otlpLogsUrl('http://otel.example.com').ok, false);
  });

  it('exports events as OTLP/HTTP JSON log records through the delivery loop, retrying a 503', async () => {
    const clock = new FakeClock();
    const events = makeEvents(3);
    events[2] = { ...events[2]!, repo: { id: 'https://github.com/acme/shop', hashed: false }, extensionVersion: '0.2.0' };
    const outbox = new MemoryOutbox(events);
    const sink = new OtlpSink({ endpoint: receiver.url, transport: new AxiosTransport(), clock, headers: async () => ({ 'X-Api-Key': 'k' }) });
    const loop = new DeliveryLoop({ outbox, sink, log: new ArrayLog(), clock, isAllowed: () => true, random: () => 0 });
    receiver.statuses.push(503);
    assert.equal((await loop.drainOnce()).stoppedBy, 'retry');
    assert.equal((await loop.drainOnce()).stoppedBy, 'empty');
    loop.dispose();
    assert.equal(outbox.pending.size, 0);
    assert.equal(receiver.bodies.length, 1);
    assert.equal(receiver.headers[0]?.['x-api-key'], 'k');

    const body = receiver.bodies[0] as { resourceLogs: Array<{ resource: { attributes: Attr[] }; scopeLogs: Array<{ scope: { name: string }; logRecords: Array<Record<string, unknown> & { attributes: Attr[] }> }> }> };
    assert.equal(body.resourceLogs.length, 2, 'one resource per extension version');
    const [r1] = body.resourceLogs;
    const resAttrs = Object.fromEntries(r1!.resource.attributes.map((a) => [a.key, a.value]));
    assert.deepEqual(resAttrs['service.name'], { stringValue: 'dx-pulse' });
    assert.deepEqual(resAttrs['service.version'], { stringValue: '0.1.0' });
    const rec = r1!.scopeLogs[0]!.logRecords[0]!;
    assert.equal(typeof rec['timeUnixNano'], 'string');
    assert.equal(rec['timeUnixNano'], String(Date.parse(events[0]!.time)) + '000000');
    assert.equal(rec['severityText'], 'INFO');
    assert.equal(rec['eventName'], 'task.ended');
    const attrs = Object.fromEntries(rec.attributes.map((a) => [a.key, a.value]));
    assert.deepEqual(attrs['event.name'], { stringValue: 'task.ended' });
    assert.deepEqual(attrs['log.record.uid'], { stringValue: events[0]!.id });
    assert.deepEqual(attrs['session.id'], { stringValue: 'session-1' });
    assert.deepEqual(attrs['process.exit.code'], { intValue: '0' });
    assert.deepEqual(attrs['dx_pulse.repository.id'], { stringValue: 'a'.repeat(64) });
    assert.deepEqual(rec['body'], { kvlistValue: { values: [
      { key: 'task', value: { stringValue: 'build' } },
      { key: 'exitCode', value: { intValue: '0' } },
      { key: 'durationMs', value: { intValue: '1234' } },
    ] } });
    const unhashed = body.resourceLogs[1]!.scopeLogs[0]!.logRecords[0]!;
    assert.ok(unhashed.attributes.some((a) => a.key === 'vcs.repository.url.full' && a.value['stringValue'] === 'https://github.com/acme/shop'));
  });

  it('stops on 401 from the collector', async () => {
    const clock = new FakeClock();
    const sink = new OtlpSink({ endpoint: receiver.url, transport: new AxiosTransport(), clock });
    receiver.statuses.push(401);
    const out = await sink.send(makeEvents(1), new AbortController().signal);
    assert.equal(out.kind, 'authFailed');
  });
});
