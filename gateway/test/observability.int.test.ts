import { metricSamples, metricValue } from '@flock/testing';
import { describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import { dataOf, graphql, type Member, registerMember } from './harness';
import { parentOf, type ReadableSpan, scope, tracedStack, traceOf } from './traced-stack';

// As in development: AsyncLocalStorage carries the trace, so database calls are spans too.
const { exporter, spans, spanWhere, memberWithHome, follow, createPost, stack } =
  tracedStack('async');

const CREATE_POST = gql(`
  mutation TraceCreatePost($b: String!) { createPost(body: $b) { id } }
`);
const POST_WITH_AUTHOR = gql(`
  query TracePostAuthor($id: ID!) { post(id: $id) { id author { username } } }
`);

describe('one trace across the gateway, the subgraphs, Kafka and the workers', () => {
  let author: Member;
  let follower: Member;
  let postId: string;

  it('joins createPost, the posts subgraph, the outbox relay publish and the fan-out to a follower', async () => {
    author = await memberWithHome();
    follower = await memberWithHome();
    await follow(follower, author);
    // The follow's Cypher ran in a Neo4j span of the network subgraph's request.
    const write = await spanWhere(
      'the Neo4j span of the follow',
      (s) =>
        s.name === 'neo4j executeWrite' &&
        String(s.attributes['db.query.text']).includes('FOLLOWS'),
    );
    const network = spans().find((s) => s.spanContext().spanId === parentOf(write));
    expect(network?.name).toBe('resolve Mutation.follow');
    exporter.reset();

    postId = await createPost(author, 'traced all the way');

    const fanout = await spanWhere(
      'the fan-out span',
      (s) => s.name === 'feed fan-out' && s.attributes['flock.post.id'] === postId,
    );
    const { inTrace, byId } = traceOf(spans(), fanout);

    // The request at the gateway is the root of the trace.
    const request = inTrace.find(
      (s) => scope(s) === '@flock/gateway' && s.name === 'mutation TraceCreatePost',
    );
    expect(request, 'the gateway request span').toBeDefined();
    expect(parentOf(request as ReadableSpan)).toBeUndefined();
    // Apollo Gateway's own spans (plan, fetch) nest under it.
    expect(
      inTrace.some((s) => scope(s) === 'apollo/gateway-js' && s.name === 'gateway.fetch'),
    ).toBe(true);
    // The posts subgraph continued the trace from the gateway's traceparent...
    // (The gateway names the operations it sends: <operation>__<subgraph>__<n>.)
    const subgraph = inTrace.find(
      (s) => scope(s) === '@flock/posts' && s.name === 'mutation TraceCreatePost__posts__0',
    );
    expect(subgraph, 'the posts subgraph span').toBeDefined();
    expect(byId.get(parentOf(subgraph as ReadableSpan) ?? '')?.name).toBe('gateway.fetch');
    const resolver = inTrace.find((s) => s.name === 'resolve Mutation.createPost');
    expect(parentOf(resolver as ReadableSpan)).toBe(subgraph?.spanContext().spanId);
    // ...with its Postgres calls (Prisma's spans) inside.
    expect(inTrace.some((s) => s.name.startsWith('prisma:client:'))).toBe(true);
    // The relay published the outbox row as a child of the request that wrote it.
    const publish = inTrace.find((s) => s.name === 'publish posts.post-created.v1');
    expect(publish, 'the relay publish span').toBeDefined();
    expect(publish?.attributes['messaging.message.id']).toBeDefined();
    // The feed worker's consumer continued from the message headers, and fanned out.
    const consume = byId.get(parentOf(fanout) ?? '');
    expect(consume?.name).toBe('process posts.post-created.v1');
    expect(consume?.attributes['messaging.consumer.group.name']).toBe(stack().feedPrefix);
    expect(parentOf(consume as ReadableSpan)).toBe(publish?.spanContext().spanId);
    expect(fanout.attributes['flock.fanout.followers']).toBe(1);
    expect(fanout.attributes['flock.fanout.delivered']).toBe(1);
    // Its Redis calls are spans of the fan-out (or of spans within it).
    const underFanout = (span: ReadableSpan): boolean => {
      for (let at: ReadableSpan | undefined = span; at; at = byId.get(parentOf(at) ?? '')) {
        if (at === fanout) return true;
      }
      return false;
    };
    expect(inTrace.some((s) => scope(s) === '@flock/redis' && underFanout(s))).toBe(true);
  });

  it('joins register and the welcome email', async () => {
    exporter.reset();
    const member = await registerMember(stack().gatewayUrl, { prefix: 'tracemail' });
    const request = await spanWhere(
      'the register request span',
      (s) => scope(s) === '@flock/gateway' && s.name === 'mutation HarnessRegisterMember',
    );
    const traceId = request.spanContext().traceId;
    const email = await spanWhere(
      'the welcome email span',
      (s) => s.spanContext().traceId === traceId && s.name.startsWith('send email'),
    );
    const { byId } = traceOf(spans(), email);
    // email ← mailer's consumer ← identity's publish ← identity's request ← the gateway.
    const chain: string[] = [];
    for (let span: ReadableSpan | undefined = email; span; span = byId.get(parentOf(span) ?? '')) {
      chain.push(`${scope(span)} ${span.name}`);
    }
    expect(chain).toEqual(
      expect.arrayContaining([
        '@flock/events process identity.user-registered.v1',
        '@flock/events publish identity.user-registered.v1',
        '@flock/identity resolve Mutation.register',
        '@flock/identity mutation HarnessRegisterMember__identity__0',
        'apollo/gateway-js gateway.fetch',
        '@flock/gateway mutation HarnessRegisterMember',
      ]),
    );
    expect(chain[chain.length - 1]).toBe('@flock/gateway mutation HarnessRegisterMember');
    expect(member.id).toBeTruthy();
  });

  it("serves each service's metrics, which move with the work", async () => {
    const metrics = async (service: string) => {
      const url = stack().serviceUrls[service];
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      return response.text();
    };
    // A cacheable entity (the author) read twice: a miss, then a hit.
    for (let i = 0; i < 2; i++) {
      const read = await graphql(stack().gatewayUrl, POST_WITH_AUTHOR, { id: postId });
      expect(dataOf(read).post?.author?.username).toBe(author.username);
    }
    // A refused input counts as an error by code.
    const bad = await graphql(stack().gatewayUrl, CREATE_POST, { b: '' }, { token: author.token });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const gateway = await metrics('gateway');
    expect(
      metricValue(gateway, 'flock_graphql_request_duration_seconds_count', {
        service: 'gateway',
        operation: 'TraceCreatePost',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(gateway, 'flock_graphql_request_duration_seconds_count', {
        operation: 'TraceCreatePost',
        outcome: 'error',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(gateway, 'flock_graphql_errors_total', { code: 'BAD_USER_INPUT' }),
    ).toBeGreaterThan(0);
    expect(
      metricValue(gateway, 'flock_gateway_subgraph_fetch_duration_seconds_count', {
        subgraph: 'posts',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    expect(
      metricValue(gateway, 'flock_gateway_entity_cache_misses_total', { type: 'User' }),
    ).toBeGreaterThan(0);
    expect(
      metricValue(gateway, 'flock_gateway_entity_cache_hits_total', { type: 'User' }),
    ).toBeGreaterThan(0);
    expect(metricValue(gateway, 'nodejs_eventloop_lag_p99_seconds', {})).toBeGreaterThan(0);
    expect(metricValue(gateway, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);

    const posts = await metrics('posts');
    expect(
      metricValue(posts, 'flock_graphql_request_duration_seconds_count', {
        service: 'posts',
        operation: 'TraceCreatePost',
      }),
    ).toBeGreaterThan(0);
    expect(
      metricValue(posts, 'flock_outbox_published_total', { topic: 'posts.post-created.v1' }),
    ).toBeGreaterThan(0);
    expect(metricValue(posts, 'flock_outbox_backlog_messages', {})).toBe(0);
    expect(metricValue(posts, 'flock_outbox_oldest_age_seconds', {})).toBe(0);

    const identity = await metrics('identity');
    expect(
      metricValue(identity, 'flock_outbox_published_total', {
        topic: 'identity.user-registered.v1',
      }),
    ).toBeGreaterThan(0);

    const worker = await metrics('feed-worker');
    expect(
      metricValue(worker, 'flock_events_handled_total', {
        topic: 'posts.post-created.v1',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    // Lag is reported per partition (0: caught up).
    expect(
      metricSamples(worker, 'flock_kafka_consumer_lag', { topic: 'posts.post-created.v1' }).length,
    ).toBeGreaterThan(0);
    expect(metricValue(worker, 'flock_feed_fanout_deliveries_total', {})).toBeGreaterThanOrEqual(1);
    expect(
      metricValue(worker, 'flock_feed_fanout_duration_seconds_count', {}),
    ).toBeGreaterThanOrEqual(1);

    // A gateway replica with a per-IP limit of 1 a minute counts what it refuses.
    const limited = await stack().gatewayReplica({
      RATE_LIMIT_IP_PER_MINUTE: '1',
      RATE_LIMIT_NAMESPACE: `ratelimit-${Date.now()}`,
    });
    expect((await graphql(limited, POST_WITH_AUTHOR, { id: postId })).errors).toBeUndefined();
    const refused = await graphql(limited, POST_WITH_AUTHOR, { id: postId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const replica = await (await fetch(limited.replace(/\/graphql$/, '/metrics'))).text();
    expect(
      metricValue(replica, 'flock_rate_limit_rejections_total', { limit: 'requests_per_ip' }),
    ).toBe(1);

    const mailer = await metrics('mailer');
    expect(
      metricValue(mailer, 'flock_events_handled_total', {
        topic: 'identity.user-registered.v1',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    expect(
      metricValue(mailer, 'flock_events_handle_duration_seconds_count', {
        topic: 'identity.user-registered.v1',
      }),
    ).toBeGreaterThan(0);
  });
});
