import { FlockError } from '@flock/client';
import { describe, expect, it } from 'vitest';
import { apiUrl, DEFAULT_API_URL } from '../src/api-url';
import { describeError, fieldProblems, partialData } from '../src/errors';
import { parseRoute, profileHref } from '../src/router';

describe('routes', () => {
  it('reads the page from the hash', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/sign-in')).toEqual({ page: 'sign-in' });
    expect(parseRoute('#/sign-up')).toEqual({ page: 'sign-up' });
    expect(parseRoute('#/u/alice')).toEqual({ page: 'profile', username: 'alice' });
    expect(parseRoute('#/u/alice/extra')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/elsewhere')).toEqual({ page: 'not-found' });
  });

  it('shows the not-found page for a malformed profile link', () => {
    // decodeURIComponent throws URIError on these: the hashchange listener must not.
    expect(parseRoute('#/u/%E0%A4%A')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/u/%')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/u/%ZZ')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/u/%E0%A4%A4')).toEqual({ page: 'profile', username: '\u0924' });
  });

  it('links to a profile and back', () => {
    expect(parseRoute(profileHref('a b'))).toEqual({ page: 'profile', username: 'a b' });
  });
});

describe('errors as the member sees them', () => {
  const taken = new FlockError('input.username: is already taken; input.email: is registered', {
    code: 'BAD_USER_INPUT',
    field: 'input.username',
    problems: [
      { field: 'input.username', message: 'is already taken' },
      { field: 'input.email', message: 'is registered' },
    ],
  });

  it('puts each problem of a BAD_USER_INPUT on its form field', () => {
    expect(fieldProblems(taken)).toEqual([
      { field: 'username', message: 'is already taken' },
      { field: 'email', message: 'is registered' },
    ]);
    const one = new FlockError('input.password: is too short', {
      code: 'BAD_USER_INPUT',
      field: 'input.password',
    });
    expect(fieldProblems(one)).toEqual([{ field: 'password', message: 'is too short' }]);
    expect(fieldProblems(new FlockError('no', { code: 'UNAUTHENTICATED' }))).toEqual([]);
    expect(fieldProblems(new Error('plain'))).toEqual([]);
  });

  it('says when to try again, and hides what is not meant for people', () => {
    const limited = new FlockError('slow down', { code: 'RATE_LIMITED', retryAfter: 30 });
    expect(describeError(limited)).toBe('Too many attempts. Try again in 30 s.');
    expect(describeError(new FlockError('x', { code: 'SERVICE_UNAVAILABLE' }))).toContain(
      'unavailable right now',
    );
    expect(describeError(new FlockError('Failed to fetch', { code: 'NETWORK_ERROR' }))).toContain(
      'Could not reach Flock',
    );
    expect(describeError(new TypeError('undefined is not a function'))).toBe(
      'Something went wrong. Try again.',
    );
  });

  it('keeps a partial answer and throws when there is no data', async () => {
    const down = new FlockError('network down', { code: 'SERVICE_UNAVAILABLE' });
    await expect(partialData(Promise.resolve({ data: { n: 1 }, errors: [down] }))).resolves.toEqual(
      { n: 1 },
    );
    await expect(partialData(Promise.resolve({ data: null, errors: [down] }))).rejects.toBe(down);
  });
});

describe('the API URL', () => {
  it('is the configured one, else the local gateway', () => {
    expect(apiUrl(undefined)).toBe(DEFAULT_API_URL);
    expect(apiUrl(' ')).toBe(DEFAULT_API_URL);
    expect(apiUrl('https://api.example.com/graphql')).toBe('https://api.example.com/graphql');
  });
});
