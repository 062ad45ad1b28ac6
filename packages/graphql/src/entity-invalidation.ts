import type { ApolloServerPlugin } from '@apollo/server';

/** An entity as federation references it. */
export interface EntityRef {
  __typename: string;
  id: string;
}

/** The response extension that lists entities a mutation changed or removed. */
export const INVALIDATION_EXTENSION = 'invalidatedEntities';

export interface InvalidatingContext {
  invalidatedEntities?: EntityRef[];
}

/** Marks an entity as changed by this request: the gateway drops it from its entity cache. */
export function invalidateEntity(ctx: InvalidatingContext, __typename: string, id: string): void {
  ctx.invalidatedEntities ??= [];
  ctx.invalidatedEntities.push({ __typename, id });
}

/**
 * Tells the gateway which entities a request changed, in the response's extensions (as
 * Apollo Router's entity cache invalidation does): the gateway evicts them from the entity
 * cache of every replica, so an edited or deleted entity is never served from a cache.
 */
export function entityInvalidationPlugin<T extends InvalidatingContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const invalidated = contextValue.invalidatedEntities;
          if (!invalidated?.length || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, [INVALIDATION_EXTENSION]: invalidated };
        },
      };
    },
  };
}
