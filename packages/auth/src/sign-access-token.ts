import { type JWTHeaderParameters, SignJWT } from 'jose';
import { uuidv7 } from 'uuidv7';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TYP } from './access-token';
import type { SigningKey } from './signing-key';

export interface AccessTokenClaims {
  /** The user. */
  sub: string;
  /** The session (refresh-token family). */
  sid: string;
  issuer: string;
  audience: string;
  /** Seconds since the epoch; now by default. */
  issuedAt?: number;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * Signs an access token the way identity issues them (RFC 9068 `at+jwt`, EdDSA, `kid`).
 * Identity's issuer uses it, and so do tests and benchmarks that need a token of their own
 * (`header` lets a test forge a wrong one).
 */
export function signAccessToken(
  key: Pick<SigningKey, 'kid' | 'privateKey'>,
  claims: AccessTokenClaims,
  header: Partial<JWTHeaderParameters> = {},
): Promise<string> {
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, typ: ACCESS_TOKEN_TYP, kid: key.kid, ...header })
    .setSubject(claims.sub)
    .setIssuer(claims.issuer)
    .setAudience(claims.audience)
    .setIssuedAt(claims.issuedAt ?? Math.floor(Date.now() / 1000))
    .setExpirationTime(claims.expiresAt)
    .setJti(uuidv7())
    .sign(key.privateKey);
}
