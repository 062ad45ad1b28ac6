import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CommonJS (main) and ESM (module) builds without an exports map: Node, and
// so every Apollo package, loads the CommonJS one, while Vite would hand our sources the ESM
// one, and graphql refuses to mix types of two instances ("from another module or realm").
// Tests resolve it as Node does.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] };

const workspaces = '{packages,subgraphs,workers,gateway,infra,clients,examples,schema,deploy}';
const ignored = ['**/node_modules/**', '**/.flock/**'];

/**
 * What must also work on a Redis Cluster: the feed (fan-out grouped by hash slot, reads,
 * rebuild), the gateway's rate limits and identity's sign-in limits, starting while Redis is unreachable. The `redis-cluster`
 * project runs these files again with REDIS_CLUSTER_NODES set: the services they start and
 * their own clients (testRedisTarget) then use the local 3-master cluster `npm test` starts,
 * where any command whose keys cross hash slots fails.
 */
const onRedisCluster = [
  'subgraphs/feed/test/**/*.int.test.ts',
  'gateway/test/rate-limits.int.test.ts',
  'gateway/test/login-throttle.int.test.ts',
  'gateway/test/feed.int.test.ts',
  'gateway/test/redis-down.int.test.ts',
];

/**
 * Three projects run by `npm test`: `unit` (pure logic, no services), `integration`
 * (*.int.test.ts, against the real Postgres, Redis, Kafka, Neo4j and mail catcher that
 * `npm test` starts first) and `redis-cluster` (above). A fourth, `faults`
 * (`npm run test:faults`), starts a stack of its own and breaks it on purpose; it runs only
 * when asked for.
 */
export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: [`${workspaces}/**/test/**/*.test.ts`],
          exclude: [...ignored, '**/*.int.test.ts'],
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: [`${workspaces}/**/test/**/*.int.test.ts`],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: 'redis-cluster',
          include: onRedisCluster,
          exclude: ignored,
          setupFiles: ['infra/test/on-redis-cluster.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // Only when asked for (FLOCK_FAULTS=1, set by `npm run test:faults`): `npm test` runs
      // every project it sees.
      ...(process.env.FLOCK_FAULTS
        ? [
            {
              resolve,
              test: {
                name: 'faults',
                include: ['infra/faults/**/*.test.ts'],
                exclude: ignored,
                fileParallelism: false,
                testTimeout: 240_000,
                hookTimeout: 600_000,
              },
            },
          ]
        : []),
    ],
  },
});
