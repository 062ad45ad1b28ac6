/** One piece of the local stack. */
export interface Component {
  name: string;
  /** Where it answers, shown by status. */
  endpoint: string;
  /** A real readiness probe (a query, a round trip), never a port check alone. */
  probe(): Promise<boolean>;
  /** Starts it; called only when the probe fails. Resolves once it is ready. */
  start(): Promise<void>;
  /** Stops it if this stack started it; returns whether something was stopped. */
  stop(): Promise<boolean>;
  /** What status shows about the process (pid, restarts, ...); default: the tracked pid. */
  describe?(): string | undefined;
  /** Not needed by the tests (the trace viewer): status does not fail when it was never started. */
  optional?: boolean;
}
