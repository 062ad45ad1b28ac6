import { envPort, kafkaModel, loadEnv, localStack, neo4jModel, serviceModel } from '@flock/env';
import { z } from 'zod';

const networkModel = z.object({
  ...serviceModel.shape,
  ...neo4jModel.shape,
  ...kafkaModel.shape,
  PORT: envPort.default(localStack.ports.network),
  IDENTITY_JWKS_URL: z.url().default(localStack.jwksUrl),
  JWT_ISSUER: z.string().min(1).default('urn:flock:identity'),
  JWT_AUDIENCE: z.string().min(1).default('urn:flock:api'),
  KAFKA_GROUP_ID: z.string().default('network'),
});

export type NetworkEnv = ReturnType<typeof loadNetworkEnv>;

export function loadNetworkEnv(source: Record<string, string | undefined>) {
  return loadEnv(networkModel, source);
}
