import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import { EntityCache, parseCacheControl } from '../src/entity-cache';

const QUERY =
  'query($representations:[_Any!]!){_entities(representations:$representations){...on Post{body}}}';
const ref = (id: string) => ({ __typename: 'Post', id });

/** What the gateway hands a data source for one `_entities` fetch of an incoming query. */
function fetchOf(ids: string[], viewerId = 'viewer-1', operation = 'query') {
  const restricted: unknown[] = [];
  const options = {
    kind: 'incoming operation',
    request: { query: QUERY, variables: { representations: ids.map(ref) } },
    context: { viewer: { id: viewerId, sessionId: 's' } },
    incomingRequestContext: {
      operation: { operation },
      overallCachePolicy: { restrict: (hint: unknown) => restricted.push(hint) },
    },
  } as unknown as GraphQLDataSourceProcessOptions;
  return { options, restricted };
}

/** A subgraph answering with bodies for the ids it is asked for, and a Cache-Control header. */
function subgraph(cacheControl: string | null, fail?: (id: string) => boolean) {
  const asked: string[][] = [];
  const send = async (options: GraphQLDataSourceProcessOptions) => {
    const reps = options.request.variables?.representations as { id: string }[];
    asked.push(reps.map((r) => r.id));
    const failed = reps.findIndex((r) => fail?.(r.id));
    return {
      data: { _entities: reps.map((r) => (fail?.(r.id) ? null : { body: `body of ${r.id}` })) },
      ...(failed >= 0 ? { errors: [{ message: 'boom', path: ['_entities', failed] }] } : {}),
      http: { headers: new Headers(cacheControl ? { 'cache-control': cacheControl } : {}) },
    } as Awaited<ReturnType<Parameters<EntityCache['process']>[2]>>;
  };
  return { asked, send };
}

describe('entity cache', () => {
  it('serves cached entities and fetches only the missing ones, in the asked order', async () => {
    const cache = new EntityCache(100);
    const posts = subgraph('max-age=10, public');
    await cache.process('posts', fetchOf(['a', 'b']).options, posts.send);
    const { options, restricted } = fetchOf(['c', 'a', 'b']);
    const response = await cache.process('posts', options, posts.send);

    expect(posts.asked).toEqual([['a', 'b'], ['c']]);
    expect(response.data?._entities).toEqual([
      { body: 'body of c' },
      { body: 'body of a' },
      { body: 'body of b' },
    ]);
    // Hits restrict the response's cache policy like the subgraph's header would.
    expect(restricted).toHaveLength(2);
    const all = await cache.process('posts', fetchOf(['b', 'c']).options, posts.send);
    expect(posts.asked).toHaveLength(2);
    expect(all.data?._entities).toEqual([{ body: 'body of b' }, { body: 'body of c' }]);
    expect(cache.stats).toEqual({ hits: 4, misses: 3, invalidations: 0 });
  });

  it('keeps nothing the subgraph does not mark cacheable', async () => {
    for (const header of [null, 'no-store', 'max-age=0, public']) {
      const cache = new EntityCache(100);
      const posts = subgraph(header);
      await cache.process('posts', fetchOf(['a']).options, posts.send);
      await cache.process('posts', fetchOf(['a']).options, posts.send);
      expect(posts.asked).toEqual([['a'], ['a']]);
    }
  });

  it('keeps private entities per viewer only', async () => {
    const cache = new EntityCache(100);
    const posts = subgraph('max-age=5, private');
    await cache.process('posts', fetchOf(['a'], 'ann').options, posts.send);
    await cache.process('posts', fetchOf(['a'], 'ann').options, posts.send);
    await cache.process('posts', fetchOf(['a'], 'bob').options, posts.send);
    expect(posts.asked).toEqual([['a'], ['a']]);
  });

  it('answers errors with the full uncached request, so error paths stay right', async () => {
    const cache = new EntityCache(100);
    const ok = subgraph('max-age=10, public');
    await cache.process('posts', fetchOf(['a']).options, ok.send);
    const failing = subgraph('max-age=10, public', (id) => id === 'x');
    const response = await cache.process('posts', fetchOf(['a', 'x']).options, failing.send);
    expect(failing.asked).toEqual([['x'], ['a', 'x']]);
    expect(response.errors?.[0]?.path).toEqual(['_entities', 1]);
    // Nothing from the failed response was stored.
    await cache.process('posts', fetchOf(['x']).options, ok.send);
    expect(ok.asked).toEqual([['a'], ['x']]);
  });

  it('leaves mutations and other fetches alone', async () => {
    const cache = new EntityCache(100);
    const posts = subgraph('max-age=10, public');
    await cache.process('posts', fetchOf(['a'], 'ann', 'mutation').options, posts.send);
    await cache.process('posts', fetchOf(['a'], 'ann', 'mutation').options, posts.send);
    expect(posts.asked).toEqual([['a'], ['a']]);
  });

  it('hands every request its own copy, so what one request merges in stays its own', async () => {
    const cache = new EntityCache(100);
    const posts = subgraph('max-age=10, public');
    const first = await cache.process('posts', fetchOf(['a']).options, posts.send);
    // The gateway merges a viewer's fields into the entity objects it gets back.
    const entityOf = (response: typeof first) =>
      (response.data?._entities as Record<string, unknown>[] | undefined)?.[0] ?? {};
    entityOf(first).email = 'ann@example.com';
    const second = await cache.process('posts', fetchOf(['a']).options, posts.send);
    entityOf(second).secret = 'bob';
    const third = await cache.process('posts', fetchOf(['a']).options, posts.send);
    expect(posts.asked).toEqual([['a']]);
    expect(third.data?._entities).toEqual([{ body: 'body of a' }]);
  });

  it('forgets an invalidated entity for every selection and viewer', async () => {
    const cache = new EntityCache(100);
    const posts = subgraph('max-age=10, private');
    await cache.process('posts', fetchOf(['a', 'b'], 'ann').options, posts.send);
    await cache.process('posts', fetchOf(['a'], 'bob').options, posts.send);
    cache.invalidate([{ __typename: 'Post', id: 'a' }]);
    await cache.process('posts', fetchOf(['a', 'b'], 'ann').options, posts.send);
    await cache.process('posts', fetchOf(['a'], 'bob').options, posts.send);
    expect(posts.asked).toEqual([['a', 'b'], ['a'], ['a'], ['a']]);
  });

  it('does not keep what a fetch read before an invalidation that landed while it was in flight', async () => {
    const cache = new EntityCache(100);
    const posts = subgraph('max-age=10, public');
    const slow = async (options: GraphQLDataSourceProcessOptions) => {
      const response = await posts.send(options);
      cache.invalidate([{ __typename: 'Post', id: 'a' }]);
      return response;
    };
    await cache.process('posts', fetchOf(['a']).options, slow);
    await cache.process('posts', fetchOf(['a']).options, posts.send);
    expect(posts.asked).toEqual([['a'], ['a']]);
  });

  it('reads Cache-Control the way Apollo subgraphs write it', () => {
    expect(parseCacheControl('max-age=10, public')).toEqual({ maxAgeSeconds: 10, scope: 'PUBLIC' });
    expect(parseCacheControl('max-age=5, private')).toEqual({ maxAgeSeconds: 5, scope: 'PRIVATE' });
    expect(parseCacheControl('no-store')).toBeNull();
    expect(parseCacheControl(undefined)).toBeNull();
  });
});
