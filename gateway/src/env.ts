import {
  envBool,
  envPort,
  loadEnv,
  localStack,
  redisModel,
  serviceModel,
  tokenVerificationModel,
} from '@flock/env';
import { z } from 'zod';

const gatewayModel = z.object({
  ...serviceModel.shape,
  ...tokenVerificationModel.shape,
  ...redisModel.shape,
  PORT: envPort.default(localStack.ports.gateway),
  /** Override where a subgraph lives (default: the routing URL in the supergraph). */
  IDENTITY_URL: z.url().optional(),
  NETWORK_URL: z.url().optional(),
  POSTS_URL: z.url().optional(),
  FEED_URL: z.url().optional(),
  /** Apollo Sandbox on GET /graphql; on by default outside production. */
  SANDBOX: envBool.optional(),
  INTROSPECTION: envBool.optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).default(100_000),
  /** Requests per minute per client IP and per signed-in user; 0 turns a limit off.
   *  Default: on in production (1200 and 600), off elsewhere (load tests run from one IP). */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  /** Entities kept by the gateway's entity cache (how long: each subgraph's Cache-Control);
   *  0 turns it off. */
  ENTITY_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).default(100_000),
  /** Gateway processes sharing the port (node:cluster): up to one per core on a machine of
   *  its own; 1 (the default) where an orchestrator runs replicas instead. */
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  RATE_LIMIT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default('gateway'),
});

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

export function loadGatewayEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(gatewayModel, source);
  const development = env.NODE_ENV !== 'production';
  return {
    ...env,
    sandbox: env.SANDBOX ?? development,
    introspection: env.INTROSPECTION ?? development,
    rateLimits: {
      perIp: env.RATE_LIMIT_IP_PER_MINUTE ?? (development ? 0 : 1200),
      perUser: env.RATE_LIMIT_USER_PER_MINUTE ?? (development ? 0 : 600),
      namespace: env.RATE_LIMIT_NAMESPACE,
    },
    subgraphUrls: {
      identity: env.IDENTITY_URL,
      network: env.NETWORK_URL,
      posts: env.POSTS_URL,
      feed: env.FEED_URL,
    } as Record<string, string | undefined>,
  };
}
