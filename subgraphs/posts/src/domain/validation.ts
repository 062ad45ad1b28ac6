import { UUID } from '@flock/graphql';
import { z } from 'zod';

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
