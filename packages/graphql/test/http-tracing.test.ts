import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  InMemorySpanExporter,
  type RunningTracing,
  SimpleSpanProcessor,
  startTracing,
} from '@flock/telemetry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlHandler } from '../src';

// Tracing on with no new trace kept (ratio 0): only a caller's sampled `traceparent` would
// make a request recorded.
const exporter = new InMemorySpanExporter();
let tracing: RunningTracing;
let apollo: ApolloServer;
const servers: Server[] = [];

beforeAll(async () => {
  tracing = startTracing({
    service: 'test',
    exporter,
    processor: new SimpleSpanProcessor(exporter),
    sampleRatio: 0,
    contextPropagation: 'explicit',
  });
  apollo = new ApolloServer({
    typeDefs: 'type Query { ok: Boolean }',
    resolvers: { Query: { ok: () => true } },
  });
  await apollo.start();
});
afterAll(async () => {
  for (const server of servers) server.close();
  await apollo.stop();
  await tracing.shutdown();
});

async function serve(continueCallerTrace: boolean): Promise<string> {
  const handler = graphqlHandler({
    server: apollo,
    context: async () => ({}),
    service: continueCallerTrace ? 'subgraph' : 'edge',
    continueCallerTrace,
  });
  const server = createServer((req, res) => void handler(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const ask = (url: string, traceparent: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent },
    body: JSON.stringify({ query: '{ ok }' }),
  });

describe('a caller’s trace context', () => {
  it('is continued behind the gateway (a subgraph follows the sampled flag)', async () => {
    exporter.reset();
    const response = await ask(await serve(true), `00-${traceId}-00f067aa0ba902b7-01`);
    expect(response.status).toBe(200);
    const [span] = exporter.getFinishedSpans();
    expect(span?.spanContext().traceId).toBe(traceId);
  });

  it('is ignored at the public edge: a client cannot force its requests to be traced', async () => {
    exporter.reset();
    const url = await serve(false);
    for (let i = 0; i < 5; i++) {
      expect((await ask(url, `00-${traceId}-00f067aa0ba902b7-01`)).status).toBe(200);
    }
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('answers normally when the traceparent is malformed or huge', async () => {
    const url = await serve(true);
    for (const junk of ['00-zz-00-01', `00-${'f'.repeat(4000)}-00f067aa0ba902b7-01`, '\u00ff']) {
      expect((await ask(url, junk)).status).toBe(200);
    }
  });
});
