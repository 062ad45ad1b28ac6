/**
 * Every `extensions.code` the Flock API answers with, and the client's own NETWORK_ERROR.
 * Kept here rather than imported: the SDK depends on no server package (a unit test fails
 * when the server's list gains a code this one lacks).
 */
export const FLOCK_ERROR_CODES = [
  // Resolvers and the gateway (@flock/graphql's ErrorCode)
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  // Limits, refused before execution with HTTP 400 (413 for the body)
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COMPLEX',
  'TOO_MANY_CREDENTIAL_CHECKS',
  'PAYLOAD_TOO_LARGE',
  // Malformed requests (Apollo's own codes, passed through by the gateway)
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // A bug on the server; the message says nothing more, by design
  'INTERNAL_SERVER_ERROR',
  // No GraphQL answer at all: unreachable, or a proxy's non-JSON error page (status kept)
  'NETWORK_ERROR',
] as const;

/** A code of FLOCK_ERROR_CODES; any other string still type-checks (a newer server). */
export type FlockErrorCode = (typeof FLOCK_ERROR_CODES)[number] | (string & {});

/** One invalid input field of a BAD_USER_INPUT error. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface FlockErrorDetails {
  code: FlockErrorCode;
  /** The (first) invalid input field of a BAD_USER_INPUT error, e.g. `input.username`. */
  field?: string;
  /** Every invalid input field of a BAD_USER_INPUT error. */
  problems?: readonly FieldProblem[];
  /** Seconds to wait before trying again (RATE_LIMITED). */
  retryAfter?: number;
  /** The response field the error belongs to; absent when the whole request failed. */
  path?: readonly (string | number)[];
  /** The HTTP status of the response that carried the error. */
  status?: number;
  extensions?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

/** An error the Flock API answered with (or NETWORK_ERROR when it did not answer). */
export class FlockError extends Error {
  override readonly name = 'FlockError';
  readonly code: FlockErrorCode;
  readonly field?: string;
  readonly problems?: readonly FieldProblem[];
  readonly retryAfter?: number;
  readonly path?: readonly (string | number)[];
  readonly status?: number;
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(message: string, details: FlockErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.field = details.field;
    this.problems = details.problems;
    this.retryAfter = details.retryAfter;
    this.path = details.path;
    this.status = details.status;
    this.extensions = details.extensions ?? { code: details.code };
  }

  /** A FlockError from one entry of a GraphQL response's `errors`. */
  static fromGraphQL(error: unknown, { status, retryAfter }: GraphQLErrorContext = {}): FlockError {
    const entry = isRecord(error) ? error : {};
    const extensions = isRecord(entry.extensions) ? entry.extensions : {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';
    const problems = Array.isArray(extensions.problems)
      ? extensions.problems.filter(isFieldProblem)
      : undefined;
    return new FlockError(typeof entry.message === 'string' ? entry.message : code, {
      code,
      field: typeof extensions.field === 'string' ? extensions.field : undefined,
      problems,
      retryAfter: typeof extensions.retryAfter === 'number' ? extensions.retryAfter : retryAfter,
      path: Array.isArray(entry.path) ? entry.path.filter(isPathSegment) : undefined,
      status,
      extensions,
    });
  }
}

export interface GraphQLErrorContext {
  status?: number;
  /** From the response's Retry-After header, when the error does not say. */
  retryAfter?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

function isPathSegment(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}
