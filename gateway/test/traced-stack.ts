import { resolveLocalStack } from '@flock/env';
import { feedKeys } from '@flock/feed/timelines';
import { createRedis } from '@flock/redis';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  type RunningTracing,
  SimpleSpanProcessor,
  startTracing,
} from '@flock/telemetry';
import { pollFor, testLogger } from '@flock/testing';
import { afterAll, beforeAll } from 'vitest';
import { gql } from './__generated__';
import {
  dataOf,
  graphql,
  type Member,
  registerMember,
  startTestStack,
  type TestStack,
} from './harness';

/**
 * A test stack (gateway, identity, network, posts, feed and their workers, the mailer) whose
 * spans all go to one in-memory exporter: every service runs in this process, and each
 * service's own spans come from its tracer, `@flock/<service>`. `contextPropagation` as in
 * production (see TracingSettings).
 */
export function tracedStack(contextPropagation: 'async' | 'explicit') {
  const exporter = new InMemorySpanExporter();
  let tracing: RunningTracing;
  let services: TestStack | undefined;
  const redis = createRedis({ url: resolveLocalStack(process.env).redisUrl, logger: testLogger() });

  beforeAll(async () => {
    tracing = startTracing({
      service: 'flock-test',
      exporter,
      processor: new SimpleSpanProcessor(exporter),
      sampleRatio: 1,
      contextPropagation,
    });
    await redis.connect();
    services = await startTestStack({ mailer: true, network: true, feed: {} });
  }, 180_000);
  afterAll(async () => {
    await services?.stop();
    await tracing?.shutdown();
    await redis.quit();
  });

  const stack = () => {
    if (!services) throw new Error('the stack has not started');
    return services;
  };
  const spans = () => exporter.getFinishedSpans();

  /** The first finished span matching, polled for (consumers finish after the request). */
  async function spanWhere(
    description: string,
    match: (span: ReadableSpan) => boolean,
  ): Promise<ReadableSpan> {
    let found: ReadableSpan | undefined;
    await pollFor(
      async () => {
        found = spans().find(match);
        return found !== undefined;
      },
      { timeoutMs: 30_000, description },
    );
    return found as ReadableSpan;
  }

  /** A member whose home timeline the feed made (so a follow of them fans out). */
  async function memberWithHome(): Promise<Member> {
    const user = await registerMember(stack().gatewayUrl, { prefix: 'trace' });
    await pollFor(
      async () => (await redis.exists(feedKeys(stack().feedPrefix ?? 'feed').home(user.id))) === 1,
      { timeoutMs: 60_000, description: 'the home timeline' },
    );
    return user;
  }

  /**
   * `follower` follows `author` (retried until the graph knows both), and the feed applied
   * it (the author's followers there include them), so a post of `author` fans out to them.
   */
  async function follow(follower: Member, author: Member): Promise<void> {
    await pollFor(
      async () =>
        !(await graphql(stack().gatewayUrl, FOLLOW, { id: author.id }, { token: follower.token }))
          .errors,
      { timeoutMs: 30_000, description: 'the follow' },
    );
    const followers = `${stack().feedPrefix}:{u:${author.id}}:followers`;
    await pollFor(async () => (await redis.sIsMember(followers, follower.id)) === 1, {
      timeoutMs: 30_000,
      description: 'the follow in the feed',
    });
  }

  async function createPost(author: Member, body: string): Promise<string> {
    const created = await graphql(
      stack().gatewayUrl,
      CREATE_POST,
      { b: body },
      { token: author.token },
    );
    return dataOf(created).createPost.id;
  }

  return { exporter, spans, spanWhere, memberWithHome, follow, createPost, stack };
}

const FOLLOW = gql(`
  mutation TraceFollow($id: ID!) { follow(userId: $id) { id } }
`);
const CREATE_POST = gql(`
  mutation TraceCreatePost($b: String!) { createPost(body: $b) { id } }
`);

export const scope = (span: ReadableSpan) => span.instrumentationScope.name;
export const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** The spans of `span`'s trace, by span id. */
export function traceOf(spans: ReadableSpan[], span: ReadableSpan) {
  const traceId = span.spanContext().traceId;
  const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
  return { inTrace, byId: new Map(inTrace.map((s) => [s.spanContext().spanId, s])) };
}

export type { ReadableSpan };
