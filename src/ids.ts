import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A new id: a prefix naming the type, then a time-ordered part (so that records written in one
 * millisecond still sort in write order) and a random part.
 */
export function newId(prefix: string): string {
  counter = (counter + 1) % 1679616;
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}-${time}${counter.toString(36).padStart(4, '0')}${randomBytes(5).toString('hex')}`;
}
