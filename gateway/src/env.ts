import { envBool, envPort, loadEnv, localStack, serviceModel } from '@flock/env';
import { z } from 'zod';

const gatewayModel = z.object({
  ...serviceModel.shape,
  PORT: envPort.default(localStack.ports.gateway),
  IDENTITY_JWKS_URL: z.url().default(localStack.jwksUrl),
  JWT_ISSUER: z.string().min(1).default('urn:flock:identity'),
  JWT_AUDIENCE: z.string().min(1).default('urn:flock:api'),
  /** Override where a subgraph lives (default: the routing URL in the supergraph). */
  IDENTITY_URL: z.url().optional(),
  NETWORK_URL: z.url().optional(),
  POSTS_URL: z.url().optional(),
  FEED_URL: z.url().optional(),
  /** Apollo Sandbox on GET /graphql; on by default outside production. */
  SANDBOX: envBool.optional(),
  INTROSPECTION: envBool.optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).default(100_000),
});

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

export function loadGatewayEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(gatewayModel, source);
  const development = env.NODE_ENV !== 'production';
  return {
    ...env,
    sandbox: env.SANDBOX ?? development,
    introspection: env.INTROSPECTION ?? development,
    subgraphUrls: {
      identity: env.IDENTITY_URL,
      network: env.NETWORK_URL,
      posts: env.POSTS_URL,
      feed: env.FEED_URL,
    } as Record<string, string | undefined>,
  };
}
