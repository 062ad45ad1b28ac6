import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';
import { type LoadTestResult, loadTest } from 'loadtest';

/** What every result records about where it was measured. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50: number;
  p99: number;
  /** Share of CPU time the hypervisor gave to other guests during the run (Linux only). */
  stolen?: number;
}

/** The machine-wide CPU counters of /proc/stat: total and stolen jiffies. */
function cpuCounters(): { total: number; steal: number } | undefined {
  try {
    const fields =
      readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ??
      [];
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return undefined;
  }
}

function localOnly(target: string) {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(target).hostname)) {
    throw new Error('benchmarks only target services on this machine');
  }
}

type Counters = ReturnType<typeof cpuCounters>;

function stolenShare(before: Counters, after: Counters): number | undefined {
  return before && after && after.total > before.total
    ? (after.steal - before.steal) / (after.total - before.total)
    : undefined;
}

/** A closed-loop load of `connections` concurrent clients for `seconds`, bounded and local. */
export async function load(
  name: string,
  options: autocannon.Options & { url: string },
): Promise<LoadResult> {
  localOnly(options.url);
  const before = cpuCounters();
  const result = await autocannon({ duration: 15, ...options });
  const after = cpuCounters();
  return {
    stolen: stolenShare(before, after),
    name,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/**
 * An open-loop load: one request every 1/rate s, whether or not earlier ones have answered
 * (loadtest's requestsPerSecond mode, keep-alive connections added as needed). autocannon's
 * rate options send each second's requests in one burst at the start of the second, which
 * measures queueing behind that burst rather than latency at a steady arrival rate.
 */
export async function openLoad(
  name: string,
  options: {
    url: string;
    rate: number;
    seconds: number;
    body: string;
    headers: Record<string, string>;
  },
): Promise<LoadResult> {
  localOnly(options.url);
  const before = cpuCounters();
  const result = await new Promise<LoadTestResult>((resolve, reject) => {
    loadTest(
      {
        url: options.url,
        method: 'POST',
        body: options.body,
        contentType: 'application/json',
        headers: options.headers,
        requestsPerSecond: options.rate,
        maxSeconds: options.seconds,
        agentKeepAlive: true,
        quiet: true,
      },
      (error: Error | null, outcome: LoadTestResult) => (error ? reject(error) : resolve(outcome)),
    );
  });
  const after = cpuCounters();
  return {
    name,
    requests: result.totalRequests,
    errors: result.totalErrors,
    non2xx: 0,
    rps: result.rps,
    p50: result.percentiles[50] ?? Number.NaN,
    p99: result.percentiles[99] ?? Number.NaN,
    stolen: stolenShare(before, after),
  };
}

export function table(results: LoadResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors + r.non2xx} | ${r.stolen === undefined ? '?' : `${Math.round(r.stolen * 100)} %`} |`,
  );
  return [
    '| scenario | requests | req/s | p50 ms | p99 ms | errors | CPU stolen by the host |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** One GraphQL call; throws on a transport failure, a non-200 or any GraphQL error. */
export async function graphql(url: string, query: string, variables: object, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (!response.ok || body.errors) {
    throw new Error(`${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
  }
  return body.data;
}
