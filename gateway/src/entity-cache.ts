import { createHash } from 'node:crypto';
import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { BoundedLabel, type ServiceMetrics } from '@flock/telemetry';
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
  /** Serialised: every hit gets its own copy, which the gateway then merges into. */
  json: string;
  /** Entity key (type and id), to honour invalidations. */
  entity: string;
  /** When the fetch that produced it started: an invalidation after that voids it. */
  fetchedAt: number;
  expiresAt: number;
}

/**
 * Entity caching in the gateway, as Apollo Router does it: each entity a subgraph returns
 * from `_entities` is kept for as long as that subgraph's `Cache-Control` allows (its
 * `@cacheControl` hints), per subgraph, selection and representation, and per viewer when
 * the scope is private. A query whose entities are all cached skips that subgraph call;
 * otherwise only the missing representations are fetched. Mutations, errors, nulls and
 * uncacheable responses are never stored.
 *
 * No object is ever shared between two requests: entries are kept as JSON and every hit is
 * parsed afresh, because the gateway merges each request's fields (a viewer's private ones
 * included) into the entity objects it is handed. Entities a mutation changed are
 * invalidated (`invalidate`, fed by every replica through `entityInvalidationBus`).
 */
export class EntityCache {
  private readonly entries: LRUCache<string, Entry>;
  /** Entity key → when it was last invalidated; kept as long as any entry can live. */
  private readonly invalidated: LRUCache<string, number>;
  readonly stats = { hits: 0, misses: 0, invalidations: 0 };
  /** No entry outlives this, whatever a subgraph's Cache-Control says. */
  private readonly maxAgeSeconds: number;

  private readonly metrics: ServiceMetrics | undefined;
  private readonly types = new BoundedLabel(100);
  /** Subgraph selection → its hash (see shapeOf); bounded by the selections' length. */
  private readonly shapes = new LRUCache<string, string>({
    maxSize: 4_000_000,
    sizeCalculation: (_shape, selection) => selection.length,
  });

  constructor(
    maxEntries: number,
    { maxAgeSeconds = 600, metrics }: { maxAgeSeconds?: number; metrics?: ServiceMetrics } = {},
  ) {
    this.metrics = metrics;
    this.entries = new LRUCache({
      max: maxEntries,
      dispose: (entry, _key, reason) => {
        if (reason === 'evict') this.evicted(entry.entity, 'full');
      },
    });
    this.invalidated = new LRUCache({ max: maxEntries, ttl: maxAgeSeconds * 1000 });
    this.maxAgeSeconds = maxAgeSeconds;
  }

  /** Everything fetched before this was dropped (see `clear`). */
  private clearedAt = 0;

  /**
   * Forgets every entity and anything fetched before now: when invalidations may have been
   * missed (this replica was cut off from the others' invalidation messages).
   */
  clear(now = Date.now()): void {
    this.entries.clear();
    this.clearedAt = now;
  }

  /** Forgets these entities (every selection, every viewer) and anything fetched before now. */
  invalidate(refs: readonly { __typename?: unknown; id?: unknown }[], now = Date.now()): void {
    for (const ref of refs) {
      const key = entityKey(ref);
      this.invalidated.set(key, now);
      this.stats.invalidations += 1;
      this.evicted(key, 'invalidated');
    }
  }

  /** `Post` of `Post:0190…` (entity types are the schema's: a bounded label). */
  private typeOf(entity: string): string {
    return this.types.of(entity.split(':', 1)[0] ?? 'unknown');
  }

  private evicted(entity: string, reason: 'full' | 'invalidated' | 'expired'): void {
    this.metrics?.entityCacheEvictions.inc({ type: this.typeOf(entity), reason });
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
    const shape = this.shapeOf(`${subgraph}\0${request.query}\0${JSON.stringify(otherVariables)}`);
    const keys = representations.map((r: unknown) => `${shape}:${JSON.stringify(r)}`);
    const entities = representations.map((r: unknown) => entityKey(r as object));
    const now = Date.now();
    const found = keys.map((key, i) => this.lookup(key, entities[i] as string, viewerId, now));
    const missing = found.flatMap((entry, i) => (entry ? [] : [i]));
    this.stats.hits += keys.length - missing.length;
    this.stats.misses += missing.length;
    if (this.metrics) this.count(found, entities);
    for (const entry of found) {
      if (entry) {
        options.incomingRequestContext.overallCachePolicy.restrict({
          maxAge: Math.max(0, Math.floor((entry.expiresAt - now) / 1000)),
          scope: entry.scope,
        });
      }
    }
    if (missing.length === 0) {
      return { data: { _entities: found.map((entry) => parse(entry)) } };
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
    const values: unknown[] = found.map((entry) => parse(entry));
    missing.forEach((index, j) => {
      values[index] = fetched[j];
      if (policy && fetched[j] !== null && typeof fetched[j] === 'object') {
        this.store(
          keys[index] as string,
          entities[index] as string,
          fetched[j],
          policy,
          viewerId,
          now,
        );
      }
    });
    return { ...response, data: { ...response.data, _entities: values } };
  }

  /**
   * The key prefix of one subgraph selection: a hash of its query and variables, computed
   * once per distinct selection (the gateway's query plans repeat them).
   */
  private shapeOf(selection: string): string {
    let shape = this.shapes.get(selection);
    if (shape === undefined) {
      shape = createHash('sha1').update(selection).digest('base64');
      this.shapes.set(selection, shape);
    }
    return shape;
  }

  /** Hits and misses by entity type: one counter update per type and request. */
  private count(found: (Entry | undefined)[], entities: string[]): void {
    const hits = new Map<string, number>();
    const misses = new Map<string, number>();
    found.forEach((entry, i) => {
      const type = this.typeOf(entities[i] as string);
      const tally = entry ? hits : misses;
      tally.set(type, (tally.get(type) ?? 0) + 1);
    });
    for (const [type, n] of hits) this.metrics?.entityCacheHits.inc({ type }, n);
    for (const [type, n] of misses) this.metrics?.entityCacheMisses.inc({ type }, n);
  }

  private lookup(
    key: string,
    entity: string,
    viewerId: string | undefined,
    now: number,
  ): Entry | undefined {
    const shared = this.valid(key, entity, now);
    if (shared) return shared;
    return viewerId ? this.valid(`${key}:${viewerId}`, entity, now) : undefined;
  }

  private valid(key: string, entity: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const invalidatedAt = this.invalidated.get(entity);
    if (
      entry.expiresAt <= now ||
      (invalidatedAt !== undefined && invalidatedAt >= entry.fetchedAt)
    ) {
      if (entry.expiresAt <= now) this.evicted(entity, 'expired');
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private store(
    key: string,
    entity: string,
    value: object,
    policy: CachePolicy,
    viewerId: string | undefined,
    fetchedAt: number,
  ) {
    if (policy.scope === 'PRIVATE' && !viewerId) return;
    const invalidatedAt = this.invalidated.get(entity);
    // Invalidated while this fetch was in flight: what it read may be the old entity.
    if (invalidatedAt !== undefined && invalidatedAt >= fetchedAt) return;
    if (this.clearedAt >= fetchedAt) return;
    const maxAgeSeconds = Math.min(policy.maxAgeSeconds, this.maxAgeSeconds);
    const entryKey = policy.scope === 'PRIVATE' ? `${key}:${viewerId}` : key;
    this.entries.set(
      entryKey,
      {
        json: JSON.stringify(value),
        entity,
        fetchedAt,
        scope: policy.scope,
        maxAgeSeconds,
        expiresAt: fetchedAt + maxAgeSeconds * 1000,
      },
      { ttl: maxAgeSeconds * 1000 },
    );
  }
}

function parse(entry: Entry | undefined): unknown {
  return entry ? JSON.parse(entry.json) : undefined;
}

/** `Post:0190…`: the type and id of a representation (its whole JSON when it has no id). */
function entityKey(ref: { __typename?: unknown; id?: unknown }): string {
  return 'id' in ref ? `${String(ref.__typename)}:${String(ref.id)}` : JSON.stringify(ref);
}

/** `max-age=10, public` → 10 s public; anything uncacheable (no-store, no max-age, 0) → null. */
export function parseCacheControl(header: string | null | undefined): CachePolicy | null {
  if (!header || /no-store|no-cache/.test(header)) return null;
  const maxAge = Number(/max-age=(\d+)/.exec(header)?.[1] ?? 0);
  if (maxAge <= 0) return null;
  return { maxAgeSeconds: maxAge, scope: /private/.test(header) ? 'PRIVATE' : 'PUBLIC' };
}
