import { randomBytes } from 'node:crypto';

/** A short id unique to this test run, safe in usernames, topic names and labels. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
