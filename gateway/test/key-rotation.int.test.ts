import { generatePrivateJwk, publicJwkOf } from '@flock/auth';
import { uniqueId } from '@flock/testing';
import { decodeProtectedHeader, type JSONWebKeySet, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { errorOf, graphql, startTestStack, type TestStack } from './harness';

/**
 * Rolling the signing key as the README's procedure does: deploy the new key with the old
 * one as previous (its tokens keep working), later remove the old one (its tokens are
 * refused). Each step is a new identity and a new gateway, as a deployment makes them.
 */
async function deployedWith(keys: { JWT_PRIVATE_KEY: string; JWT_PREVIOUS_PUBLIC_KEYS?: string }) {
  const saved = {
    JWT_PRIVATE_KEY: process.env.JWT_PRIVATE_KEY,
    JWT_PREVIOUS_PUBLIC_KEYS: process.env.JWT_PREVIOUS_PUBLIC_KEYS,
  };
  process.env.JWT_PRIVATE_KEY = keys.JWT_PRIVATE_KEY;
  if (keys.JWT_PREVIOUS_PUBLIC_KEYS) {
    process.env.JWT_PREVIOUS_PUBLIC_KEYS = keys.JWT_PREVIOUS_PUBLIC_KEYS;
  } else {
    delete process.env.JWT_PREVIOUS_PUBLIC_KEYS;
  }
  try {
    return await startTestStack();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function servedKids(stack: TestStack): Promise<string[]> {
  const response = await fetch(stack.identityUrl.replace(/\/graphql$/, '/.well-known/jwks.json'));
  const jwks = (await response.json()) as JSONWebKeySet;
  for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  return jwks.keys.map((key) => key.kid as string);
}

const kidOf = (token: string) => decodeProtectedHeader(token).kid;

async function me(url: string, token: string) {
  return graphql<{ me: { id: string } }>(url, '{ me { id } }', {}, { token });
}

async function withStack<T>(stack: TestStack, use: (stack: TestStack) => Promise<T>): Promise<T> {
  try {
    return await use(stack);
  } finally {
    await stack.stop();
  }
}

describe('signing key rotation', () => {
  it('accepts tokens of the previous key until it is removed, then refuses them', async () => {
    const oldKey = await generatePrivateJwk();
    const newKey = await generatePrivateJwk();
    const oldPublic = await publicJwkOf(oldKey);
    const newKid = (await publicJwkOf(newKey)).kid as string;
    const oldKid = oldPublic.kid as string;

    // Before: the old key signs.
    const before = await withStack(
      await deployedWith({ JWT_PRIVATE_KEY: json(oldKey) }),
      async (stack) => {
        expect(await servedKids(stack)).toEqual([oldKid]);
        const name = uniqueId('rot');
        const response = await graphql<{
          register: { accessToken: string; refreshToken: string; user: { id: string } };
        }>(
          stack.gatewayUrl,
          'mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }',
          { input: { username: name, email: `${name}@example.com`, password: 'long enough pw' } },
        );
        expect(response.errors).toBeUndefined();
        return response.data?.register as {
          accessToken: string;
          refreshToken: string;
          user: { id: string };
        };
      },
    );
    expect(kidOf(before.accessToken)).toBe(oldKid);

    // Rotated: the new key signs, the old one is previous.
    const rotatedToken = await withStack(
      await deployedWith({
        JWT_PRIVATE_KEY: json(newKey),
        JWT_PREVIOUS_PUBLIC_KEYS: json([oldPublic]),
      }),
      async (stack) => {
        expect(await servedKids(stack)).toEqual([newKid, oldKid]);
        // The old key's token still works, at the gateway and at the subgraph.
        expect((await me(stack.gatewayUrl, before.accessToken)).data?.me.id).toBe(before.user.id);
        expect((await me(stack.identityUrl, before.accessToken)).data?.me.id).toBe(before.user.id);
        // Sessions go on: the refresh token gets an access token signed with the new key.
        const refreshed = await graphql<{ refreshSession: { accessToken: string } }>(
          stack.gatewayUrl,
          'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }',
          { t: before.refreshToken },
        );
        const token = refreshed.data?.refreshSession.accessToken as string;
        expect(kidOf(token)).toBe(newKid);
        expect((await me(stack.gatewayUrl, token)).data?.me.id).toBe(before.user.id);
        return token;
      },
    );

    // After: the old key is removed.
    await withStack(await deployedWith({ JWT_PRIVATE_KEY: json(newKey) }), async (stack) => {
      expect(await servedKids(stack)).toEqual([newKid]);
      const atGateway = await me(stack.gatewayUrl, before.accessToken);
      expect(atGateway.status).toBe(401);
      expect(errorOf(atGateway).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await me(stack.identityUrl, before.accessToken)).code).toBe('UNAUTHENTICATED');
      expect((await me(stack.gatewayUrl, rotatedToken)).data?.me.id).toBe(before.user.id);
    });
  });
});

const json = (value: JWK | JWK[]) => JSON.stringify(value);
