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

/** The subgraph: serves the graph, writes follows and relays their events. */
const networkModel = z.object({
  ...serviceModel.shape,
  ...tokenVerificationModel.shape,
  ...neo4jModel.shape,
  ...kafkaModel.shape,
  PORT: envPort.default(localStack.ports.network),
});

/** The worker: consumes identity's registrations into the graph; health routes only. */
const networkWorkerModel = z.object({
  ...serviceModel.shape,
  ...neo4jModel.shape,
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
