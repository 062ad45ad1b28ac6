import argon2 from 'argon2';

/**
 * argon2id with OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1): about 20–30 ms of
 * one core per hash here. The parameters live in each hash, so raising them later only
 * needs rehash-on-login.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

/** A hash of nothing in particular, verified against when the account does not exist. */
let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash, or against a dummy hash when there is no
 * account or it has no password (made through an OpenID Connect provider), so these cases
 * take the same time and a caller cannot tell them apart.
 */
export async function verifyPassword(
  hash: string | null | undefined,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword('flock-timing-equaliser');
  const target = hash ?? (await dummyHash);
  const matches = await argon2.verify(target, password).catch(() => false);
  return hash != null && matches;
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}
