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
  /** The RFC 7638 thumbprint of the public key: every token names its key with it. */
  kid: string;
  privateKey: PrivateKey;
  /**
   * The public keys, as served on /.well-known/jwks.json and trusted by identity itself: the
   * signing key first, then the previous keys (still valid for the tokens they signed).
   */
  jwks: JSONWebKeySet;
}

/**
 * The access-token signing key. Production passes the private JWK (Ed25519) as a string;
 * development generates one at first start in `devKeyFile` (git-ignored) and reuses it.
 *
 * `previousPublicKeys` (JSON: an array of public Ed25519 JWKs, or a JWKS) are published and
 * accepted beside it but never sign: the keys being rotated out, whose tokens keep working
 * until they expire. Whatever kid they carry, each is named by its thumbprint, as its tokens are.
 */
export async function loadSigningKey({
  privateJwk,
  devKeyFile,
  previousPublicKeys,
}: {
  privateJwk?: string;
  devKeyFile: string;
  previousPublicKeys?: string;
}): Promise<SigningKey> {
  let jwk: JWK;
  if (privateJwk) {
    jwk = JSON.parse(privateJwk) as JWK;
  } else if (existsSync(devKeyFile)) {
    jwk = JSON.parse(readFileSync(devKeyFile, 'utf8')) as JWK;
  } else {
    jwk = await generatePrivateJwk();
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
  const current = await publicJwkOf(jwk);
  const previous = await parsePreviousPublicKeys(previousPublicKeys);
  const privateKey = await importJWK({ ...jwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG);
  return {
    kid: current.kid as string,
    privateKey,
    jwks: { keys: [current, ...previous.filter((key) => key.kid !== current.kid)] },
  };
}

/** A new private Ed25519 JWK (for JWT_PRIVATE_KEY). */
export async function generatePrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, {
    crv: 'Ed25519',
    extractable: true,
  });
  return exportJWK(privateKey);
}

/** The public half of an Ed25519 JWK as the JWKS serves it: kid = thumbprint, alg, use. */
export async function publicJwkOf(jwk: JWK): Promise<JWK> {
  const { kty, crv, x } = jwk;
  const publicJwk = { kty, crv, x };
  const kid = await calculateJwkThumbprint(publicJwk);
  return { ...publicJwk, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
}

async function parsePreviousPublicKeys(value: string | undefined): Promise<JWK[]> {
  if (value === undefined || value.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error('JWT_PREVIOUS_PUBLIC_KEYS must be JSON: an array of public JWKs, or a JWKS');
  }
  const keys = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) {
    throw new Error('JWT_PREVIOUS_PUBLIC_KEYS must be an array of public JWKs, or a JWKS');
  }
  return Promise.all(
    keys.map((key: JWK, i) => {
      if (key?.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.x !== 'string') {
        throw new Error(`JWT_PREVIOUS_PUBLIC_KEYS[${i}] must be an Ed25519 public JWK`);
      }
      // A private key here would be served to the world on the JWKS endpoint.
      if ('d' in key) throw new Error(`JWT_PREVIOUS_PUBLIC_KEYS[${i}] holds a private key`);
      return publicJwkOf(key);
    }),
  );
}
