import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A random opaque token (refresh, verification): 256 bits, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; the token cannot be recovered from it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The refresh token that replaces `token` when it is rotated: HMAC-SHA256 under identity's
 * refresh-token key. Deterministic, so a token presented twice by concurrent refreshes (two
 * tabs, a retry) gets the same successor although only hashes are stored; unpredictable
 * without the key, so a stolen rotated token does not give its successor away.
 */
export function successorToken(key: Uint8Array, token: string): string {
  return createHmac('sha256', key).update(token).digest('base64url');
}
