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
import { checkTrustedProxies } from './client-address';
import { developmentOrigins } from './cors';
import { defaultSupergraphPath } from './supergraph';

const gatewayModel = z.object({
  ...serviceModel.shape,
  ...tokenVerificationModel.shape,
  ...redisModel.shape,
  PORT: envPort.default(localStack.ports.gateway),
  /** The supergraph the gateway serves (a ConfigMap in a cluster); default: schema/supergraph.graphql. */
  SUPERGRAPH_PATH: z.string().min(1).default(defaultSupergraphPath),
  /** Override where a subgraph lives (default: the routing URL in the supergraph). */
  IDENTITY_URL: z.url().optional(),
  NETWORK_URL: z.url().optional(),
  POSTS_URL: z.url().optional(),
  FEED_URL: z.url().optional(),
  /** Apollo Sandbox on GET /graphql; on by default outside production. */
  SANDBOX: envBool.optional(),
  INTROSPECTION: envBool.optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1_000).default(100_000),
  /** How long a subgraph may take to answer before its fields fail with SERVICE_UNAVAILABLE
   *  (the rest of the query still answers). */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4_000),
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
  /** Proxies (addresses, CIDRs, or `loopback` / `linklocal` / `uniquelocal`, comma-separated)
   *  whose X-Forwarded-For is believed; empty: the client is the socket's peer. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .superRefine((list, ctx) => {
      try {
        checkTrustedProxies(list);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  /** Origins (comma-separated, exact, or `*`) whose pages may call the API from a browser.
   *  Default: none in production; the web example and Apollo's Sandbox elsewhere. */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : value
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean),
    )
    .superRefine((list, ctx) => {
      for (const origin of list ?? []) {
        if (origin === '*') continue;
        let parsed: URL | undefined;
        try {
          parsed = new URL(origin);
        } catch {}
        if (!parsed || parsed.origin !== origin)
          ctx.addIssue({
            code: 'custom',
            message: `"${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`,
          });
      }
    }),
  RATE_LIMIT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default('gateway'),
});

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

export function loadGatewayEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(gatewayModel, source);
  const development = env.NODE_ENV !== 'production';
  const sandbox = env.SANDBOX ?? development;
  const introspection = env.INTROSPECTION ?? development;
  const rateLimits = {
    perIp: env.RATE_LIMIT_IP_PER_MINUTE ?? (development ? 0 : 1200),
    perUser: env.RATE_LIMIT_USER_PER_MINUTE ?? (development ? 0 : 600),
    namespace: env.RATE_LIMIT_NAMESPACE,
  };
  // Production is secure by default; whatever weakens it was set explicitly and is logged
  // at start (see startGateway).
  const corsOrigins = env.CORS_ORIGINS ?? (development ? [...developmentOrigins] : []);
  const weakened = development
    ? []
    : [
        ...(sandbox ? ['SANDBOX: the Apollo Sandbox is served'] : []),
        ...(introspection ? ['INTROSPECTION: the schema can be introspected'] : []),
        ...(rateLimits.perIp === 0 ? ['RATE_LIMIT_IP_PER_MINUTE=0: no per-IP limit'] : []),
        ...(rateLimits.perUser === 0 ? ['RATE_LIMIT_USER_PER_MINUTE=0: no per-user limit'] : []),
        ...(corsOrigins.includes('*') ? ['CORS_ORIGINS=*: any web page may call the API'] : []),
      ];
  return {
    ...env,
    sandbox,
    introspection,
    rateLimits,
    corsOrigins,
    weakened,
    subgraphUrls: {
      identity: env.IDENTITY_URL,
      network: env.NETWORK_URL,
      posts: env.POSTS_URL,
      feed: env.FEED_URL,
    } as Record<string, string | undefined>,
  };
}
