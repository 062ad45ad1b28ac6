import { z } from 'zod';

/** Input rules of identity, shared by resolvers and tests. Messages are shown to clients. */
const controlChars = /[\p{Cc}]/u;
const controlCharsButNewline = /[^\P{Cc}\n]/u;

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,30}$/, 'must be 3 to 30 characters of a-z, 0-9 and _');

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'));

export const password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(128, 'must be at most 128 characters');

/** Optional free text: trimmed; empty or null clears it. */
function optionalText(max: number, { multiline = false } = {}) {
  const forbidden = multiline ? controlCharsButNewline : controlChars;
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !forbidden.test(v), 'must not contain control characters')
    .nullish()
    .transform((v) => (v ? v : null));
}

export const displayName = optionalText(50);
export const bio = optionalText(300, { multiline: true });

export const registerInput = z.object({
  username,
  email,
  password,
  displayName,
});

export const loginInput = z.object({
  login: z.string().trim().toLowerCase().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(128),
});

export const updateProfileInput = z.object({
  displayName: displayName.optional(),
  bio: bio.optional(),
});

export const opaqueToken = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,200}$/, 'is not a valid token');

/** Current passwords are checked, not validated: only bounded (longer ones cannot match). */
export const currentPassword = z
  .string()
  .min(1, 'is required')
  .max(128, 'must be at most 128 characters');
