import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { CORRELATION_HEADER, correlationIdFrom } from '@flock/logger';
import {
  attachRequestTrace,
  bindRequestTrace,
  type Context,
  extractTraceContext,
  failSpan,
  isTracing,
  context as otelContext,
  SpanKind,
  SpanStatusCode,
  trace,
  tracer,
} from '@flock/telemetry';

export interface GraphQLHandlerOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the context; `correlationId` is the request's (see startHttpServer), to pass on. */
  context: (req: IncomingMessage, correlationId: string) => Promise<TContext>;
  path?: string;
  /** Requests with a larger body get 413 before any parsing. */
  maxBodyBytes?: number;
  /** Names the request spans' tracer (`@flock/<service>`). */
  service?: string;
  /**
   * Whether a request continues the caller's trace (its `traceparent`, sampled flag
   * included): yes behind the gateway; no at the public edge, where any client could
   * otherwise force every one of its requests to be traced and exported.
   */
  continueCallerTrace?: boolean;
}

/**
 * Serves an Apollo Server on a plain node:http server (the kit's startHttpServer), the way
 * Apollo's own integrations do: build an HTTPGraphQLRequest, execute, stream the response.
 */
export function graphqlHandler<TContext extends BaseContext>({
  server,
  context,
  path = '/graphql',
  maxBodyBytes = 100_000,
  service = 'graphql',
  continueCallerTrace = true,
}: GraphQLHandlerOptions<TContext>) {
  const spans = tracer(service);
  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    requestTrace?: Context,
  ): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (req.method === 'POST') {
      const raw = await readBody(req, maxBodyBytes);
      if (raw === undefined) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(
          '{"errors":[{"message":"Request body too large","extensions":{"code":"PAYLOAD_TOO_LARGE"}}]}',
        );
        return;
      }
      try {
        body =
          raw.length > 0 && isJson(headers)
            ? JSON.parse(raw.toString('utf8'))
            : raw.toString('utf8');
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          '{"errors":[{"message":"Body is not valid JSON","extensions":{"code":"BAD_REQUEST"}}]}',
        );
        return;
      }
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => {
        const value = await context(req, correlationIdFrom(req.headers[CORRELATION_HEADER]));
        if (requestTrace) attachRequestTrace(value, requestTrace);
        return value;
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  // While tracing is on, each request is a server span continuing the caller's trace (the
  // gateway's `traceparent`): active for everything the request does under AsyncLocalStorage,
  // and either way on the request's GraphQL context (resolvers, subgraph calls) and bound to
  // its correlation id (the outbox rows it writes). Off, nothing is added.
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isTracing()) return handle(req, res);
    const parent = extractTraceContext(continueCallerTrace ? req.headers : undefined);
    const span = spans.startSpan(
      `${req.method ?? 'GET'} ${path}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path },
      },
      parent,
    );
    const requestTrace = trace.setSpan(parent, span);
    const unbind = span.isRecording()
      ? bindRequestTrace(correlationIdFrom(req.headers[CORRELATION_HEADER]), requestTrace)
      : undefined;
    try {
      await otelContext.with(requestTrace, () => handle(req, res, requestTrace));
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      unbind?.();
      span.end();
    }
  };
}

function isJson(headers: HeaderMap): boolean {
  return (headers.get('content-type') ?? '').includes('json');
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
