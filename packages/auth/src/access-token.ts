import { serviceUnavailable, unauthenticated as unauthenticatedError } from '@flock/graphql';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWTHeaderParameters,
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
  // for repeats (clients send the same token with every request). A repeat still asks the key
  // set for the token's kid (a map lookup; a remote set refetches when older than its cache
  // age), so a key removed from the set stops its cached tokens as soon as the set no longer
  // holds it; a key object that changed under the same kid means a full check again.
  const verified = new Map<string, VerifiedToken>();
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization);
    if (!match?.[1]) throw unauthenticated('Authorization header must be "Bearer <access token>"');
    const token = match[1];
    try {
      const cached = verified.get(token);
      if (cached && cached.expiresAt > Date.now()) {
        if ((await keys(cached.header, cached.flattened)) === cached.key) return cached.viewer;
        verified.delete(token);
      }
      let key: unknown;
      const { payload, protectedHeader } = await jwtVerify(
        token,
        async (header, flattened) => {
          key = await keys(header, flattened);
          return key as Awaited<ReturnType<JWTVerifyGetKey>>;
        },
        {
          algorithms: [ACCESS_TOKEN_ALG],
          typ: ACCESS_TOKEN_TYP,
          issuer,
          audience,
          requiredClaims: ['sub', 'exp', 'iat', 'sid'],
        },
      );
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw unauthenticated('Access token is malformed');
      }
      const viewer = { id: payload.sub, sessionId: payload.sid };
      if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
      const [protectedPart = '', , signature = ''] = token.split('.');
      verified.set(token, {
        viewer,
        expiresAt: (payload.exp ?? 0) * 1000,
        header: protectedHeader,
        flattened: { protected: protectedPart, payload: '', signature },
        key,
      });
      return viewer;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw unauthenticated('Access token expired');
      if (error instanceof errors.JOSEError) throw unauthenticated('Access token is invalid');
      throw error;
    }
  };
}

interface VerifiedToken {
  viewer: Viewer;
  expiresAt: number;
  /** What the key set is asked again on a repeat, and the key it answered the first time. */
  header: JWTHeaderParameters;
  flattened: FlattenedJWSInput;
  key: unknown;
}

/**
 * How long a verifier keeps identity's key set before fetching it again: the same 5 minutes
 * identity's JWKS response allows (Cache-Control). An unknown kid refetches sooner (at most
 * once per `cooldownDuration`). A key removed from identity's set is therefore rejected by
 * every verifier at most this long after identity stops serving it.
 */
export const JWKS_CACHE_MAX_AGE_MS = 300_000;

/**
 * Keys from identity's JWKS endpoint, cached and refreshed on an unknown kid. When identity
 * cannot be reached (down, frozen: each fetch is bounded by `timeoutMs`), the keys already
 * fetched keep verifying tokens, and identity is not asked again for `cooldownDuration`, so
 * an identity outage neither signs everyone out when the cache ages nor slows requests down.
 * (A key removed from identity's set during the outage is refused once identity answers.)
 */
export interface RemoteKeys extends JWTVerifyGetKey {
  /** Fetches the key set now (into the cache the verifier reads), bounded like every fetch. */
  reload(): Promise<void>;
}

export function remoteKeys(
  jwksUrl: string,
  { cacheMaxAge = JWKS_CACHE_MAX_AGE_MS, cooldownDuration = 30_000, timeoutMs = 1_500 } = {},
): RemoteKeys {
  const remote = createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration,
    cacheMaxAge,
    timeoutDuration: timeoutMs,
  });
  let unreachableSince: number | undefined;
  let lastKnown: JWTVerifyGetKey | undefined;
  const lastKnownKeys = () => {
    const set = remote.jwks();
    if (!lastKnown && set) lastKnown = createLocalJWKSet(set);
    return lastKnown;
  };
  const getKey: JWTVerifyGetKey = async (header, token) => {
    if (unreachableSince !== undefined && Date.now() - unreachableSince < cooldownDuration) {
      const keys = lastKnownKeys();
      if (keys) return keys(header, token);
    }
    try {
      const key = await remote(header, token);
      unreachableSince = undefined;
      lastKnown = undefined; // rebuilt from the set just fetched when next needed
      return key;
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const keys = lastKnownKeys();
      // Never fetched: the token cannot be checked, which says nothing about the token.
      if (!keys) throw serviceUnavailable("identity's signing keys", { requestLevel: true });
      unreachableSince = Date.now();
      return keys(header, token);
    }
  };
  return Object.assign(getKey, { reload: () => remote.reload() });
}

/** The key set could not be fetched (as opposed to: it was, and holds no such key). */
function isUnreachable(error: unknown): boolean {
  return !(
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JWSSignatureVerificationFailed
  );
}

export function localKeys(jwks: JSONWebKeySet): JWTVerifyGetKey {
  return createLocalJWKSet(jwks);
}

export interface RemoteAccessTokenVerifier extends AccessTokenVerifier {
  /**
   * A readiness check: fetches identity's keys into the verifier's own cache the first time,
   * so that a service is ready only once it can check tokens, and its first signed-in request
   * does not wait on (or, under load, time out on) that fetch. Once fetched, it is a no-op:
   * an identity outage later does not make the service unready (the keys are kept).
   */
  keysReady(): Promise<void>;
}

/** The verifier of a service that is not identity: keys from identity's JWKS endpoint. */
export function verifierFromEnv(env: {
  IDENTITY_JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}): RemoteAccessTokenVerifier {
  const keys = remoteKeys(env.IDENTITY_JWKS_URL);
  const verifier = createAccessTokenVerifier(keys, {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  });
  let fetched = false;
  const keysReady = async () => {
    if (fetched) return;
    await keys.reload();
    fetched = true;
  };
  return Object.assign(verifier, { keysReady });
}

/** The viewer or UNAUTHENTICATED: for fields and mutations that need a signed-in user. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticatedError();
  return viewer;
}
