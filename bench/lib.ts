import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import autocannon from 'autocannon';

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

/** A closed-loop load of `connections` concurrent clients for `seconds`, bounded and local. */
export async function load(
  name: string,
  options: autocannon.Options & { url: string },
): Promise<LoadResult> {
  const url = new URL(options.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error('benchmarks only target services on this machine');
  }
  const before = cpuCounters();
  const result = await autocannon({ duration: 15, ...options });
  const after = cpuCounters();
  const stolen =
    before && after && after.total > before.total
      ? (after.steal - before.steal) / (after.total - before.total)
      : undefined;
  return {
    stolen,
    name,
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
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

export async function graphql(url: string, query: string, variables: object, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
