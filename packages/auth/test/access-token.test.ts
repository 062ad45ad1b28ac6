import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { base64url, type JSONWebKeySet, type JWK } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createAccessTokenVerifier,
  generatePrivateJwk,
  loadSigningKey,
  localKeys,
  publicJwkOf,
  remoteKeys,
  type SigningKey,
  signAccessToken,
  verifierFromEnv,
} from '../src';

const audience = { issuer: 'urn:flock:identity', audience: 'urn:flock:api' };
let key: SigningKey;
let otherKey: SigningKey;

function sign(
  signingKey: SigningKey,
  claims: { sub?: string; sid?: string; iss?: string; aud?: string; exp?: number } = {},
  header: Record<string, string> = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return signAccessToken(
    signingKey,
    {
      sub: claims.sub ?? 'user-1',
      sid: claims.sid ?? 'session-1',
      issuer: claims.iss ?? audience.issuer,
      audience: claims.aud ?? audience.audience,
      issuedAt: now - 10,
      expiresAt: claims.exp ?? now + 600,
    },
    header,
  );
}

async function rejection(verify: Promise<unknown>) {
  const error = await verify.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

afterEach(() => {
  vi.useRealTimers();
});

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'flock-keys-'));
  key = await loadSigningKey({ devKeyFile: join(dir, 'a.jwk') });
  otherKey = await loadSigningKey({ devKeyFile: join(dir, 'b.jwk') });
});

describe('access token verification', () => {
  const verifier = () => createAccessTokenVerifier(localKeys(key.jwks), audience);

  it('accepts a valid token and returns the viewer', async () => {
    expect(await verifier()(`Bearer ${await sign(key)}`)).toEqual({
      id: 'user-1',
      sessionId: 'session-1',
    });
  });

  it('still expires a token it verified (and cached) before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const verify = verifier();
    const token = await sign(key, { exp: Math.floor(Date.now() / 1000) + 60 });
    expect(await verify(`Bearer ${token}`)).toEqual({ id: 'user-1', sessionId: 'session-1' });
    vi.setSystemTime(Date.now() + 61_000);
    const error = await rejection(verify(`Bearer ${token}`));
    expect(error.message).toMatch(/expired/);
  });

  it('treats a missing header as anonymous', async () => {
    expect(await verifier()(undefined)).toBeNull();
  });

  it('reuses the dev key file on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flock-keys-'));
    const first = await loadSigningKey({ devKeyFile: join(dir, 'k.jwk') });
    const second = await loadSigningKey({ devKeyFile: join(dir, 'k.jwk') });
    expect(second.kid).toBe(first.kid);
    expect(first.jwks.keys[0]).not.toHaveProperty('d');
  });

  const cases: [string, () => Promise<string>, RegExp][] = [
    ['expired', () => sign(key, { exp: Math.floor(Date.now() / 1000) - 60 }), /expired/],
    ['signed with another key', () => sign(otherKey, {}, { kid: key.kid }), /invalid/],
    ['of the wrong issuer', () => sign(key, { iss: 'urn:evil' }), /invalid/],
    ['for another audience', () => sign(key, { aud: 'urn:other-api' }), /invalid/],
    ['of another type', () => sign(key, {}, { typ: 'JWT' }), /invalid/],
    [
      'tampered with',
      async () => {
        const [header, payload, signature] = (await sign(key)).split('.');
        const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? '')));
        const forged = base64url.encode(JSON.stringify({ ...claims, sub: 'someone-else' }));
        return `${header}.${forged}.${signature}`;
      },
      /invalid/,
    ],
    [
      'unsigned (alg: none)',
      async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
        const now = Math.floor(Date.now() / 1000);
        const payload = base64url.encode(
          JSON.stringify({
            sub: 'user-1',
            sid: 's',
            iss: audience.issuer,
            aud: audience.audience,
            iat: now,
            exp: now + 60,
          }),
        );
        return `${header}.${payload}.`;
      },
      /invalid/,
    ],
  ];

  for (const [name, make, message] of cases) {
    it(`rejects a token ${name} as UNAUTHENTICATED`, async () => {
      const error = await rejection(verifier()(`Bearer ${await make()}`));
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(message);
    });
  }

  it('rejects a header that is not a Bearer token', async () => {
    const error = await rejection(verifier()('Basic dXNlcjpwYXNz'));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('key rotation', () => {
  async function withPrevious(previousPublicKeys: string) {
    const dir = mkdtempSync(join(tmpdir(), 'flock-keys-'));
    return loadSigningKey({ devKeyFile: join(dir, 'new.jwk'), previousPublicKeys });
  }
  const publicOf = (k: SigningKey) => k.jwks.keys[0] as JWK;

  it('publishes the previous keys beside the signing key and accepts their tokens', async () => {
    const rotated = await withPrevious(JSON.stringify([publicOf(key)]));
    expect(rotated.jwks.keys.map((k) => k.kid)).toEqual([rotated.kid, key.kid]);
    expect(rotated.jwks.keys.every((k) => !('d' in k))).toBe(true);
    const verify = createAccessTokenVerifier(localKeys(rotated.jwks), audience);
    expect(await verify(`Bearer ${await sign(key)}`)).toMatchObject({ id: 'user-1' });
    expect(await verify(`Bearer ${await sign(rotated)}`)).toMatchObject({ id: 'user-1' });
    // A key that is not in the set is refused, whatever kid its tokens claim.
    const error = await rejection(verify(`Bearer ${await sign(otherKey)}`));
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('reads a JWKS too, and names each key by its thumbprint', async () => {
    const published = { ...publicOf(key), kid: 'chosen-by-someone' };
    const rotated = await withPrevious(JSON.stringify({ keys: [published] }));
    expect(rotated.jwks.keys.map((k) => k.kid)).toEqual([rotated.kid, key.kid]);
  });

  it.each([
    ['not JSON', 'nope', /must be JSON/],
    ['not a list', '{"a":1}', /array of public JWKs/],
    ['another kind of key', '[{"kty":"EC","crv":"P-256","x":"a","y":"b"}]', /Ed25519/],
  ])('refuses previous keys that are %s', async (_name, value, message) => {
    await expect(withPrevious(value)).rejects.toThrow(message);
  });

  it('refuses a private key among the previous (public) keys', async () => {
    const privateJwk = await generatePrivateJwk();
    await expect(withPrevious(JSON.stringify([privateJwk]))).rejects.toThrow(/private key/);
    // The public half of it is what belongs there.
    const rotated = await withPrevious(JSON.stringify([await publicJwkOf(privateJwk)]));
    expect(rotated.jwks.keys).toHaveLength(2);
  });

  it('answers SERVICE_UNAVAILABLE, not UNAUTHENTICATED, when it never had the keys and identity is down', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve)); // nothing listens there now
    const verify = createAccessTokenVerifier(remoteKeys(`http://127.0.0.1:${port}/jwks`), audience);
    const error = await rejection(verify(`Bearer ${await sign(key)}`));
    expect(error.extensions.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('fetches the keys into its cache when asked if ready, so the first request fetches nothing', async () => {
    let up = false;
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches++;
      res.statusCode = up ? 200 : 503;
      res.setHeader('content-type', 'application/json');
      res.end(up ? JSON.stringify(key.jwks) : '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verify = verifierFromEnv({
        IDENTITY_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
        JWT_ISSUER: audience.issuer,
        JWT_AUDIENCE: audience.audience,
      });
      // Identity not answering yet: not ready.
      await expect(verify.keysReady()).rejects.toThrow();
      up = true;
      await verify.keysReady();
      const afterReady = fetches;
      expect(await verify(`Bearer ${await sign(key)}`)).toMatchObject({ id: 'user-1' });
      expect(fetches).toBe(afterReady);
      // Ready stays ready without asking identity again, even when it is down.
      up = false;
      await verify.keysReady();
      expect(fetches).toBe(afterReady);
    } finally {
      server.close();
    }
  });

  it('keeps verifying with the keys it has while identity cannot be reached', async () => {
    let up = true;
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches++;
      if (!up) {
        res.statusCode = 503;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(key.jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verify = createAccessTokenVerifier(
        remoteKeys(`http://127.0.0.1:${port}/jwks`, {
          cacheMaxAge: 60_000,
          cooldownDuration: 30_000,
        }),
        audience,
      );
      expect(await verify(`Bearer ${await sign(key)}`)).toMatchObject({ id: 'user-1' });

      // Identity goes down and the cached set ages: tokens still verify, and identity is asked
      // once, not on every request.
      up = false;
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 61_000);
      const before = fetches;
      for (let i = 0; i < 5; i++) {
        expect(await verify(`Bearer ${await sign(key)}`)).toMatchObject({ id: 'user-1' });
      }
      expect(fetches - before).toBe(1);
      // A token signed by a key it never saw is still refused.
      expect((await rejection(verify(`Bearer ${await sign(otherKey)}`))).extensions.code).toBe(
        'UNAUTHENTICATED',
      );

      // Identity is back: after the pause, it is asked again.
      up = true;
      vi.setSystemTime(Date.now() + 31_000);
      expect(await verify(`Bearer ${await sign(key)}`)).toMatchObject({ id: 'user-1' });
      expect(fetches - before).toBe(2);
    } finally {
      vi.useRealTimers();
      server.close();
    }
  });

  it("stops a cached token once identity's key set no longer holds its key", async () => {
    let served: JSONWebKeySet = { keys: [...key.jwks.keys, ...otherKey.jwks.keys] };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const verify = createAccessTokenVerifier(
        remoteKeys(`http://127.0.0.1:${port}/jwks`, { cacheMaxAge: 60_000 }),
        audience,
      );
      const old = `Bearer ${await sign(otherKey)}`;
      const current = `Bearer ${await sign(key)}`;
      expect(await verify(old)).toMatchObject({ id: 'user-1' });
      expect(await verify(current)).toMatchObject({ id: 'user-1' });

      // The old key is removed; within the cache age the verifier may still accept it...
      served = { keys: key.jwks.keys };
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 61_000);
      // ...after it, the set is fetched again and the cached token is refused.
      const error = await rejection(verify(old));
      expect(error.extensions.code).toBe('UNAUTHENTICATED');
      expect(await verify(current)).toMatchObject({ id: 'user-1' });
    } finally {
      server.close();
    }
  });
});
