import { unauthenticated as unauthenticatedError } from '@flock/graphql';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';

/** Access tokens are EdDSA JWTs of type at+jwt (RFC 9068); nothing else is accepted. */
export const ACCESS_TOKEN_ALG = 'EdDSA';
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** Who is calling: the verified subject of the access token. */
export interface Viewer {
  id: string;
  /** The session (refresh-token family) the token was issued for. */
  sessionId: string;
}

export interface TokenAudience {
  issuer: string;
  audience: string;
}

const unauthenticated = (message: string) => unauthenticatedError(message, { requestLevel: true });

export type AccessTokenVerifier = (authorization: string | undefined) => Promise<Viewer | null>;

/**
 * Verifies the Bearer token of a request: signature (key from the JWKS), algorithm, type,
 * issuer, audience and expiry. No header means an anonymous viewer (null); a header that
 * fails any check is UNAUTHENTICATED — a bad token is never treated as anonymous.
 */
export function createAccessTokenVerifier(
  keys: JWTVerifyGetKey,
  { issuer, audience }: TokenAudience,
  { cacheSize = 10_000 } = {},
): AccessTokenVerifier {
  // A token that verified once is the same token until it expires: skip the signature check
  // for repeats (clients send the same token with every request).
  const verified = new Map<string, { viewer: Viewer; expiresAt: number }>();
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization);
    if (!match?.[1]) throw unauthenticated('Authorization header must be "Bearer <access token>"');
    const cached = verified.get(match[1]);
    if (cached && cached.expiresAt > Date.now()) return cached.viewer;
    try {
      const { payload } = await jwtVerify(match[1], keys, {
        algorithms: [ACCESS_TOKEN_ALG],
        typ: ACCESS_TOKEN_TYP,
        issuer,
        audience,
        requiredClaims: ['sub', 'exp', 'iat', 'sid'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw unauthenticated('Access token is malformed');
      }
      const viewer = { id: payload.sub, sessionId: payload.sid };
      if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
      verified.set(match[1], { viewer, expiresAt: (payload.exp ?? 0) * 1000 });
      return viewer;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('Access token expired');
      if (error instanceof errors.JOSEError) throw unauthenticated('Access token is invalid');
      throw error;
    }
  };
}

/** Keys from identity's JWKS endpoint, cached and refreshed on an unknown kid. */
export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
}

export function localKeys(jwks: JSONWebKeySet): JWTVerifyGetKey {
  return createLocalJWKSet(jwks);
}

/** The verifier of a service that is not identity: keys from identity's JWKS endpoint. */
export function verifierFromEnv(env: {
  IDENTITY_JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}): AccessTokenVerifier {
  return createAccessTokenVerifier(remoteKeys(env.IDENTITY_JWKS_URL), {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  });
}

/** The viewer or UNAUTHENTICATED: for fields and mutations that need a signed-in user. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticatedError();
  return viewer;
}
