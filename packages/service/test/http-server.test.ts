import { testLogger } from '@flock/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningHttpServer, sendJson, startHttpServer } from '../src';

const logger = testLogger();
let server: RunningHttpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startHttpServer', () => {
  it('answers /healthz and reports each readiness check on /readyz', async () => {
    let redisUp = false;
    server = await startHttpServer({
      logger,
      host: '127.0.0.1',
      port: 0,
      readiness: {
        postgres: async () => {},
        redis: async () => {
          if (!redisUp) throw new Error('connection refused');
        },
      },
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'unavailable',
      checks: { postgres: 'ok', redis: 'connection refused' },
    });

    redisUp = true;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('times out a readiness check that hangs', async () => {
    server = await startHttpServer({
      logger,
      host: '127.0.0.1',
      port: 0,
      readinessTimeoutMs: 50,
      readiness: { kafka: () => new Promise(() => {}) },
    });
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ checks: { kafka: 'timed out after 50 ms' } });
  });

  it('passes other routes to the handler and echoes or creates the correlation id', async () => {
    server = await startHttpServer({
      logger,
      host: '127.0.0.1',
      port: 0,
      handler: (req, res) => sendJson(res, 200, { path: req.url }),
    });
    const given = await fetch(`${server.url}/graphql`, {
      headers: { 'x-correlation-id': 'abc-1' },
    });
    expect(given.headers.get('x-correlation-id')).toBe('abc-1');
    expect(await given.json()).toEqual({ path: '/graphql' });

    const made = await fetch(`${server.url}/x`, { headers: { 'x-correlation-id': 'bad id!' } });
    expect(made.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stops accepting on close and lets an in-flight request finish', async () => {
    let release: () => void = () => {};
    let arrived: () => void = () => {};
    const handling = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const running = await startHttpServer({
      logger,
      host: '127.0.0.1',
      port: 0,
      handler: async (_req, res) => {
        await new Promise<void>((resolve) => {
          release = resolve;
          arrived();
        });
        sendJson(res, 200, { finished: true });
      },
    });
    const inFlight = fetch(`${running.url}/slow`);
    await handling; // the request is inside the handler
    const closed = running.close();
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    release();
    expect(await (await inFlight).json()).toEqual({ finished: true });
    await closed;
  });
});
