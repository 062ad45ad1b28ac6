import { GraphQLError } from 'graphql';
import type { z } from 'zod';

/** The error codes clients can rely on (extensions.code). */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
  /** A dependency is down or too slow: the fields it serves are null; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** Limits on a request, refused before execution with HTTP 400 (413 for the body). */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  TOO_MANY_CREDENTIAL_CHECKS: 'TOO_MANY_CREDENTIAL_CHECKS',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
} as const;

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Invalid input: names the (first) bad field, and lists every problem found. `httpStatus`
 * (400) marks input refused before execution, where the whole request fails.
 */
export function badUserInput(
  problems: FieldProblem[] | FieldProblem,
  { httpStatus }: { httpStatus?: number } = {},
): GraphQLError {
  const list = Array.isArray(problems) ? problems : [problems];
  const [first] = list;
  const message = list.map((p) => `${p.field}: ${p.message}`).join('; ');
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      field: first?.field,
      problems: list,
      ...(httpStatus ? { http: { status: httpStatus } } : {}),
    },
  });
}

/** A dependency is down or too slow. `requestLevel`: the whole request fails with HTTP 503. */
export function serviceUnavailable(what: string, { requestLevel = false } = {}): GraphQLError {
  return new GraphQLError(`${what} unavailable; try again shortly`, {
    extensions: {
      code: ErrorCode.SERVICE_UNAVAILABLE,
      ...(requestLevel ? { http: { status: 503 } } : {}),
    },
  });
}

/** A request refused before execution (a limit, a malformed operation): HTTP 400 + code. */
export function requestRefused(code: string, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * No (valid) credentials. `requestLevel` marks a failure of the whole request (a bad token,
 * found before execution) and answers HTTP 401; a resolver's error keeps HTTP 200 so the
 * gateway can merge it with the other fields.
 */
export function unauthenticated(
  message = 'Authentication required',
  { requestLevel = false } = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      ...(requestLevel ? { http: { status: 401 } } : {}),
    },
  });
}

export function forbidden(message = 'Not allowed'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFound(what: string, field?: string): GraphQLError {
  return new GraphQLError(`${what} not found`, {
    extensions: { code: ErrorCode.NOT_FOUND, ...(field ? { field } : {}) },
  });
}

/** The value, or NOT_FOUND when there is none. */
export function requireFound<T>(value: T | null | undefined, what: string, field?: string): T {
  if (value === null || value === undefined) throw notFound(what, field);
  return value;
}

/** Too many requests. `requestLevel`: the whole request is refused with HTTP 429. */
export function rateLimited(
  retryAfterSeconds: number,
  { requestLevel = false } = {},
): GraphQLError {
  return new GraphQLError(`Too many requests; retry in ${retryAfterSeconds} s`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfter: retryAfterSeconds,
      ...(requestLevel ? { http: { status: 429 } } : {}),
    },
  });
}

/**
 * Validates resolver input with a zod schema. Problems are reported against the argument
 * path the client sent (e.g. `input.username`).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = '',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw badUserInput(
    result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'input',
      message: issue.message,
    })),
  );
}
