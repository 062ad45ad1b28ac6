import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewayEnv } from '../src/env';
import { loadSupergraph } from '../src/supergraph';

const production = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('gateway configuration', () => {
  it('is secure by default in production: no Sandbox, no introspection, rate limits on', () => {
    const env = loadGatewayEnv(production);
    expect(env).toMatchObject({ sandbox: false, introspection: false, weakened: [] });
    expect(env.rateLimits).toMatchObject({ perIp: 1200, perUser: 600 });
  });

  it('lists every weakening set explicitly in production, to be logged at start', () => {
    const env = loadGatewayEnv({
      ...production,
      SANDBOX: 'true',
      INTROSPECTION: 'true',
      RATE_LIMIT_IP_PER_MINUTE: '0',
      RATE_LIMIT_USER_PER_MINUTE: '0',
    });
    expect(env.weakened.map((w) => w.split(':')[0])).toEqual([
      'SANDBOX',
      'INTROSPECTION',
      'RATE_LIMIT_IP_PER_MINUTE=0',
      'RATE_LIMIT_USER_PER_MINUTE=0',
    ]);
  });

  it('reads the supergraph from SUPERGRAPH_PATH, by default the committed one', () => {
    expect(loadGatewayEnv({}).SUPERGRAPH_PATH).toBe(
      join(import.meta.dirname, '..', '..', 'schema', 'supergraph.graphql'),
    );
    expect(
      loadGatewayEnv({ SUPERGRAPH_PATH: '/etc/flock/supergraph/supergraph.graphql' })
        .SUPERGRAPH_PATH,
    ).toBe('/etc/flock/supergraph/supergraph.graphql');
    expect(() => loadSupergraph('/nowhere/supergraph.graphql')).toThrow(
      'cannot read the supergraph at /nowhere/supergraph.graphql (SUPERGRAPH_PATH): ENOENT',
    );
  });

  it('reads trusted proxies as a list and refuses one it cannot parse', () => {
    expect(loadGatewayEnv({ TRUSTED_PROXIES: '10.0.0.0/8, loopback' }).TRUSTED_PROXIES).toEqual([
      '10.0.0.0/8',
      'loopback',
    ]);
    expect(() => loadGatewayEnv({ TRUSTED_PROXIES: 'not-an-address' })).toThrow(/TRUSTED_PROXIES/);
  });
});
