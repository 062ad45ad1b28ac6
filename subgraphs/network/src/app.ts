import { verifierFromEnv } from '@flock/auth';
import {
  accountDeleted,
  kafkaDurability,
  on,
  startServiceEvents,
  userRegistered,
} from '@flock/events';
import type { Logger } from '@flock/logger';
import { type ResourceRegistry, type RunningService, startService } from '@flock/service';
import neo4j, { type Driver } from 'neo4j-driver';
import { identityAccounts } from './domain/follows';
import { followGraph } from './domain/graph';
import { ensureGraphSchema } from './domain/graph-schema';
import type { NetworkEnv, NetworkWorkerEnv } from './env';
import { neo4jOutbox } from './events/neo4j-outbox';
import { onAccountDeleted } from './events/on-account-deleted';
import { onUserRegistered } from './events/on-user-registered';
import { tracedDriver } from './neo4j-tracing';
import { startNetworkServer } from './server';

type Neo4jEnv = Pick<
  NetworkEnv,
  | 'NEO4J_URI'
  | 'NEO4J_USER'
  | 'NEO4J_PASSWORD'
  | 'NEO4J_ACQUISITION_TIMEOUT_MS'
  | 'NEO4J_CONNECTION_TIMEOUT_MS'
  | 'NEO4J_MAX_RETRY_TIME_MS'
  | 'NODE_ENV'
>;

/**
 * The Neo4j driver, connected and registered; outside production it puts the graph's
 * constraints and indexes in place (in production the migrate job does, before services start).
 */
async function connectNeo4j(
  resources: ResourceRegistry,
  env: Neo4jEnv,
  logger: Logger,
): Promise<Driver> {
  const auth = env.NEO4J_USER
    ? neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD ?? '')
    : undefined;
  const driver = tracedDriver(
    neo4j.driver(env.NEO4J_URI, auth, {
      connectionAcquisitionTimeout: env.NEO4J_ACQUISITION_TIMEOUT_MS,
      connectionTimeout: env.NEO4J_CONNECTION_TIMEOUT_MS,
      maxTransactionRetryTime: env.NEO4J_MAX_RETRY_TIME_MS,
      logging: {
        level: 'warn',
        logger: (level, message) => logger.warn({ neo4j: level }, message),
      },
    }),
  );
  resources.add('neo4j', { ready: () => driver.verifyConnectivity(), close: () => driver.close() });
  await driver.verifyConnectivity();
  if (env.NODE_ENV !== 'production') await ensureGraphSchema(driver);
  return driver;
}

/** The network subgraph: connects Neo4j and Kafka, starts the outbox relay and the server. */
export function startNetwork(env: NetworkEnv, logger: Logger): Promise<RunningService> {
  return startService(logger, async (resources) => {
    const driver = await connectNeo4j(resources, env, logger);
    const events = await startServiceEvents(resources, {
      service: 'network',
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ...kafkaDurability(env),
      logger,
      outbox: neo4jOutbox(driver),
    });
    const verifyAccessToken = verifierFromEnv(env);
    resources.add('identity keys', { ready: verifyAccessToken.keysReady });
    const { handler } = await startNetworkServer(resources, {
      driver,
      graph: followGraph(driver, events.kick, {
        accounts: identityAccounts({
          url: env.IDENTITY_SUBGRAPH_URL,
          timeoutMs: env.IDENTITY_LOOKUP_TIMEOUT_MS,
          logger,
        }),
        transactionTimeoutMs: env.NEO4J_TRANSACTION_TIMEOUT_MS,
      }),
      verifyAccessToken,
      logger,
    });
    return { host: env.HOST, port: env.PORT, handler };
  });
}

/**
 * The network worker: a registered user becomes a node of the graph, a deleted one leaves it. Its own process, as the
 * feed's worker, so consuming scales by consumer-group membership apart from the subgraph.
 */
export function startNetworkWorker(env: NetworkWorkerEnv, logger: Logger): Promise<RunningService> {
  return startService(logger, async (resources) => {
    const driver = await connectNeo4j(resources, env, logger);
    await startServiceEvents(resources, {
      service: 'network-worker',
      clientId: env.KAFKA_CLIENT_ID,
      brokers: env.KAFKA_BROKERS,
      ...kafkaDurability(env),
      logger,
      consumer: {
        groupId: env.KAFKA_GROUP_ID,
        fromBeginning: env.NETWORK_FROM_BEGINNING,
        subscriptions: [
          on(userRegistered, onUserRegistered(driver)),
          on(accountDeleted, onAccountDeleted(driver)),
        ],
      },
    });
    return { host: env.HOST, port: env.PORT };
  });
}
