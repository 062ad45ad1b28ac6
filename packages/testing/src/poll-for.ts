export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Shown in the error when the condition never held. */
  description?: string;
}

/**
 * Calls `probe` until it returns a value other than undefined/null/false, and returns that
 * value. A probe that throws counts as "not yet"; the last error is reported on timeout.
 */
export async function pollFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 15_000, intervalMs = 100, description = 'condition' }: PollOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? `: last error: ${lastError.message}` : '';
      throw new Error(`pollFor: ${description} not met within ${timeoutMs} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
