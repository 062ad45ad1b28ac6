import { resolveLocalStack } from '@flock/env';
import { createLogger, type Logger } from '@flock/logger';

export { type PollOptions, pollFor } from './poll-for';
export { uniqueId } from './unique-id';

/** A quiet logger for tests; set TEST_LOG_LEVEL=debug to see service logs. */
export function testLogger(service = 'test'): Logger {
  return createLogger({ service, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
export {
  executeOperation,
  type OperationProblem,
  type OperationResult,
} from './execute-operation';
export { freePort } from './free-port';
export { metricSamples, metricValue } from './metric-samples';
export { type TcpDoor, tcpDoor } from './tcp-door';

/**
 * Where integration tests find Redis (`createRedis({ ...testRedisTarget(), logger })`): the
 * local stack's standalone Redis, or its Redis Cluster when REDIS_CLUSTER_NODES is set — as
 * the `redis-cluster` test project does, for the services the tests start too.
 */
export function testRedisTarget(env: NodeJS.ProcessEnv = process.env) {
  const clusterNodes = (env.REDIS_CLUSTER_NODES ?? '').split(',').filter(Boolean);
  return { url: resolveLocalStack(env).redisUrl, clusterNodes };
}
