import {
  envPort,
  kafkaModel,
  loadEnv,
  localStack,
  neo4jModel,
  serviceModel,
  tokenVerificationModel,
} from '@flock/env';
import { z } from 'zod';

const networkModel = z.object({
  ...serviceModel.shape,
  ...tokenVerificationModel.shape,
  ...neo4jModel.shape,
  ...kafkaModel.shape,
  PORT: envPort.default(localStack.ports.network),
  KAFKA_GROUP_ID: z.string().default('network'),
});

export type NetworkEnv = ReturnType<typeof loadNetworkEnv>;

export function loadNetworkEnv(source: Record<string, string | undefined>) {
  return loadEnv(networkModel, source);
}
