import { execFileSync } from 'node:child_process';

/** A port nothing listens on right now (asked of the OS in a child process, synchronously). */
export function freePortSync(): number {
  const out = execFileSync(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"], { encoding: 'utf8' });
  return Number(out);
}
