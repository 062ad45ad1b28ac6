import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { base64url, CompactEncrypt, compactDecrypt } from 'jose';

/**
 * Seals email tokens (verification links) for the trip identity → Kafka → mailer, so the
 * plain token exists only in identity's memory, the mailer's memory and the email itself.
 * A shared 256-bit key: from the environment in production, generated in development.
 */
export interface EmailTokenCipher {
  seal(token: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** A 256-bit secret: from the environment in production, else a dev key file made at first start. */
export function loadSecretKey({
  value,
  devKeyFile,
  name = 'the email token key',
}: {
  value?: string;
  devKeyFile: string;
  /** Named in the error when the value is not 32 bytes. */
  name?: string;
}): Uint8Array {
  let encoded = value;
  if (!encoded && existsSync(devKeyFile)) encoded = readFileSync(devKeyFile, 'utf8').trim();
  if (!encoded) {
    encoded = randomBytes(32).toString('base64url');
    mkdirSync(dirname(devKeyFile), { recursive: true });
    try {
      writeFileSync(devKeyFile, encoded, { mode: 0o600, flag: 'wx' });
    } catch {
      encoded = readFileSync(devKeyFile, 'utf8').trim();
    }
  }
  const key = base64url.decode(encoded);
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64url-encoded`);
  return key;
}

export function emailTokenCipher(key: Uint8Array): EmailTokenCipher {
  return {
    seal: (token) =>
      new CompactEncrypt(new TextEncoder().encode(token))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(key),
    open: async (sealed) => {
      const { plaintext } = await compactDecrypt(sealed, key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return new TextDecoder().decode(plaintext);
    },
  };
}
