/**
 * Why a handler failed decides what the consumer does with the message:
 * - `transient`: a dependency is down or too slow (network, Redis, Postgres, Neo4j, SMTP,
 *   Kafka). Retried until it returns, however long the outage: parking the message would
 *   lose work that needs nothing but time.
 * - `permanent`: the message can never succeed (`PermanentEventError`). Parked at once.
 * - `unknown`: anything else (a bug, a constraint the data breaks). Retried a few times,
 *   then parked on `<topic>.dlq`, from where `npm run events:redrive` replays it.
 */
export type FailureKind = 'transient' | 'permanent' | 'unknown';

/** Thrown by a handler for a message that can never be handled: park it, never retry. */
export class PermanentEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentEventError';
  }
}

/** Node and DNS errors of a connection that failed or dropped (`err.code`), and nodemailer's. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // nodemailer: cannot connect, timed out, socket error, DNS lookup failed.
  'ECONNECTION',
  'ESOCKET',
  'EDNS',
]);

/** node-redis error classes keep the default `name`: their class says what happened. */
const REDIS_CLASSES = new Set([
  'ConnectionTimeoutError',
  'ClientClosedError',
  'ClientOfflineError',
  'SocketClosedUnexpectedlyError',
  'SocketTimeoutError',
  'ReconnectStrategyError',
  'DisconnectsClientError',
  'RootNodesUnavailableError',
  'SocketTimeoutDuringMaintenanceError',
  'CommandTimeoutDuringMaintenanceError',
]);

/** Redis replies of a server that is loading, busy, failing over or between cluster states. */
const REDIS_REPLY = /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY) /;

/**
 * Prisma: cannot reach (P1001), timed out (P1002, P1008), connection closed (P1017), pool
 * timeout (P2024), transaction closed/timed out (P2028); with the pg adapter a serialization
 * failure or deadlock arrives as P2034 and too many connections as P2037.
 */
const PRISMA_CODES = new Set([
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  'P2028',
  'P2034',
  'P2037',
]);

/** Postgres SQLSTATEs; the whole class 08 (connection exception) is matched apart. */
const POSTGRES_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '57014', // query_canceled: our statement_timeout
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** Neo4j driver codes for an unreachable or failed-over database. */
const NEO4J_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

const TRANSIENT_MESSAGES = [
  /socket hang up/i,
  /The client is (closed|offline)/,
  /Connection terminated/, // pg: 'unexpectedly', 'due to connection timeout'
  /timeout exceeded when trying to connect/, // pg-pool
  /Connection timeout/,
  /^Connection acquisition timed out/, // neo4j-driver: no connection within its limit
];

type ErrorLike = Record<string, unknown>;

/** The error, the errors it wraps (`cause`, AggregateError's `errors`, the drivers' own
 *  wrappers), breadth first, each once. */
function* chainOf(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 50) {
    const current = queue.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as ErrorLike;
    yield e;
    queue.push(e.cause, e.originalError, e.socketError); // node-redis ReconnectStrategyError
    if (Array.isArray(e.errors)) queue.push(...e.errors);
    const meta = e.meta as ErrorLike | undefined;
    if (meta && typeof meta === 'object') queue.push(meta.driverAdapterError); // Prisma
  }
}

function isTransientLink(e: ErrorLike): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  const name = typeof e.name === 'string' ? e.name : '';
  const className = (e.constructor as { name?: string } | undefined)?.name ?? '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.retriable === true || e.retryable === true) return true; // kafkajs, neo4j-driver
  if (name === 'AbortError' || name === 'TimeoutError') return true;
  if (className === 'AbortError' || className === 'TimeoutError') return true; // node-redis
  if (REDIS_CLASSES.has(className) || REDIS_CLASSES.has(name)) return true;
  if (name === 'PrismaClientInitializationError') return true;
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || PRISMA_CODES.has(code) || NEO4J_CODES.has(code)) return true;
    if (POSTGRES_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (code.startsWith('Neo.TransientError.')) return true;
    // The transaction outlived its timeout: Neo4j slow or frozen, not the statement's fault.
    if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) return true;
  }
  // nodemailer: a 4xx SMTP reply is the server's "try again later", except for a recipient
  // (EENVELOPE): a 450 for one address says nothing of the server, and retrying it forever
  // would hold every email behind it. It is retried a few times, then parked.
  if (
    typeof e.responseCode === 'number' &&
    e.responseCode >= 400 &&
    e.responseCode < 500 &&
    code !== 'EENVELOPE'
  ) {
    return true;
  }
  // Prisma's pg adapter: a driver error whose `cause` is a plain { kind, code } object.
  if (e.kind === 'DatabaseNotReachable' || e.kind === 'ConnectionClosed') return true;
  if (e.kind === 'SocketTimeout' || e.kind === 'TooManyConnections') return true;
  if (e.kind === 'TransactionWriteConflict') return true;
  return REDIS_REPLY.test(message) || TRANSIENT_MESSAGES.some((m) => m.test(message));
}

/**
 * Classifies a handler's failure. `PermanentEventError` anywhere in the chain wins: the
 * handler said the message can never succeed. Otherwise any link that is an infrastructure
 * failure makes the whole failure transient.
 */
export function classifyFailure(error: unknown): FailureKind {
  let transient = false;
  for (const link of chainOf(error)) {
    if (link instanceof PermanentEventError || link.name === 'PermanentEventError') {
      return 'permanent';
    }
    transient ||= isTransientLink(link);
  }
  return transient ? 'transient' : 'unknown';
}

/** True when the failure is a dependency being down or slow, which time alone can fix. */
export function isTransientFailure(error: unknown): boolean {
  return classifyFailure(error) === 'transient';
}
