import { createHash } from 'node:crypto';
import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { LRUCache } from 'lru-cache';

type Response = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
// biome-ignore lint/suspicious/noExplicitAny: Apollo's own context type parameter.
type Send<T extends Record<string, any>> = (
  options: GraphQLDataSourceProcessOptions<T>,
) => Promise<Response>;

interface CachePolicy {
  maxAgeSeconds: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

interface Entry extends CachePolicy {
  value: object;
  expiresAt: number;
}

/**
 * Entity caching in the gateway, as Apollo Router does it: each entity a subgraph returns
 * from `_entities` is kept for as long as that subgraph's `Cache-Control` allows (its
 * `@cacheControl` hints), per subgraph, selection and representation, and per viewer when
 * the scope is private. A query whose entities are all cached skips that subgraph call;
 * otherwise only the missing representations are fetched. Mutations, errors, nulls and
 * uncacheable responses are never stored.
 */
export class EntityCache {
  private readonly entries: LRUCache<string, Entry>;
  readonly stats = { hits: 0, misses: 0 };

  constructor(maxEntries: number) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  // biome-ignore lint/suspicious/noExplicitAny: Apollo's own context type parameter.
  async process<T extends Record<string, any>>(
    subgraph: string,
    options: GraphQLDataSourceProcessOptions<T>,
    send: Send<T>,
  ): Promise<Response> {
    const { request } = options;
    const { representations, ...otherVariables } = request.variables ?? {};
    if (
      !('incomingRequestContext' in options) ||
      options.incomingRequestContext.operation?.operation !== 'query' ||
      !Array.isArray(representations) ||
      representations.length === 0
    ) {
      return send(options);
    }
    const viewerId: string | undefined = options.context.viewer?.id;
    const shape = createHash('sha1')
      .update(`${subgraph}\0${request.query}\0${JSON.stringify(otherVariables)}`)
      .digest('base64');
    const keys = representations.map((r: unknown) => `${shape}:${JSON.stringify(r)}`);
    const now = Date.now();
    const found = keys.map((key) => this.lookup(key, viewerId, now));
    const missing = found.flatMap((entry, i) => (entry ? [] : [i]));
    this.stats.hits += keys.length - missing.length;
    this.stats.misses += missing.length;
    for (const entry of found) {
      if (entry) {
        options.incomingRequestContext.overallCachePolicy.restrict({
          maxAge: Math.max(0, Math.floor((entry.expiresAt - now) / 1000)),
          scope: entry.scope,
        });
      }
    }
    if (missing.length === 0) {
      return { data: { _entities: found.map((entry) => entry?.value) } };
    }

    const partial =
      missing.length === representations.length
        ? options
        : {
            ...options,
            request: {
              ...request,
              variables: {
                ...request.variables,
                representations: missing.map((i) => representations[i]),
              },
            },
          };
    const response = await send(partial);
    const fetched = response.data?._entities;
    if (response.errors?.length || !Array.isArray(fetched) || fetched.length !== missing.length) {
      // Error paths index the subgraph's list: answer with the full request, uncached.
      return partial === options ? response : send(options);
    }
    const policy = parseCacheControl(response.http?.headers.get('cache-control'));
    const values: unknown[] = found.map((entry) => entry?.value);
    missing.forEach((index, j) => {
      values[index] = fetched[j];
      if (policy && fetched[j] !== null && typeof fetched[j] === 'object') {
        this.store(keys[index] as string, fetched[j], policy, viewerId, now);
      }
    });
    return { ...response, data: { ...response.data, _entities: values } };
  }

  private lookup(key: string, viewerId: string | undefined, now: number): Entry | undefined {
    const shared = this.entries.get(key);
    if (shared && shared.expiresAt > now) return shared;
    if (!viewerId) return undefined;
    const own = this.entries.get(`${key}:${viewerId}`);
    return own && own.expiresAt > now ? own : undefined;
  }

  private store(
    key: string,
    value: object,
    policy: CachePolicy,
    viewerId: string | undefined,
    now: number,
  ) {
    if (policy.scope === 'PRIVATE' && !viewerId) return;
    const entryKey = policy.scope === 'PRIVATE' ? `${key}:${viewerId}` : key;
    this.entries.set(
      entryKey,
      { value, ...policy, expiresAt: now + policy.maxAgeSeconds * 1000 },
      { ttl: policy.maxAgeSeconds * 1000 },
    );
  }
}

/** `max-age=10, public` → 10 s public; anything uncacheable (no-store, no max-age, 0) → null. */
export function parseCacheControl(header: string | null | undefined): CachePolicy | null {
  if (!header || /no-store|no-cache/.test(header)) return null;
  const maxAge = Number(/max-age=(\d+)/.exec(header)?.[1] ?? 0);
  if (maxAge <= 0) return null;
  return { maxAgeSeconds: maxAge, scope: /private/.test(header) ? 'PRIVATE' : 'PUBLIC' };
}
