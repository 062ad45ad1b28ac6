import { cursorCodec } from '@flock/graphql';
import { z } from 'zod';
import type { Cursor } from './merge';

/** A member is a post id and an author id (73 characters); anything far longer is not ours. */
const MEMBER_MAX_LENGTH = 200;

/** Opaque to clients: the kit's codec over [score, member] of the page's last entry. */
const codec = cursorCodec(z.tuple([z.number(), z.string().max(MEMBER_MAX_LENGTH)]));

export function encodeCursor({ score, member }: Cursor): string {
  return codec.encode([score, member]);
}

/** The position a client's `after` names; BAD_USER_INPUT on `after` if it names none. */
export function decodeCursor(value: string | null | undefined): Cursor | undefined {
  const decoded = codec.decode(value);
  return decoded && { score: decoded[0], member: decoded[1] };
}
