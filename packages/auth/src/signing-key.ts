import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { ACCESS_TOKEN_ALG } from './access-token';

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

export interface SigningKey {
  kid: string;
  privateKey: PrivateKey;
  /** The public half, as served on /.well-known/jwks.json. */
  jwks: JSONWebKeySet;
}

/**
 * The access-token signing key. Production passes the private JWK (Ed25519) as a string;
 * development generates one at first start in `devKeyFile` (git-ignored) and reuses it.
 */
export async function loadSigningKey({
  privateJwk,
  devKeyFile,
}: {
  privateJwk?: string;
  devKeyFile: string;
}): Promise<SigningKey> {
  let jwk: JWK;
  if (privateJwk) {
    jwk = JSON.parse(privateJwk) as JWK;
  } else if (existsSync(devKeyFile)) {
    jwk = JSON.parse(readFileSync(devKeyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, {
      crv: 'Ed25519',
      extractable: true,
    });
    jwk = await exportJWK(privateKey);
    mkdirSync(dirname(devKeyFile), { recursive: true });
    try {
      writeFileSync(devKeyFile, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
    } catch {
      // Another process created it first: use that one.
      jwk = JSON.parse(readFileSync(devKeyFile, 'utf8')) as JWK;
    }
  }
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) {
    throw new Error('the signing key must be a private Ed25519 JWK');
  }
  const { d: _private, ...publicJwk } = jwk;
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateKey = await importJWK({ ...jwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG);
  return {
    kid,
    privateKey,
    jwks: { keys: [{ ...publicJwk, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' }] },
  };
}
