// Holds the delivery lease in another process for lease.unit.test.ts. Argument: <dir>.
import { FileLease } from '../../../src/core/platform/lease';
import { ArrayLog } from './helpers';

const lease = new FileLease({ dir: process.argv[2]!, ownerId: `child-${process.pid}`, clock: { now: () => Date.now() }, log: new ArrayLog(), ttlMs: 60_000 });
void lease.tryAcquire().then((held) => {
  process.stdout.write(held ? 'held\n' : 'refused\n');
  setInterval(() => void lease.tryAcquire(), 1000);
});
