import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, testLogger } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityAccounts } from '../src/domain/follows';
import { loadNetworkEnv } from '../src/env';

// identityAccounts against a stand-in for identity's subgraph: what it sends, and what each
// kind of answer (or none) means for a follow.
interface Received {
  headers: IncomingHttpHeaders;
  body: { query: string; variables: { representations: unknown[] } };
}
const received: Received[] = [];
/** What the stand-in does with the next request. */
let respond: (reply: (status: number, body: unknown) => void) => void;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(raw) });
      respond((status, body) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const accounts = () => identityAccounts({ url, timeoutMs: 300, logger: testLogger() });
const userId = '0190a4b2-7c3e-7d3a-9a51-3f3c2a1b0c9d';

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
}

describe('identityAccounts', () => {
  it('asks identity for the User entity, with the request’s correlation id', async () => {
    respond = (reply) =>
      reply(200, { data: { _entities: [{ id: userId, createdAt: '2026-05-01T10:00:00.000Z' }] } });
    expect(await accounts().registeredAt(userId, 'corr-1')).toBe('2026-05-01T10:00:00.000Z');
    const [request] = received.slice(-1);
    expect(request?.headers['x-correlation-id']).toBe('corr-1');
    expect(request?.body.variables.representations).toEqual([{ __typename: 'User', id: userId }]);
    expect(request?.body.query).toContain('_entities');
  });

  it('is null when identity has no such account', async () => {
    respond = (reply) => reply(200, { data: { _entities: [null] } });
    expect(await accounts().registeredAt(userId, 'corr-2')).toBeNull();
  });

  it('is SERVICE_UNAVAILABLE when identity answers with errors, too slowly or not at all', async () => {
    respond = (reply) =>
      reply(200, { data: { _entities: [null] }, errors: [{ message: 'database down' }] });
    expect(await codeOf(accounts().registeredAt(userId, 'c'))).toBe('SERVICE_UNAVAILABLE');
    respond = (reply) => reply(503, { errors: [{ message: 'unavailable' }] });
    expect(await codeOf(accounts().registeredAt(userId, 'c'))).toBe('SERVICE_UNAVAILABLE');
    respond = (reply) => setTimeout(() => reply(200, { data: { _entities: [null] } }), 1_000);
    expect(await codeOf(accounts().registeredAt(userId, 'c'))).toBe('SERVICE_UNAVAILABLE');
    const closed = identityAccounts({
      url: `http://127.0.0.1:${await freePort()}/graphql`,
      timeoutMs: 300,
      logger: testLogger(),
    });
    expect(await codeOf(closed.registeredAt(userId, 'c'))).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('IDENTITY_SUBGRAPH_URL', () => {
  it('defaults to the /graphql beside the JWKS, and can be set', () => {
    const jwks = 'http://identity.internal:4001/.well-known/jwks.json';
    expect(loadNetworkEnv({ IDENTITY_JWKS_URL: jwks }).IDENTITY_SUBGRAPH_URL).toBe(
      'http://identity.internal:4001/graphql',
    );
    expect(
      loadNetworkEnv({ IDENTITY_JWKS_URL: jwks, IDENTITY_SUBGRAPH_URL: 'http://id:9/graphql' })
        .IDENTITY_SUBGRAPH_URL,
    ).toBe('http://id:9/graphql');
  });
});
