import { ErrorCode, serviceApolloConfig } from '@flock/graphql';
import { testLogger } from '@flock/testing';
import { describe, expect, it } from 'vitest';
import { FLOCK_ERROR_CODES } from '../src';

/**
 * The SDK keeps its own list of codes (it imports no server package): these fail when the
 * server and the list drift apart.
 */
describe('the SDK’s error codes', () => {
  it('include every code of @flock/graphql’s ErrorCode', () => {
    const missing = Object.values(ErrorCode).filter(
      (code) => !(FLOCK_ERROR_CODES as readonly string[]).includes(code),
    );
    expect(missing).toEqual([]);
  });

  it('are codes the server lets through to clients (or the client’s own NETWORK_ERROR)', () => {
    // Every service formats errors with this: a code it does not know becomes
    // INTERNAL_SERVER_ERROR, so a code listed here that it rewrites is one clients never see.
    const { formatError } = serviceApolloConfig(testLogger());
    const rewritten = FLOCK_ERROR_CODES.filter((code) => code !== 'NETWORK_ERROR').filter(
      (code) =>
        formatError({ message: 'm', extensions: { code } }, new Error('m')).extensions?.code !==
        code,
    );
    expect(rewritten).toEqual([]);
    // The check itself tells codes apart.
    expect(
      formatError({ message: 'm', extensions: { code: 'NOT_A_CODE' } }, new Error('m')).extensions
        ?.code,
    ).toBe('INTERNAL_SERVER_ERROR');
  });
});
