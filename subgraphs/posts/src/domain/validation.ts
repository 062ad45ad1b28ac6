import { z } from 'zod';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const postId = z
  .string()
  .regex(UUID, 'is not a valid post id')
  .transform((v) => v.toLowerCase());

/** 1–500 characters after trimming; control characters other than newlines are refused. */
export const body = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500, 'must be at most 500 characters')
  .refine((v) => !/[^\P{Cc}\n]/u.test(v), 'must not contain control characters');

export const createPostInput = z.object({ body, replyToId: postId.nullish() });
export const updatePostInput = z.object({ id: postId, body });

/** Opaque cursors: base64url of the last post id seen. */
export function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export const cursor = z
  .string()
  .transform((v) => Buffer.from(v, 'base64url').toString())
  .pipe(z.string().regex(UUID, 'is not a valid cursor'));

export const pageArgs = z.object({
  first: z.number().int().min(0, 'must be at least 0').max(100, 'must be at most 100').default(20),
  after: cursor.nullish(),
});
