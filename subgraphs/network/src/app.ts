import { verifierFromEnv } from '@flock/auth';
import {
  allTopics,
  createKafka,
  EventPublisher,
  ensureTopics,
  on,
  startConsumer,
  startOutboxRelay,
  userRegistered,
} from '@flock/events';
import type { Logger } from '@flock/logger';
import { type RunningService, startHttpServer } from '@flock/service';
import neo4j from 'neo4j-driver';
import { ensureGraphSchema } from './domain/graph';
import type { NetworkEnv } from './env';
import { neo4jOutbox } from './events/neo4j-outbox';
import { onUserRegistered } from './events/on-user-registered';
import { createNetworkServer } from './server';

/** Connects Neo4j and Kafka, starts the consumer, the outbox relay and the subgraph. */
export async function startNetwork(env: NetworkEnv, logger: Logger): Promise<RunningService> {
  const auth = env.NEO4J_USER
    ? neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD ?? '')
    : undefined;
  const driver = neo4j.driver(env.NEO4J_URI, auth, {
    logging: { level: 'warn', logger: (level, message) => logger.warn({ neo4j: level }, message) },
  });
  await driver.verifyConnectivity();
  await ensureGraphSchema(driver);

  const kafka = createKafka({
    clientId: env.KAFKA_CLIENT_ID ?? 'network',
    brokers: env.KAFKA_BROKERS,
    logger,
  });
  await ensureTopics(kafka, allTopics);
  const publisher = await EventPublisher.connect(kafka, 'network');
  const relay = startOutboxRelay({ store: neo4jOutbox(driver), publisher, logger });
  const consumer = await startConsumer({
    kafka,
    groupId: env.KAFKA_GROUP_ID,
    logger,
    fromBeginning: true,
    subscriptions: [on(userRegistered, onUserRegistered(driver))],
  });

  const { apollo, handler } = await createNetworkServer({
    driver,
    logger,
    verifyAccessToken: verifierFromEnv(env),
    onOutboxWrite: () => relay.kick(),
  });
  const http = await startHttpServer({
    logger,
    host: env.HOST,
    port: env.PORT,
    handler,
    readiness: {
      neo4j: () => driver.verifyConnectivity(),
      kafka: consumer.readiness,
      outbox: relay.readiness,
    },
  });

  return {
    url: http.url,
    steps: [
      { name: 'http', close: () => http.close() },
      { name: 'apollo', close: () => apollo.stop() },
      { name: 'consumer', close: () => consumer.stop() },
      { name: 'outbox relay', close: () => relay.stop() },
      { name: 'kafka', close: () => publisher.disconnect() },
      { name: 'neo4j', close: () => driver.close() },
    ],
  };
}
