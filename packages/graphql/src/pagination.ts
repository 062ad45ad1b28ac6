import { z } from 'zod';
import { badUserInput } from './errors';
import { MAX_PAGE_SIZE } from './pagination-limits';

/** The page a connection serves when the client asks for none. */
export const DEFAULT_PAGE_SIZE = 20;

/** A UUID (v7 ids are time-sortable), any case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** `first` of a connection: DEFAULT_PAGE_SIZE when absent, 1..MAX_PAGE_SIZE otherwise. */
export const first = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
  .nullish()
  .transform((value) => value ?? DEFAULT_PAGE_SIZE);

/**
 * Opaque cursors: base64url of a JSON value the service chooses (an id, a [score, member]
 * pair...). `decode` checks its shape; anything else is BAD_USER_INPUT on `after`.
 */
export function cursorCodec<T>(shape: z.ZodType<T>) {
  return {
    encode: (value: T): string => Buffer.from(JSON.stringify(value)).toString('base64url'),
    decode(value: string | null | undefined): T | undefined {
      if (value === null || value === undefined) return undefined;
      if (value.length <= 1_000) {
        try {
          const parsed = shape.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString()));
          if (parsed.success) return parsed.data;
        } catch {
          // not JSON: falls through to the error
        }
      }
      throw badUserInput({ field: 'after', message: 'is not a valid cursor' });
    },
  };
}

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** A Relay connection of one page: `items` in order, each with its cursor. */
export function connectionOf<I, N>(
  items: readonly I[],
  {
    hasNextPage,
    after,
    cursorOf,
    nodeOf,
  }: {
    hasNextPage: boolean;
    /** Whether the client paged from a cursor (there is a page before this one). */
    after: unknown;
    cursorOf: (item: I) => string;
    nodeOf: (item: I) => N;
  },
): Connection<N> {
  const edges = items.map((item) => ({ cursor: cursorOf(item), node: nodeOf(item) }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after !== null && after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
