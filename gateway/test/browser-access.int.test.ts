import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';

/** What a browser sees: CORS for the configured app origins, and the Sandbox's first page. */
let stack: TestStack;
const APP = 'http://app.flock.test:8080';

beforeAll(async () => {
  stack = await startTestStack({ gatewayEnv: { CORS_ORIGINS: APP } });
});
afterAll(() => stack?.stop());

function preflight(origin: string) {
  return fetch(stack.gatewayUrl, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

describe('CORS at the gateway', () => {
  it('lets a configured origin ask, and tells it what it may send', async () => {
    const response = await preflight(APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = response.headers.get('access-control-allow-headers') ?? '';
    expect(allowed).toContain('authorization');
    expect(allowed).toContain('content-type');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('refuses any other origin with a coded 403 and no permission', async () => {
    const response = await preflight('http://evil.flock.test');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('answers a plain OPTIONS with what the endpoint allows', async () => {
    const response = await fetch(stack.gatewayUrl, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('marks answers to an allowed origin readable, with the correlation id exposed', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
    const other = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { origin: 'http://evil.flock.test', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps CSRF prevention: a simple cross-site POST is refused before it runs', async () => {
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { origin: 'http://evil.flock.test', 'content-type': 'text/plain' },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    expect(response.status).toBe(400);
  });
});

describe('the Sandbox', () => {
  it('opens with the example operations and the Authorization header to fill in', async () => {
    const response = await fetch(stack.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('EmbeddedSandbox');
    expect(html).toContain('Welcome to Flock');
    expect(html).toContain('mutation SignIn');
    expect(html).toContain('Authorization');
  });
});
