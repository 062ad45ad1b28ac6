import {
  envBool,
  envPort,
  kafkaModel,
  loadEnv,
  localStack,
  neo4jModel,
  serviceModel,
  tokenVerificationModel,
} from '@flock/env';
import { z } from 'zod';

const milliseconds = (fallback: number) =>
  z.coerce.number().int().min(100).max(60_000).default(fallback);

/** Bounds on every call to Neo4j (neo4j-driver's settings), for the subgraph and the worker. */
const neo4jTimeoutsModel = z.object({
  /** How long a query waits for a pooled connection before it fails (all in use, or none can be made). */
  NEO4J_ACQUISITION_TIMEOUT_MS: milliseconds(3_000),
  /** How long opening one connection (TCP and handshake) may take. */
  NEO4J_CONNECTION_TIMEOUT_MS: milliseconds(3_000),
  /**
   * How long a managed transaction (executeQuery, executeRead/Write: ours and @neo4j/graphql's)
   * keeps retrying transient failures (a leader switch, a deadlock) before it gives up.
   */
  NEO4J_MAX_RETRY_TIME_MS: milliseconds(3_000),
});

/** The subgraph: serves the graph, writes follows and relays their events. */
const JWKS_PATH = '/.well-known/jwks.json';

const networkModel = z
  .object({
    ...serviceModel.shape,
    ...tokenVerificationModel.shape,
    ...neo4jModel.shape,
    ...neo4jTimeoutsModel.shape,
    ...kafkaModel.shape,
    PORT: envPort.default(localStack.ports.network),
    /**
     * How long Neo4j lets one transaction of a request run before it ends it (sent with each
     * transaction: @neo4j/graphql's through the request context, and the subgraph's own). As
     * the gateway's SUBGRAPH_TIMEOUT_MS (4,000): once the gateway has given up on a request,
     * Neo4j stops working on it too.
     */
    NEO4J_TRANSACTION_TIMEOUT_MS: milliseconds(4_000),
    /**
     * Identity's subgraph endpoint, asked whether an account exists when someone follows a
     * user the graph has no node for yet (their registration event not consumed yet, or Kafka
     * down). Default: the /graphql beside IDENTITY_JWKS_URL's /.well-known/jwks.json (the same
     * identity service); required when IDENTITY_JWKS_URL has another path.
     */
    IDENTITY_SUBGRAPH_URL: z.url().optional(),
    /** How long that lookup may take before the follow fails with SERVICE_UNAVAILABLE. */
    IDENTITY_LOOKUP_TIMEOUT_MS: milliseconds(2_000),
  })
  .superRefine((env, ctx) => {
    if (!env.IDENTITY_SUBGRAPH_URL && !env.IDENTITY_JWKS_URL.endsWith(JWKS_PATH)) {
      ctx.addIssue({
        code: 'custom',
        path: ['IDENTITY_SUBGRAPH_URL'],
        message: `is required when IDENTITY_JWKS_URL does not end in ${JWKS_PATH}`,
      });
    }
  })
  .transform((env) => ({
    ...env,
    IDENTITY_SUBGRAPH_URL:
      env.IDENTITY_SUBGRAPH_URL ?? `${env.IDENTITY_JWKS_URL.slice(0, -JWKS_PATH.length)}/graphql`,
  }));

/** The worker: consumes identity's registrations into the graph; health routes only. */
const networkWorkerModel = z.object({
  ...serviceModel.shape,
  ...neo4jModel.shape,
  ...neo4jTimeoutsModel.shape,
  ...kafkaModel.shape,
  PORT: envPort.default(localStack.ports['network-worker']),
  KAFKA_GROUP_ID: z.string().default('network'),
  /**
   * A new consumer group creates the node of every user ever registered (true), or starts at
   * the end of the topic (a test's group of its own).
   */
  NETWORK_FROM_BEGINNING: envBool.default(true),
});

export type NetworkEnv = ReturnType<typeof loadNetworkEnv>;
export type NetworkWorkerEnv = ReturnType<typeof loadNetworkWorkerEnv>;

export function loadNetworkEnv(source: Record<string, string | undefined>) {
  return loadEnv(networkModel, source);
}

export function loadNetworkWorkerEnv(source: Record<string, string | undefined>) {
  return loadEnv(networkWorkerModel, source);
}
