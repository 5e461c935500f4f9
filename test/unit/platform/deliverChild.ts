// A delivering process for killDuringDelivery.unit.test.ts: drains a FileOutbox to
// the fixture server, then exits 0. Arguments: <outbox dir> <server url>.
import { AxiosTransport } from '../../../src/host/http';
import { PlatformClient } from '../../../src/core/platform/client';
import { DeliveryLoop } from '../../../src/core/platform/delivery';
import { PlatformSink } from '../../../src/core/platform/sink';
import { ArrayLog, FileOutbox } from './helpers';

async function main(): Promise<void> {
  const [dir, url] = process.argv.slice(2);
  const log = new ArrayLog();
  const clock = { now: () => Date.now() };
  const client = new PlatformClient({ baseUrl: url!, getToken: async () => 'test-token', transport: new AxiosTransport(), log, clock, timeoutMs: 10_000 });
  const loop = new DeliveryLoop({ outbox: new FileOutbox(dir!), sink: new PlatformSink(client), log, clock, isAllowed: () => true, batchSize: 5, backoffBaseMs: 5, backoffMaxMs: 20 });
  for (let i = 0; i < 1000; i++) {
    const r = await loop.drainOnce();
    if (r.stoppedBy === 'empty') process.exit(0);
    await new Promise((res) => setTimeout(res, 20));
  }
  process.exit(2);
}
void main();
