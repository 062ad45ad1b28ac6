import { describe, expect, it } from 'vitest';
import { parseOidcProviders } from '../src/domain/oidc-providers';

const google = {
  name: 'google',
  issuer: 'https://accounts.google.com',
  clientId: 'id',
  clientSecret: 'secret',
  redirectUri: 'https://app.example.com/oidc/callback',
};

describe('OIDC_PROVIDERS', () => {
  it('is none when unset, and fills in the default scope', () => {
    expect(parseOidcProviders(undefined)).toEqual([]);
    expect(parseOidcProviders(JSON.stringify([google]))).toEqual([
      { ...google, scope: 'openid email profile' },
    ]);
  });

  it('refuses what is not JSON, incomplete entries, bad names and duplicates', () => {
    expect(() => parseOidcProviders('{nope')).toThrow(/JSON array/);
    expect(() => parseOidcProviders(JSON.stringify([{ ...google, issuer: 'x' }]))).toThrow();
    expect(() => parseOidcProviders(JSON.stringify([{ ...google, name: 'Google!' }]))).toThrow();
    expect(() => parseOidcProviders(JSON.stringify([google, google]))).toThrow(/differ/);
  });
});
