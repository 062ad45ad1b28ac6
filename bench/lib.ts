import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { createLogger } from '@flock/logger';
import autocannon from 'autocannon';

/** What every result records about where it was measured. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Progress of a benchmark while it runs (its report goes to stdout at the end). */
export const progress = createLogger({ service: 'bench' });

/** The machine's load averages (1, 5, 15 minutes), for results measured beside other work. */
export function loadAverages(): string {
  return `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`;
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
 * An open-loop load paced evenly: request i is due at start + i/rate, sent then whether or not
 * earlier ones have answered (keep-alive connections added as needed), and its latency is
 * counted from that scheduled time, not from when it could be sent. So a stall of the server
 * (or of this process) shows in the tail as it would to real clients: no coordinated omission.
 * (loadtest's requestsPerSecond mode counted from the actual send, and autocannon's rate
 * options send each second's requests in one burst at the start of the second.)
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
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  const headers = {
    ...options.headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(options.body),
  };
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const send = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const req = httpRequest(
        target,
        { method: 'POST', agent, headers, timeout: 10_000 },
        (res) => {
          if ((res.statusCode ?? 0) >= 300) non2xx += 1;
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(options.body);
    });
  const before = cpuCounters();
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes out, each with its own scheduled time.
      while (next < total && start + next * interval <= now) {
        inFlight.push(send(start + next * interval));
        next += 1;
      }
      if (next >= total) return done();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  const after = cpuCounters();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies.length === 0
      ? Number.NaN
      : Math.round(
          latencies[
            Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)
          ] as number,
        );
  return {
    name,
    requests: latencies.length,
    errors,
    non2xx,
    rps: Math.round(latencies.length / elapsed),
    p50: percentile(50),
    p99: percentile(99),
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
