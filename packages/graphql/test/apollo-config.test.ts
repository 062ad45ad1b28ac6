import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { badUserInput, isDependencyDown, serviceApolloConfig } from '../src';

/** A real Apollo Server whose resolvers fail in both ways, logging into memory. */
async function serverLoggingTo(lines: Record<string, unknown>[]) {
  const logger = pino(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );
  const server = new ApolloServer<{ correlationId: string }>({
    ...serviceApolloConfig<{ correlationId: string }>(logger),
    typeDefs: 'type Query { broken: Int, refused: Int }',
    resolvers: {
      Query: {
        broken: () => {
          throw new Error('connection refused to 10.0.0.7:5432');
        },
        refused: () => {
          throw badUserInput({ field: 'first', message: 'must be between 0 and 100' });
        },
      },
    },
  });
  await server.start();
  return server;
}

async function run(server: ApolloServer<{ correlationId: string }>, query: string) {
  const response = await server.executeOperation(
    { query },
    { contextValue: { correlationId: 'req-42' } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('serviceApolloConfig', () => {
  it('hides an unexpected error from the client and logs it with the request correlation id', async () => {
    const lines: Record<string, unknown>[] = [];
    const server = await serverLoggingTo(lines);
    const result = await run(server, '{ broken }');
    expect(result.errors).toEqual([
      {
        message: 'Internal server error',
        path: ['broken'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'unexpected error in resolver',
      correlationId: 'req-42',
      path: ['broken'],
      err: { message: 'connection refused to 10.0.0.7:5432' },
    });
    await server.stop();
  });

  it('passes client errors through with their code and field, without logging them', async () => {
    const lines: Record<string, unknown>[] = [];
    const server = await serverLoggingTo(lines);
    const result = await run(server, '{ refused }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'first: must be between 0 and 100',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    expect(lines).toEqual([]);
    await server.stop();
  });
});

describe('dependency errors', () => {
  class ClientOfflineError extends Error {}
  it('are SERVICE_UNAVAILABLE, not internal errors: Redis offline, Prisma unreachable, Neo4j down', () => {
    const prisma = Object.assign(new Error("Can't reach database server"), { code: 'P1001' });
    const neo4j = Object.assign(new Error('connection refused'), { code: 'ServiceUnavailable' });
    for (const error of [new ClientOfflineError('The client is offline'), prisma, neo4j]) {
      expect(isDependencyDown(error)).toBe(true);
    }
    const timedOut = Object.assign(new Error('The transaction has not completed in time'), {
      code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
    });
    const noConnection = Object.assign(new Error('Connection acquisition timed out in 3000 ms.'), {
      code: 'N/A',
    });
    for (const error of [timedOut, noConnection]) expect(isDependencyDown(error)).toBe(true);
    expect(isDependencyDown(new TypeError('x is undefined'))).toBe(false);
    expect(isDependencyDown(Object.assign(new Error('unique'), { code: 'P2002' }))).toBe(false);
  });
});
