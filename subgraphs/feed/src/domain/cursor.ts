import { badUserInput } from '@flock/graphql';
import type { Cursor } from './timelines';

/** Opaque to clients: base64url of [score, member]. */
export function encodeCursor({ score, member }: Cursor): string {
  return Buffer.from(JSON.stringify([score, member])).toString('base64url');
}

export function decodeCursor(value: string | null | undefined): Cursor | undefined {
  if (value === null || value === undefined) return undefined;
  try {
    const [score, member] = JSON.parse(Buffer.from(value, 'base64url').toString()) as unknown[];
    if (
      typeof score === 'number' &&
      Number.isFinite(score) &&
      typeof member === 'string' &&
      member.length < 200
    ) {
      return { score, member };
    }
  } catch {
    // falls through to the error
  }
  throw badUserInput({ field: 'after', message: 'is not a valid cursor' });
}
