import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/**
 * The gateway's subgraph calls over undici's request API on keep-alive connections: about a
 * fifth of the CPU of `fetch` per call here (0.11 vs 0.53 ms), and a home page makes three.
 * Apollo's data source only needs the Fetch response shape, which this provides over a
 * fully read body.
 */
export function subgraphFetcher(
  options: {
    connectionsPerSubgraph?: number;
    /** A subgraph that has not answered by then has failed (its fields answer null + code). */
    timeoutMs?: number;
  } = {},
) {
  const timeoutMs = options.timeoutMs ?? 4_000;
  const dispatcher = new Agent({
    connections: options.connectionsPerSubgraph ?? 64,
    keepAliveTimeout: 30_000,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const fetcher: Fetcher = async (url, init = {}) => {
    const response = await request(url, {
      dispatcher,
      method: (init.method ?? 'GET') as 'GET' | 'POST',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    const text = await response.body.text();
    return fetchResponse(url, response.statusCode, toHeaders(response.headers), text);
  };
  return { fetcher, close: () => dispatcher.close() };
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

function fetchResponse(
  url: string,
  status: number,
  headers: Headers,
  text: string,
): FetcherResponse {
  return {
    url,
    status,
    ok: status >= 200 && status < 300,
    statusText: '',
    redirected: false,
    bodyUsed: false,
    headers,
    text: async () => text,
    json: async () => JSON.parse(text),
    arrayBuffer: async () => {
      const bytes = Buffer.from(text, 'utf8');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    },
    clone: () => fetchResponse(url, status, headers, text),
  };
}
