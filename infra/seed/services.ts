import type { Viewer } from '@flock/auth';
import { emailTokenCipher, loadSecretKey, loadSigningKey } from '@flock/auth';
import { postgresAdapter } from '@flock/db';
import { accessTokenIssuer } from '@flock/identity/access-tokens';
import { Accounts } from '@flock/identity/accounts';
import type { IdentityEnv } from '@flock/identity/env';
import { hashPassword } from '@flock/identity/passwords';
import { PrismaClient as IdentityPrisma } from '@flock/identity/prisma';
import { Sessions } from '@flock/identity/sessions';
import type { Logger } from '@flock/logger';
import { createContext } from '@flock/network/context';
import type { NetworkEnv } from '@flock/network/env';
import { identityAccounts } from '@flock/network/follows';
import { followGraph } from '@flock/network/graph';
import { buildSchema } from '@flock/network/schema';
import { createPrisma } from '@flock/posts/app';
import type { PostsEnv } from '@flock/posts/env';
import { Posts } from '@flock/posts/posts';
import { type DocumentNode, execute, type GraphQLSchema, parse } from 'graphql';
import neo4j, { type Driver } from 'neo4j-driver';

/**
 * The services' own code, in this process, on their own databases: what the seeder creates
 * through. Each write is the one a request makes (identity's Accounts.register, the network
 * subgraph's `follow` resolver and its Cypher, posts' Posts.create / like), so each writes its
 * event to that service's outbox in the same transaction, and the running service's relay
 * publishes it to Kafka like any other: the network worker makes graph nodes, the feed worker
 * builds timelines, the mailer sends (or skips) welcome emails.
 */
export interface DemoServices {
  accounts: Accounts;
  /** The accounts holding these usernames (one query): what a previous run registered. */
  usersByUsername(usernames: readonly string[]): Promise<ExistingUser[]>;
  posts: Posts;
  follows: FollowWriter;
  /** The argon2id hash of `password`, computed once: every demo account shares it. */
  passwordHash(password: string): Promise<string>;
  /** Events written but not yet published, per outbox: 0 everywhere once the relays caught up. */
  outboxBacklog(): Promise<{ identity: number; posts: number; network: number }>;
  close(): Promise<void>;
}

export interface ExistingUser {
  id: string;
  username: string;
  email: string;
  bio: string | null;
}

export interface DemoServicesConfig {
  identity: IdentityEnv;
  posts: PostsEnv;
  network: NetworkEnv;
  logger: Logger;
}

export async function openDemoServices(config: DemoServicesConfig): Promise<DemoServices> {
  const { identity: env, logger } = config;
  const identityPrisma = new IdentityPrisma({
    adapter: postgresAdapter(bulkLoading(env.databaseUrl), env.POSTGRES_STATEMENT_TIMEOUT_MS),
  });
  const postsPrisma = createPrisma(
    bulkLoading(config.posts.databaseUrl),
    {},
    config.posts.POSTGRES_STATEMENT_TIMEOUT_MS,
  );
  const driver = neo4jDriver(config.network);
  try {
    // As identity's app.ts wires them, with the same keys (the stack's dev keys or the env's).
    const signingKey = await loadSigningKey({
      privateJwk: env.JWT_PRIVATE_KEY,
      devKeyFile: env.signingKeyFile,
      previousPublicKeys: env.JWT_PREVIOUS_PUBLIC_KEYS,
    });
    const sessions = new Sessions({
      prisma: identityPrisma,
      issueAccessToken: accessTokenIssuer(signingKey, {
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
        ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      }),
      refreshTokenKey: loadSecretKey({
        value: env.REFRESH_TOKEN_KEY,
        devKeyFile: env.refreshTokenKeyFile,
        name: 'REFRESH_TOKEN_KEY',
      }),
      refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      reuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
    });
    const unused = {
      begin: () => Promise.reject(new Error('the seeder signs nobody in')),
    };
    const accounts = new Accounts({
      prisma: identityPrisma,
      sessions,
      emailTokens: emailTokenCipher(
        loadSecretKey({
          value: env.EMAIL_TOKEN_KEY,
          devKeyFile: env.emailTokenKeyFile,
          name: 'EMAIL_TOKEN_KEY',
        }),
      ),
      loginThrottle: unused,
      passwordChangeThrottle: unused,
      // The per-client registration limit is against abuse from outside; this is the operator.
      registrationLimit: async () => {},
      verificationEmailLimit: async () => {},
      verificationTtlHours: env.VERIFICATION_TTL_HOURS,
      logger,
    });
    const hashes = new Map<string, Promise<string>>();
    return {
      accounts,
      usersByUsername: (usernames) =>
        identityPrisma.user.findMany({
          where: { username: { in: [...usernames] } },
          select: { id: true, username: true, email: true, bio: true },
        }),
      posts: new Posts({ prisma: postsPrisma }),
      follows: await followWriter(driver, config.network, logger),
      passwordHash: (password) => {
        const hash = hashes.get(password) ?? hashPassword(password);
        hashes.set(password, hash);
        return hash;
      },
      outboxBacklog: async () => {
        const [identity, posts, network] = await Promise.all([
          identityPrisma.outboxEvent.count({ where: { publishedAt: null } }),
          postsPrisma.outboxEvent.count({ where: { publishedAt: null } }),
          driver
            .executeQuery(
              'MATCH (e:OutboxPending) RETURN count(e) AS pending',
              {},
              {
                routing: 'READ',
              },
            )
            .then(({ records }) => Number(records[0]?.get('pending') ?? 0)),
        ]);
        return { identity, posts, network };
      },
      close: async () => {
        await Promise.allSettled([
          identityPrisma.$disconnect(),
          postsPrisma.$disconnect(),
          driver.close(),
        ]);
      },
    };
  } catch (error) {
    await Promise.allSettled([
      identityPrisma.$disconnect(),
      postsPrisma.$disconnect(),
      driver.close(),
    ]);
    throw error;
  }
}

/**
 * The seeder's own connections commit without waiting for the WAL flush
 * (synchronous_commit=off): each of its tens of thousands of small transactions otherwise
 * waits for an fsync (measured on this machine: 4.6 ms per insert-and-commit, 1.9 ms without).
 * A crash could lose the last moments of commits, never half of one: a post and its outbox
 * event still commit together, and running the seeder again puts back whatever was lost.
 */
export function bulkLoading(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const options = url.searchParams.get('options');
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c synchronous_commit=off`);
  return url.toString();
}

function neo4jDriver(env: NetworkEnv): Driver {
  const auth = env.NEO4J_USER
    ? neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD ?? '')
    : undefined;
  return neo4j.driver(env.NEO4J_URI, auth, {
    connectionAcquisitionTimeout: env.NEO4J_ACQUISITION_TIMEOUT_MS,
    connectionTimeout: env.NEO4J_CONNECTION_TIMEOUT_MS,
    maxTransactionRetryTime: env.NEO4J_MAX_RETRY_TIME_MS,
  });
}

/**
 * Follows through the network subgraph's executable schema (buildSchema: @neo4j/graphql, our
 * resolvers, the follow Cypher with its outbox node), executed here rather than over HTTP: the
 * same checks and writes, without a gateway hop and a token per user, and with the follow's
 * time (the context's `now`) in the past like the rest of the demo.
 */
export interface FollowWriter {
  follow(viewer: Viewer, userId: string, at: Date): Promise<void>;
  /** Whom each of these users follows (ids); a few users at a time (one transaction). */
  following(userIds: readonly string[]): Promise<Map<string, Set<string>>>;
}

const FOLLOW = parse('mutation SeedFollow($userId: ID!) { follow(userId: $userId) { id } }');
const FOLLOWING = parse(`
  query SeedFollowing($representations: [_Any!]!, $after: String) {
    _entities(representations: $representations) {
      ... on User {
        id
        followingConnection(first: 100, after: $after) {
          edges { node { id } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  }`);

interface FollowingPage {
  _entities: ({
    id: string;
    followingConnection: {
      edges: { node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  } | null)[];
}

async function followWriter(
  driver: Driver,
  env: NetworkEnv,
  logger: Logger,
): Promise<FollowWriter> {
  const schema = await withoutLibraryWarning(() => buildSchema(driver));
  const graph = followGraph(driver, () => {}, {
    accounts: identityAccounts({
      url: env.IDENTITY_SUBGRAPH_URL,
      timeoutMs: env.IDENTITY_LOOKUP_TIMEOUT_MS,
      logger,
    }),
    // A request's 4 s bound is the gateway's patience; a batch job waits for a busy machine,
    // up to the server's own limit (db.transaction.timeout, 10 s on the local stack).
    transactionTimeoutMs: undefined,
  });
  const run = async <T>(
    document: DocumentNode,
    variableValues: Record<string, unknown>,
    viewer: Viewer | null,
    at = new Date(),
  ): Promise<T> => {
    const result = await execute({
      schema: schema as GraphQLSchema,
      document,
      variableValues,
      contextValue: createContext(graph, viewer, `seed-${crypto.randomUUID()}`, at),
    });
    if (result.errors?.length) throw result.errors[0];
    return result.data as T;
  };
  return {
    async follow(viewer, userId, at) {
      await run(FOLLOW, { userId }, viewer, at);
    },
    async following(userIds) {
      const result = new Map<string, Set<string>>();
      let pending = userIds.map((id) => ({ id, after: null as string | null }));
      while (pending.length > 0) {
        const next: typeof pending = [];
        // One user per cursor: a batch shares its `after`, so only first pages go together.
        const batches = groupBy(pending, (p) => p.after ?? '');
        for (const [after, group] of batches) {
          for (let i = 0; i < group.length; i += 20) {
            const chunk = group.slice(i, i + 20);
            const data = await run<FollowingPage>(
              FOLLOWING,
              {
                representations: chunk.map((p) => ({ __typename: 'User', id: p.id })),
                after: after || null,
              },
              null,
            );
            data._entities.forEach((user, index) => {
              const id = chunk[index]?.id as string;
              const set = result.get(id) ?? new Set<string>();
              result.set(id, set);
              if (!user) return;
              for (const edge of user.followingConnection.edges) set.add(edge.node.id);
              const { hasNextPage, endCursor } = user.followingConnection.pageInfo;
              if (hasNextPage && endCursor) next.push({ id, after: endCursor });
            });
          }
        }
        pending = next;
      }
      return result;
    },
  };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return groups;
}

/**
 * @neo4j/graphql warns at every schema build that @authentication wants
 * `features.authorization`; the network passes the verified token in `context.jwt` itself,
 * the case the warning says is fine (the network service logs it at its own start). Kept off
 * the seeder's terminal; any other warning still shows.
 */
async function withoutLibraryWarning<T>(work: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes("'@authentication'")) warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}
