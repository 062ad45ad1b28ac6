import {
  type Attributes,
  type Context,
  context,
  ProxyTracerProvider,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SpanExporter,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { traceRedisCalls } from './redis-spans';

/** The sampling ratio when OTEL_TRACES_SAMPLER_ARG is not set (parent-based: callers' choice wins). */
export const DEFAULT_SAMPLE_RATIO = 0.1;

/** The W3C trace context of an operation, as carried in headers and kept in outbox rows. */
export type TraceCarrier = Record<string, string>;

export interface TracingSettings {
  service: string;
  /** Where spans go; none (no endpoint configured) means tracing is off. */
  exporter: SpanExporter;
  /** Fraction of new traces kept (parent-based: a caller's sampled flag is followed). */
  sampleRatio: number;
  /** Tests pass a SimpleSpanProcessor; by default a BatchSpanProcessor. */
  processor?: SpanProcessor;
  /**
   * How the trace follows a request through this process (FLOCK_TRACE_CONTEXT):
   * - `async`: AsyncLocalStorage carries the active span across every await, so everything a
   *   request or a message does nests under it, database calls included. On Node 20 its
   *   promise hooks cost every request CPU, traced or not (a fifth of the feed subgraph's
   *   throughput, bench/results/feed-read.md).
   * - `explicit`: no AsyncLocalStorage; the request's span travels with the request itself
   *   (its GraphQL context, its correlation id), so the trace still runs gateway → subgraph →
   *   resolver → outbox → Kafka → consumer, but database calls inside a request are not spans.
   * Default `explicit` for the HTTP services, `async` for the workers (which already carry
   * their correlation id in AsyncLocalStorage); the local stack runs everything `async`.
   */
  contextPropagation?: 'async' | 'explicit';
}

export interface RunningTracing {
  /** Exports what is buffered and stops (a shutdown step). */
  shutdown(): Promise<void>;
}

/**
 * The tracing settings of the standard OpenTelemetry variables, or undefined when tracing is
 * off: OTEL_SDK_DISABLED=true, or no OTEL_EXPORTER_ZIPKIN_ENDPOINT (exporting is off until an
 * endpoint is configured). OTEL_TRACES_SAMPLER_ARG is the ratio of new traces kept.
 */
export function tracingSettingsFromEnv(
  service: string,
  source: Record<string, string | undefined>,
  defaultPropagation: 'async' | 'explicit' = 'explicit',
): TracingSettings | undefined {
  if ((source.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return undefined;
  const endpoint = source.OTEL_EXPORTER_ZIPKIN_ENDPOINT?.trim();
  if (!endpoint) return undefined;
  const url = new URL(endpoint); // a malformed endpoint is a configuration error, not silence
  const ratioText = source.OTEL_TRACES_SAMPLER_ARG?.trim() || String(DEFAULT_SAMPLE_RATIO);
  const ratio = Number(ratioText);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, not ${ratioText}`);
  }
  const propagation = source.FLOCK_TRACE_CONTEXT?.trim() || defaultPropagation;
  if (propagation !== 'async' && propagation !== 'explicit') {
    throw new Error(`FLOCK_TRACE_CONTEXT must be async or explicit, not ${propagation}`);
  }
  return {
    service: source.OTEL_SERVICE_NAME || service,
    exporter: new ZipkinExporter({ url: url.toString(), serviceName: service }),
    sampleRatio: ratio,
    contextPropagation: propagation,
  };
}

let running: BasicTracerProvider | undefined;

const APOLLO_GATEWAY_TRACER = 'apollo/gateway-js';
/** A tracer that makes no spans (what every tracer is before tracing starts). */
const noTracer = new ProxyTracerProvider().getTracer('none');

/**
 * Turns tracing on for this process: the tracer provider, the AsyncLocalStorage context
 * manager (spans nest across awaits), the W3C trace-context propagator, and the spans of
 * Postgres (Prisma's instrumentation) and Redis (node-redis's diagnostics channels) calls.
 * One per process; a second call replaces the first (tests).
 */
export function startTracing(settings: TracingSettings): RunningTracing {
  if (running) {
    trace.disable();
    context.disable();
    propagation.disable();
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.service }),
    sampler: new ParentBasedSampler({ root: rootSampler(settings.sampleRatio) }),
    spanProcessors: [settings.processor ?? new BatchSpanProcessor(settings.exporter)],
  });
  running = provider;
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const explicit = settings.contextPropagation === 'explicit';
  trace.setGlobalTracerProvider({
    getTracer(name, version, options) {
      // Apollo Gateway's own spans (6 a request) find their parent only with AsyncLocalStorage;
      // without it they could only be roots, which are not kept: no tracer, no cost.
      if (explicit && name === APOLLO_GATEWAY_TRACER) return noTracer;
      return provider.getTracer(name, version, options);
    },
  });
  // Database spans need the active span of the code that calls the database: only with
  // AsyncLocalStorage. Without it they could only be roots (which are not kept), so their
  // instrumentation, which costs every call, stays off.
  let stopDatabaseSpans = () => {};
  if ((settings.contextPropagation ?? 'async') === 'async') {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const prisma = new PrismaInstrumentation();
    prisma.setTracerProvider(provider);
    prisma.enable();
    const stopRedisSpans = traceRedisCalls();
    stopDatabaseSpans = () => {
      prisma.disable();
      stopRedisSpans();
    };
  }
  return {
    async shutdown() {
      stopDatabaseSpans();
      // The last export failing (the trace backend down) loses those spans, nothing else:
      // a service's shutdown goes on.
      await provider.shutdown().catch(() => {});
      if (running === provider) {
        running = undefined;
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}

/**
 * Which new traces are kept: `ratio` of them, except those a database client starts on its
 * own (an outbox relay's polls, a lease renewal: Prisma spans without a parent), which would
 * bury the traces of requests and events under one trace per poll.
 */
function rootSampler(ratio: number): Sampler {
  const ratioSampler = new TraceIdRatioBasedSampler(ratio);
  return {
    shouldSample(ctx, traceId, spanName) {
      // (Apollo Gateway's own spans are roots only without AsyncLocalStorage, where its
      // request span does not reach them: they would each make a trace of their own.)
      if (spanName.startsWith('prisma:') || spanName.startsWith('gateway.')) {
        return { decision: SamplingDecision.NOT_RECORD };
      }
      return ratioSampler.shouldSample(ctx, traceId);
    },
    toString: () => `FlockRoot{${ratioSampler.toString()}}`,
  };
}

/** The tracer of a Flock component (a no-op until tracing is started). */
export function tracer(component: string): Tracer {
  return trace.getTracer(`@flock/${component}`);
}

/**
 * Runs `fn` in a new active span: ended when `fn` settles, with an error status (and the
 * exception) when it throws. `parent` defaults to the active context.
 */
export function withSpan<T>(
  tracerOf: Tracer,
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context },
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracerOf.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Marks a span failed with the error. */
export function failSpan(span: Span, error: unknown): void {
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
  if (error instanceof Error) span.recordException(error);
}

/** The W3C trace context of `ctx` (the active one by default); empty when not traced. */
export function injectTraceContext(ctx: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The context a carrier (HTTP or Kafka headers, an outbox row) describes; ROOT if none. */
export function extractTraceContext(carrier: unknown): Context {
  if (!carrier || typeof carrier !== 'object') return ROOT_CONTEXT;
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(carrier as Record<string, unknown>)) {
    if (typeof value === 'string') headers[key] = value;
    else if (Buffer.isBuffer(value)) headers[key] = value.toString('utf8');
    else if (Array.isArray(value) && typeof value[0] === 'string') headers[key] = value[0];
  }
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * The trace of each request in flight, by correlation id, while tracing without
 * AsyncLocalStorage: how an outbox row written deep in a request finds the request's trace
 * (the envelope carries the correlation id). A client that sends one correlation id with
 * concurrent requests links their events to one of those requests' traces, nothing more.
 */
const requestTraces = new Map<string, Context>();

/** Makes `ctx` the trace of requests with `correlationId` until the returned function runs. */
export function bindRequestTrace(correlationId: string, ctx: Context): () => void {
  requestTraces.set(correlationId, ctx);
  return () => {
    if (requestTraces.get(correlationId) === ctx) requestTraces.delete(correlationId);
  };
}

/**
 * The W3C trace context an event written now should carry: the active span's (a worker, or
 * a request under AsyncLocalStorage), else the trace of the request with `correlationId`.
 */
export function traceContextFor(correlationId: string | undefined): TraceCarrier {
  const active = context.active();
  if (trace.getSpan(active)) return injectTraceContext(active);
  const bound = correlationId ? requestTraces.get(correlationId) : undefined;
  return bound ? injectTraceContext(bound) : {};
}

/** Where a request's trace context rides on its GraphQL context object. */
const REQUEST_TRACE = Symbol.for('flock.requestTrace');

/** Puts the request's trace on its GraphQL context object (see requestTraceOf). */
export function attachRequestTrace(contextValue: object, ctx: Context): void {
  (contextValue as Record<symbol, Context>)[REQUEST_TRACE] = ctx;
}

/**
 * The context to continue a request's trace from: the active one when it has a span (with
 * AsyncLocalStorage), else the one attached to the request's GraphQL context.
 */
export function requestTraceOf(contextValue: unknown): Context {
  const active = context.active();
  if (trace.getSpan(active)) return active;
  const attached =
    contextValue && typeof contextValue === 'object'
      ? (contextValue as Record<symbol, Context | undefined>)[REQUEST_TRACE]
      : undefined;
  return attached ?? active;
}

/** Whether tracing is on in this process (spans are recorded, not no-ops). */
export function isTracing(): boolean {
  return running !== undefined;
}

/** The trace and span ids of `ctx`'s span, for a log line (none when untraced). */
export function traceIdsOf(ctx: Context): { traceId: string; spanId: string } | undefined {
  const spanContext = trace.getSpan(ctx)?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

export type { Context, Span, Tracer };
export { context, SpanKind, SpanStatusCode, trace };
