import { describe, expect, it } from 'vitest';
import { parentOf, scope, tracedStack, traceOf } from './traced-stack';

// As the HTTP services run in production (FLOCK_TRACE_CONTEXT=explicit by default): no
// AsyncLocalStorage, the trace rides on each request's GraphQL context and correlation id.
const { exporter, spans, spanWhere, memberWithHome, follow, createPost } = tracedStack('explicit');

describe('one trace without AsyncLocalStorage', () => {
  it('still joins the gateway, the posts subgraph and its resolver, the outbox publish and the consumer', async () => {
    const author = await memberWithHome();
    const follower = await memberWithHome();
    await follow(follower, author);
    exporter.reset();

    const postId = await createPost(author, 'traced explicitly');
    const fanout = await spanWhere(
      'the fan-out span',
      (s) => s.name === 'feed fan-out' && s.attributes['flock.post.id'] === postId,
    );
    const { inTrace, byId } = traceOf(spans(), fanout);
    const parent = (name: string) => {
      const span = inTrace.find((s) => s.name === name);
      expect(span, name).toBeDefined();
      return byId.get(parentOf(span as NonNullable<typeof span>) ?? '');
    };

    const request = inTrace.find(
      (s) => scope(s) === '@flock/gateway' && s.name === 'mutation TraceCreatePost',
    );
    expect(request && parentOf(request)).toBeUndefined();
    // gateway request → posts request → resolver; the posts request → the relay's publish
    // (through the correlation id the outbox row was written under) → the consumer → fan-out.
    expect(parent('mutation TraceCreatePost__posts__0')).toBe(request);
    expect(parent('resolve Mutation.createPost')?.name).toBe('mutation TraceCreatePost__posts__0');
    expect(parent('publish posts.post-created.v1')?.name).toBe(
      'mutation TraceCreatePost__posts__0',
    );
    expect(parent('process posts.post-created.v1')?.name).toBe('publish posts.post-created.v1');
    expect(byId.get(parentOf(fanout) ?? '')?.name).toBe('process posts.post-created.v1');
    expect(fanout.attributes['flock.fanout.delivered']).toBe(1);
    // Database calls inside a request are not spans here, and none starts a trace of its own
    // (nor do Apollo Gateway's spans, which no request span reaches without the context).
    expect(inTrace.some((s) => s.name.startsWith('prisma:'))).toBe(false);
    expect(spans().some((s) => s.name.startsWith('prisma:') || s.name.startsWith('gateway.'))).toBe(
      false,
    );
  });
});
