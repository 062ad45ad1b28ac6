// For tests that look at spans (an in-memory exporter, spans exported as they end).
export {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
export { serveClusterMetrics } from './cluster';
export { BoundedLabel, ServiceMetrics } from './metrics';
export {
  attachRequestTrace,
  bindRequestTrace,
  type Context,
  context,
  DEFAULT_SAMPLE_RATIO,
  extractTraceContext,
  failSpan,
  injectTraceContext,
  isTracing,
  type RunningTracing,
  requestTraceOf,
  type Span,
  SpanKind,
  SpanStatusCode,
  startTracing,
  type TraceCarrier,
  type Tracer,
  type TracingSettings,
  trace,
  traceContextFor,
  traceIdsOf,
  tracer,
  tracingSettingsFromEnv,
  withSpan,
} from './tracing';
