import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SIGN_INS } from '../../infra/seed/generate';
import { allowedOrigin } from '../src/cors';
import { loadGatewayEnv } from '../src/env';
import { sandboxDocument, sandboxVariables } from '../src/sandbox';

const apiSchema = buildSchema(
  readFileSync(join(import.meta.dirname, '..', '..', 'schema', 'api.graphql'), 'utf8'),
);

describe('the Sandbox example operations', () => {
  it('are valid against the API schema (they break with the schema, not in front of a newcomer)', () => {
    const document = parse(sandboxDocument);
    expect(validate(apiSchema, document)).toEqual([]);
    const names = document.definitions.map((d) => ('name' in d ? d.name?.value : undefined));
    expect(names).toEqual(['SignUp', 'SignIn', 'RefreshSession', 'HomeFeed']);
  });

  it('come with a value for every variable they declare', () => {
    const declared = parse(sandboxDocument).definitions.flatMap((d) =>
      d.kind === 'OperationDefinition'
        ? (d.variableDefinitions ?? []).map((v) => v.variable.name.value)
        : [],
    );
    expect(Object.keys(sandboxVariables).sort()).toEqual([...new Set(declared)].sort());
  });

  it('sign in as the demo account `npm run seed:demo` makes', () => {
    expect(sandboxVariables.login).toBe(SIGN_INS[0]?.handle);
    expect(sandboxVariables.password).toBe(DEMO_PASSWORD);
  });
});

describe('CORS configuration', () => {
  it('allows the web example and the Sandbox in development, nothing in production', () => {
    expect(loadGatewayEnv({}).corsOrigins).toContain('http://127.0.0.1:5173');
    const production = loadGatewayEnv({ NODE_ENV: 'production', REDIS_URL: 'redis://x:6379' });
    expect(production.corsOrigins).toEqual([]);
    expect(production.weakened).toEqual([]);
  });

  it('reads a list of origins, refuses what is not an origin, and flags * in production', () => {
    expect(
      loadGatewayEnv({ CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => loadGatewayEnv({ CORS_ORIGINS: 'https://a.example/' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadGatewayEnv({ CORS_ORIGINS: 'a.example' })).toThrow(/CORS_ORIGINS/);
    const open = loadGatewayEnv({
      NODE_ENV: 'production',
      REDIS_URL: 'redis://x:6379',
      CORS_ORIGINS: '*',
    });
    expect(open.weakened.map((w) => w.split(':')[0])).toEqual(['CORS_ORIGINS=*']);
  });

  it('matches origins exactly', () => {
    const policy = { origins: ['https://app.example'] };
    expect(allowedOrigin(policy, 'https://app.example')).toBe('https://app.example');
    expect(allowedOrigin(policy, 'https://app.example.evil.test')).toBeUndefined();
    expect(allowedOrigin(policy, 'http://app.example')).toBeUndefined();
    expect(allowedOrigin(policy, undefined)).toBeUndefined();
    expect(allowedOrigin({ origins: ['*'] }, 'https://any.example')).toBe('*');
  });
});
