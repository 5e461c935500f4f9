import { randomInt } from 'node:crypto';

/** A uniform draw in [0, 1) from the OS's secure random source (never a seeded or derived value). */
export function secureDraw(): number {
  return randomInt(0, 2 ** 48 - 1) / 2 ** 48;
}
