import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { generatePrivateJwk, publicJwkOf } from './signing-key';

/**
 * Key material for production configuration (see README, Security: key rotation):
 *   npx tsx packages/auth/src/keys-cli.ts signing-key   a new private Ed25519 JWK (JWT_PRIVATE_KEY)
 *   npx tsx packages/auth/src/keys-cli.ts public < k    the public JWK of a private one on stdin,
 *                                                      with its kid (for JWT_PREVIOUS_PUBLIC_KEYS)
 *   npx tsx packages/auth/src/keys-cli.ts secret        32 random bytes, base64url
 *                                                      (EMAIL_TOKEN_KEY, REFRESH_TOKEN_KEY)
 */
async function main(command: string | undefined): Promise<string> {
  switch (command) {
    case 'signing-key':
      return JSON.stringify(await generatePrivateJwk());
    case 'public':
      return JSON.stringify(await publicJwkOf(JSON.parse(readFileSync(0, 'utf8')) as JWK));
    case 'secret':
      return randomBytes(32).toString('base64url');
    default:
      throw new Error('usage: keys-cli.ts signing-key | public < private.jwk | secret');
  }
}

if (process.argv[1] === import.meta.filename) {
  main(process.argv[2]).then(
    (out) => process.stdout.write(`${out}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
