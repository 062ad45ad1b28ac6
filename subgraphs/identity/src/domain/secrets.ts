import { createHash, randomBytes } from 'node:crypto';

/** A random opaque token (refresh, verification): 256 bits, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; the token cannot be recovered from it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
