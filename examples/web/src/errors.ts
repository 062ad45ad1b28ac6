import { FlockError } from '@flock/client';

/** What to tell the member when a call failed: the API's own message where it is meant for them. */
export function describeError(error: unknown): string {
  if (!(error instanceof FlockError)) return 'Something went wrong. Try again.';
  switch (error.code) {
    case 'RATE_LIMITED':
      return error.retryAfter
        ? `Too many attempts. Try again in ${error.retryAfter} s.`
        : 'Too many attempts. Try again in a moment.';
    case 'SERVICE_UNAVAILABLE':
      return 'That part of Flock is unavailable right now. Try again in a moment.';
    case 'NETWORK_ERROR':
      return 'Could not reach Flock. Check your connection and try again.';
    case 'UNAUTHENTICATED':
      return 'Please sign in again.';
    default:
      return error.message;
  }
}

/**
 * What a BAD_USER_INPUT error says about each input, by the form's name for it (the API's
 * `input.username` is the username field); empty for any other error.
 */
export function fieldProblems(error: unknown): { field: string; message: string }[] {
  if (!(error instanceof FlockError) || error.code !== 'BAD_USER_INPUT') return [];
  const problems =
    error.problems ??
    (error.field ? [{ field: error.field, message: error.message.replace(/^[\w.]+: /, '') }] : []);
  return problems.map(({ field, message }) => ({
    field: field.split('.').at(-1) ?? field,
    message,
  }));
}

/**
 * The data of an answer that may be partial (`client.execute`): a field whose service is down
 * is null, and the page shows the rest. Throws the first error when there is no data at all.
 */
export async function partialData<T>(
  answer: Promise<{ data: T | null; errors: readonly Error[] }>,
): Promise<T> {
  const { data, errors } = await answer;
  if (data === null) throw errors[0] ?? new Error('no data');
  return data;
}
