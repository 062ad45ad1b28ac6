import { join } from 'node:path';
import { loadSigningKey, signAccessToken } from '@flock/auth';
import { databaseUrlFor, migrate } from '@flock/db';
import { localStack, resolveLocalStack } from '@flock/env';
import { startFeed } from '@flock/feed/app';
import { loadFeedEnv } from '@flock/feed/env';
import { startFeedWorker } from '@flock/feed/worker';
import { startIdentity } from '@flock/identity/app';
import { loadIdentityEnv } from '@flock/identity/env';
import { startMailer } from '@flock/mailer/app';
import { loadMailerEnv } from '@flock/mailer/env';
import { startNetwork, startNetworkWorker } from '@flock/network/app';
import { loadNetworkEnv, loadNetworkWorkerEnv } from '@flock/network/env';
import { type PostsHooks, startPosts } from '@flock/posts/app';
import { loadPostsEnv } from '@flock/posts/env';
import { type RunningService, runSteps } from '@flock/service';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import pg from 'pg';
import { startGateway } from '../src/app';
import { loadGatewayEnv } from '../src/env';
import { gql } from './__generated__';

/**
 * The real services of an end-to-end test, in this process, on free ports, against the
 * real infrastructure. They use their own databases (<service>_test) so a stack left
 * running by `npm start` does not share rows with the tests.
 */
export interface TestStack {
  gatewayUrl: string;
  identityUrl: string;
  networkUrl?: string;
  postsUrl?: string;
  /** The feed's Redis key prefix of this stack (unique per stack). */
  feedPrefix?: string;
  /** Each started service's base URL (health routes, /metrics) by name: gateway, posts, feed-worker... */
  serviceUrls: Record<string, string>;
  /** Starts one more gateway over the same subgraphs (another replica); its /graphql URL. */
  gatewayReplica(env?: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

const stack = resolveLocalStack(process.env);
const testDatabase = (service: string) =>
  databaseUrlFor(stack.postgresUrl, `${service}_test`, stack.postgresDbPrefix);

/** A connection pool on a service's test database, for tests that look at its rows. */
export function testDatabasePool(service: 'identity' | 'posts' | 'mailer'): pg.Pool {
  return new pg.Pool({ connectionString: testDatabase(service) });
}

async function migrated(service: string): Promise<string> {
  const databaseUrl = testDatabase(service);
  await migrate({
    databaseUrl,
    migrationsDir: new URL(`../../prisma/${service}/migrations`, import.meta.url).pathname,
  });
  return databaseUrl;
}

export interface TestStackOptions {
  mailer?: boolean;
  network?: boolean;
  posts?: boolean;
  postsHooks?: PostsHooks;
  /** The feed subgraph and its worker, on a key prefix of their own; implies posts. */
  feed?: { fanoutThreshold?: number };
  /** Extra gateway configuration (e.g. rate limits). */
  gatewayEnv?: Record<string, string>;
  /** Extra identity configuration (e.g. the refresh reuse grace window). */
  identityEnv?: Record<string, string>;
  /** Extra mailer configuration (e.g. the app pages its links point to). */
  mailerEnv?: Record<string, string>;
  /** Put something (a counting proxy) in front of identity, as the gateway sees it. */
  identityUrlForGateway?: (identityGraphqlUrl: string) => Promise<string>;
}

export async function startTestStack({
  mailer = false,
  network = false,
  posts = false,
  postsHooks,
  feed,
  gatewayEnv = {},
  identityEnv = {},
  mailerEnv = {},
  identityUrlForGateway,
}: TestStackOptions = {}): Promise<TestStack> {
  const logger = testLogger();
  const base = { ...process.env, PORT: '0', LOG_LEVEL: 'silent' };
  const started: RunningService[] = [];
  const serviceUrls: Record<string, string> = {};
  try {
    const identity = await startIdentity(
      loadIdentityEnv({ ...base, DATABASE_URL: await migrated('identity'), ...identityEnv }),
      logger.child({ service: 'identity' }),
    );
    started.push(identity);
    serviceUrls.identity = identity.url;
    if (mailer) {
      // A group of its own that starts at the end of the topic: this stack's mail is only
      // what its tests register (other tests' registrations are no backlog to wait behind).
      const service = await startMailer(
        loadMailerEnv({
          ...base,
          DATABASE_URL: await migrated('mailer'),
          KAFKA_GROUP_ID: uniqueId('mailer-test'),
          MAILER_FROM_BEGINNING: 'false',
          ...mailerEnv,
        }),
        logger.child({ service: 'mailer' }),
      );
      started.push(service);
      serviceUrls.mailer = service.url;
      await pollFor(async () => (await fetch(`${service.url}/readyz`)).ok, {
        timeoutMs: 60_000,
        description: 'the mailer to join its group',
      });
    }
    const jwks = { IDENTITY_JWKS_URL: `${identity.url}/.well-known/jwks.json` };
    let networkUrl: string | undefined;
    if (network) {
      // The worker makes graph nodes from registrations: a group of its own, from the end of
      // the topic (this stack's registrations only), joined before the test starts.
      const worker = await startNetworkWorker(
        loadNetworkWorkerEnv({
          ...base,
          KAFKA_GROUP_ID: uniqueId('network-test'),
          NETWORK_FROM_BEGINNING: 'false',
        }),
        logger.child({ service: 'network-worker' }),
      );
      started.push(worker);
      serviceUrls['network-worker'] = worker.url;
      await pollFor(async () => (await fetch(`${worker.url}/readyz`)).ok, {
        timeoutMs: 60_000,
        description: 'the network worker to join its group',
      });
      const service = await startNetwork(
        loadNetworkEnv({ ...base, ...jwks }),
        logger.child({ service: 'network' }),
      );
      started.push(service);
      serviceUrls.network = service.url;
      networkUrl = `${service.url}/graphql`;
    }
    let postsUrl: string | undefined;
    if (posts || feed) {
      const service = await startPosts(
        loadPostsEnv({
          ...base,
          ...jwks,
          DATABASE_URL: await migrated('posts'),
          // Account deletions: a group of its own, from the end of the topic, as the workers.
          KAFKA_GROUP_ID: uniqueId('posts-test'),
          POSTS_FROM_BEGINNING: 'false',
        }),
        logger.child({ service: 'posts' }),
        postsHooks,
      );
      started.push(service);
      serviceUrls.posts = service.url;
      postsUrl = `${service.url}/graphql`;
    }
    let feedUrl: string | undefined;
    let feedPrefix: string | undefined;
    if (feed) {
      feedPrefix = uniqueId('feedtest').replace('_', '');
      const feedEnv = loadFeedEnv({
        ...base,
        ...jwks,
        FEED_KEY_PREFIX: feedPrefix,
        KAFKA_GROUP_ID: feedPrefix,
        FEED_FANOUT_THRESHOLD: String(feed.fanoutThreshold ?? 10_000),
        // Only this test's events matter: start at the end of each topic, once joined.
        FEED_FROM_BEGINNING: 'false',
      });
      const worker = await startFeedWorker(feedEnv, logger.child({ service: 'feed-worker' }));
      started.push(worker);
      serviceUrls['feed-worker'] = worker.url;
      await pollFor(async () => (await fetch(`${worker.url}/readyz`)).ok, {
        timeoutMs: 60_000,
        description: 'the feed worker to join its group',
      });
      const service = await startFeed(feedEnv, logger.child({ service: 'feed' }));
      started.push(service);
      serviceUrls.feed = service.url;
      feedUrl = `${service.url}/graphql`;
    }
    const identityGraphql = `${identity.url}/graphql`;
    const gatewaySettings = {
      ...base,
      ...jwks,
      IDENTITY_URL: identityUrlForGateway
        ? await identityUrlForGateway(identityGraphql)
        : identityGraphql,
      ...(networkUrl ? { NETWORK_URL: networkUrl } : {}),
      ...(postsUrl ? { POSTS_URL: postsUrl } : {}),
      ...(feedUrl ? { FEED_URL: feedUrl } : {}),
      ...gatewayEnv,
    };
    const gateway = await startGateway(
      loadGatewayEnv(gatewaySettings),
      logger.child({ service: 'gateway' }),
    );
    started.push(gateway);
    serviceUrls.gateway = gateway.url;
    return {
      gatewayReplica: async (env = {}) => {
        const replica = await startGateway(
          loadGatewayEnv({ ...gatewaySettings, ...env }),
          logger.child({ service: 'gateway-replica' }),
        );
        started.push(replica);
        return `${replica.url}/graphql`;
      },
      gatewayUrl: `${gateway.url}/graphql`,
      identityUrl: `${identity.url}/graphql`,
      networkUrl,
      postsUrl,
      feedPrefix,
      serviceUrls,
      stop: async () => {
        for (const service of [...started].reverse()) await runSteps(service.steps);
      },
    };
  } catch (error) {
    for (const service of [...started].reverse()) await runSteps(service.steps);
    throw error;
  }
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

/** How a request is sent: as a member (`token`), with a raw Authorization header, traced. */
export interface RequestOptions {
  token?: string;
  authorization?: string;
  correlationId?: string;
  /** More headers (e.g. X-Forwarded-For, as a trusted proxy would send it). */
  headers?: Record<string, string>;
}

/**
 * The variables and options of a typed document: the variables may be left out only when
 * the operation needs none (all optional), and then only they.
 */
type OperationArguments<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

/**
 * Sends one GraphQL operation as a client would. A typed document (`gql(`…`)` from
 * ./__generated__) types its variables and result; a string (an operation built at run time,
 * or one deliberately invalid) is typed by the caller.
 */
export function graphql<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  ...[variables, options]: OperationArguments<NoInfer<TVariables>>
): Promise<GraphQLResponse<TResult>>;
export function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  options?: RequestOptions,
): Promise<GraphQLResponse<T>>;
export async function graphql(
  url: string,
  query: string | TypedDocumentNode,
  variables: unknown = {},
  { token, authorization, correlationId, headers: extraHeaders }: RequestOptions = {},
): Promise<GraphQLResponse<unknown>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  const auth = authorization ?? (token ? `Bearer ${token}` : undefined);
  if (auth) headers.authorization = auth;
  if (correlationId) headers['x-correlation-id'] = correlationId;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      query: typeof query === 'string' ? query : print(query),
      variables,
    }),
  });
  return {
    status: response.status,
    ...((await response.json()) as Omit<GraphQLResponse<unknown>, 'status'>),
  };
}

/**
 * The data of a response the test needs to go on (a session, an id to use next): throws,
 * with the errors, when there is none.
 */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.data == null)
    throw new Error(`no data (${response.status}): ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** The first error's code and field: what bad-input tests assert. */
/** A field that is null only when its subgraph failed (nullable for partial answers). */
export function nonNull<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw new Error(`${field} is null`);
  return value;
}

export function errorOf(response: GraphQLResponse<unknown>): {
  code?: unknown;
  field?: unknown;
  message?: string;
} {
  const [error] = response.errors ?? [];
  return {
    code: error?.extensions?.code,
    field: error?.extensions?.field,
    message: error?.message,
  };
}

/**
 * An access token for `userId` signed with the local stack's dev key, with the issuer and
 * audience every service expects by default: what identity would issue for that user.
 */
export async function devAccessToken(
  userId: string,
  { ttlSeconds = 300, sessionId = crypto.randomUUID() } = {},
): Promise<string> {
  const key = await loadSigningKey({
    devKeyFile: join(localStack.devKeysDir, 'identity-signing.jwk'),
  });
  const { JWT_ISSUER, JWT_AUDIENCE } = loadIdentityEnv({});
  return signAccessToken(key, {
    sub: userId,
    sid: sessionId,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds,
  });
}

/** A member signed up through the gateway, with what a test needs to act as them. */
export interface Member {
  id: string;
  username: string;
  email: string;
  password: string;
  /** Access token. */
  token: string;
  refreshToken: string;
}

const REGISTER_MEMBER = gql(`
  mutation HarnessRegisterMember($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id } }
  }
`);

/** Signs a new member up through the gateway (a unique username with `prefix`). */
export async function registerMember(
  gatewayUrl: string,
  {
    prefix = 'm',
    displayName,
    password = 'long enough pw',
  }: { prefix?: string; displayName?: string; password?: string } = {},
): Promise<Member> {
  const username = uniqueId(prefix);
  const email = `${username}@example.com`;
  const response = await graphql(gatewayUrl, REGISTER_MEMBER, {
    input: { username, email, password, displayName },
  });
  const session = response.data?.register;
  if (!session) throw new Error(`registration failed: ${JSON.stringify(response.errors)}`);
  return {
    id: session.user.id,
    username,
    email,
    password,
    token: session.accessToken,
    refreshToken: session.refreshToken,
  };
}
