import { describe, expect, it } from 'vitest';
import { classifyFailure, isTransientFailure, PermanentEventError } from '../src';

function withProps(message: string, props: Record<string, unknown>, name?: string): Error {
  const error = Object.assign(new Error(message), props);
  if (name) error.name = name;
  return error;
}

/** An error whose class name is `className`, as node-redis raises them (default `name`). */
function ofClass(className: string, message = 'x'): Error {
  const Class = { [className]: class extends Error {} }[className] as new (m: string) => Error;
  return new Class(message);
}

describe('classifyFailure', () => {
  it.each([
    [
      'a refused connection',
      withProps('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
    ],
    ['a reset connection', withProps('read ECONNRESET', { code: 'ECONNRESET' })],
    ['a DNS failure', withProps('getaddrinfo EAI_AGAIN smtp', { code: 'EAI_AGAIN' })],
    ['a broken pipe', withProps('write EPIPE', { code: 'EPIPE' })],
    ['a hung-up socket', new Error('socket hang up')],
    ['node-redis: closed client', ofClass('ClientClosedError', 'The client is closed')],
    ['node-redis: offline client', ofClass('ClientOfflineError', 'The client is offline')],
    ['node-redis: socket timeout (our command bound)', ofClass('SocketTimeoutError')],
    ['node-redis: connect timeout', ofClass('ConnectionTimeoutError', 'Connection timeout')],
    ['node-redis: socket closed', ofClass('SocketClosedUnexpectedlyError')],
    ['node-redis: reconnect gave up', ofClass('ReconnectStrategyError')],
    ['a Redis that is loading', new Error('LOADING Redis is loading the dataset in memory')],
    ['neo4j: unavailable', withProps('no routing servers', { code: 'ServiceUnavailable' })],
    ['neo4j: session expired', withProps('gone', { code: 'SessionExpired' })],
    [
      'neo4j: transient code',
      withProps('dl', { code: 'Neo.TransientError.Transaction.DeadlockDetected' }),
    ],
    [
      'neo4j: retryable flag',
      withProps('x', { code: 'Neo.ClientError.Cluster.NotALeader', retryable: true }),
    ],
    ['Prisma: cannot reach', withProps("Can't reach database server", { code: 'P1001' })],
    ['Prisma: pool timeout', withProps('Timed out fetching a connection', { code: 'P2024' })],
    ['Prisma: transaction closed', withProps('Transaction already closed', { code: 'P2028' })],
    ['Prisma: initialization', withProps('cannot connect', {}, 'PrismaClientInitializationError')],
    ['pg: connection exception', withProps('connection failure', { code: '08006' })],
    ['pg: admin shutdown', withProps('terminating connection', { code: '57P01' })],
    [
      'pg: statement timeout',
      withProps('canceling statement due to statement timeout', { code: '57014' }),
    ],
    ['pg: serialization failure', withProps('could not serialize', { code: '40001' })],
    ['pg: deadlock', withProps('deadlock detected', { code: '40P01' })],
    ['pg: too many connections', withProps('too many clients', { code: '53300' })],
    ['pg: terminated connection', new Error('Connection terminated unexpectedly')],
    ['SMTP: cannot connect', withProps('Connection timeout', { code: 'ECONNECTION' })],
    [
      'neo4j: no connection in time',
      withProps('Connection acquisition timed out in 3000 ms.', { code: 'N/A' }, 'Neo4jError'),
    ],
    [
      'neo4j: transaction timed out',
      withProps('The transaction has not completed within the timeout', {
        code: 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
      }),
    ],
    ['SMTP: socket error', withProps('socket closed', { code: 'ESOCKET' })],
    ['SMTP: 4xx reply', withProps('451 try later', { code: 'EMESSAGE', responseCode: 451 })],
    [
      'kafkajs: retriable',
      withProps('Broker not available', { retriable: true }, 'KafkaJSConnectionError'),
    ],
    ['an abort', withProps('aborted', {}, 'AbortError')],
    ['a timeout signal', withProps('signal timed out', {}, 'TimeoutError')],
  ])('%s is transient', (_label, error) => {
    expect(classifyFailure(error)).toBe('transient');
    expect(isTransientFailure(error)).toBe(true);
  });

  it('finds the infrastructure failure down a cause chain', () => {
    const refused = withProps('connect ECONNREFUSED', { code: 'ECONNREFUSED' });
    const wrapped = new Error('fan-out failed', {
      cause: new Error('write failed', { cause: refused }),
    });
    expect(classifyFailure(wrapped)).toBe('transient');
  });

  it('looks into an AggregateError (e.g. every address of a host refused)', () => {
    const aggregate = new AggregateError(
      [withProps('connect ECONNREFUSED ::1', { code: 'ECONNREFUSED' })],
      'connect failed',
    );
    expect(classifyFailure(aggregate)).toBe('transient');
  });

  it("reads a Prisma driver-adapter error's plain cause object", () => {
    const adapter = withProps(
      'canceling statement',
      {
        cause: { kind: 'postgres', code: '57014', message: 'canceling statement' },
      },
      'DriverAdapterError',
    );
    const closed = withProps('Server has closed the connection.', {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } },
    });
    expect(classifyFailure(adapter)).toBe('transient');
    expect(classifyFailure(closed)).toBe('transient');
  });

  it('says permanent for PermanentEventError, even wrapped or beside a transient error', () => {
    expect(classifyFailure(new PermanentEventError('no such user'))).toBe('permanent');
    const wrapped = new Error('handler failed', { cause: new PermanentEventError('bad') });
    expect(classifyFailure(wrapped)).toBe('permanent');
    const both = new AggregateError([
      withProps('x', { code: 'ECONNRESET' }),
      new PermanentEventError('bad'),
    ]);
    expect(classifyFailure(both)).toBe('permanent');
  });

  it.each([
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique constraint', withProps('Unique constraint failed', { code: 'P2002' })],
    ['a check violation', withProps('violates check constraint', { code: '23514' })],
    ['an SMTP 5xx', withProps('550 mailbox unavailable', { code: 'EENVELOPE', responseCode: 550 })],
    // One recipient deferred: retried a few times, never holding the partition forever.
    [
      'an SMTP 4xx for a recipient',
      withProps('450 try later', { code: 'EENVELOPE', responseCode: 450 }),
    ],
    [
      'a kafkajs non-retriable error',
      withProps('bad', { retriable: false }, 'KafkaJSNonRetriableError'),
    ],
    [
      'a neo4j client error',
      withProps('syntax', { code: 'Neo.ClientError.Statement.SyntaxError', retryable: false }),
    ],
    ['a string', 'oops'],
    ['undefined', undefined],
  ])('%s is unknown', (_label, error) => {
    expect(classifyFailure(error)).toBe('unknown');
  });

  it('survives a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(classifyFailure(a)).toBe('unknown');
  });
});
