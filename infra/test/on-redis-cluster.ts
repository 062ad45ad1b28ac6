import { resolveLocalStack } from '@flock/env';

// The `redis-cluster` test project (vitest.config.ts): everything these tests start, and their
// own clients (testRedisTarget), use the local stack's Redis Cluster.
process.env.REDIS_CLUSTER_NODES = resolveLocalStack(process.env).redisClusterNodes.join(',');
