import { createLogger } from '@flock/logger';
import { freePort } from '@flock/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BoundedLabel,
  bindRequestTrace,
  context,
  InMemorySpanExporter,
  type RunningTracing,
  ServiceMetrics,
  SimpleSpanProcessor,
  startTracing,
  trace,
  traceContextFor,
  tracer,
  tracingSettingsFromEnv,
  withSpan,
} from '../src/index';

describe('tracing settings from the OpenTelemetry variables', () => {
  it('is off without an endpoint (the production default) and when disabled', () => {
    expect(tracingSettingsFromEnv('posts', {})).toBeUndefined();
    expect(
      tracingSettingsFromEnv('posts', {
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://127.0.0.1:9411/api/v2/spans',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toBeUndefined();
  });

  it('samples 10 % of new traces unless told otherwise', () => {
    const endpoint = { OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://127.0.0.1:9411/api/v2/spans' };
    expect(tracingSettingsFromEnv('posts', endpoint)?.sampleRatio).toBe(0.1);
    expect(
      tracingSettingsFromEnv('posts', { ...endpoint, OTEL_TRACES_SAMPLER_ARG: '1' })?.sampleRatio,
    ).toBe(1);
  });

  it('carries the trace explicitly by default, and as FLOCK_TRACE_CONTEXT says', () => {
    const endpoint = { OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://127.0.0.1:9411/api/v2/spans' };
    expect(tracingSettingsFromEnv('posts', endpoint)?.contextPropagation).toBe('explicit');
    expect(tracingSettingsFromEnv('mailer', endpoint, 'async')?.contextPropagation).toBe('async');
    expect(
      tracingSettingsFromEnv('posts', { ...endpoint, FLOCK_TRACE_CONTEXT: 'async' })
        ?.contextPropagation,
    ).toBe('async');
    expect(() =>
      tracingSettingsFromEnv('posts', { ...endpoint, FLOCK_TRACE_CONTEXT: 'magic' }),
    ).toThrow(/FLOCK_TRACE_CONTEXT/);
  });

  it('refuses a ratio outside 0..1 and an endpoint that is no URL', () => {
    const endpoint = { OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://127.0.0.1:9411/api/v2/spans' };
    expect(() =>
      tracingSettingsFromEnv('posts', { ...endpoint, OTEL_TRACES_SAMPLER_ARG: '2' }),
    ).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() =>
      tracingSettingsFromEnv('posts', { ...endpoint, OTEL_TRACES_SAMPLER_ARG: 'all' }),
    ).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() =>
      tracingSettingsFromEnv('posts', { OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'not a url' }),
    ).toThrow();
  });
});

describe('traces in this process', () => {
  let running: RunningTracing | undefined;
  afterEach(async () => {
    await running?.shutdown();
    running = undefined;
  });

  function start(sampleRatio = 1) {
    const exporter = new InMemorySpanExporter();
    running = startTracing({
      service: 'test',
      exporter,
      processor: new SimpleSpanProcessor(exporter),
      sampleRatio,
    });
    return exporter;
  }

  it('puts the trace and span ids on every log line inside a span', async () => {
    start();
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      service: 'test',
      stream: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    let ids: { traceId: string; spanId: string } | undefined;
    await withSpan(tracer('test'), 'work', {}, async (span) => {
      ids = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('inside'); // after an await: the context follows the async work
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({ msg: 'inside', ...ids });
    expect(lines[1]?.traceId).toBeUndefined();
  });

  it("gives an event written without AsyncLocalStorage its request's trace, by correlation id", async () => {
    running = startTracing({
      service: 'test',
      exporter: new InMemorySpanExporter(),
      sampleRatio: 1,
      contextPropagation: 'explicit',
    });
    const span = tracer('test').startSpan('request');
    const unbind = bindRequestTrace('corr-1', trace.setSpan(context.active(), span));
    const { traceId, spanId } = span.spanContext();
    expect(traceContextFor('corr-1').traceparent).toBe(`00-${traceId}-${spanId}-01`);
    expect(traceContextFor('corr-2')).toEqual({});
    unbind();
    expect(traceContextFor('corr-1')).toEqual({});
    span.end();
  });

  it('records a failing operation as an error span and rethrows', async () => {
    const exporter = start();
    await expect(
      withSpan(tracer('test'), 'fails', {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toMatchObject({ code: 2, message: 'boom' });
    expect(span?.events[0]?.name).toBe('exception');
  });

  it("keeps no trace a database client starts on its own (an outbox relay's poll)", async () => {
    const exporter = start();
    const spans = tracer('test');
    spans.startSpan('prisma:client:operation').end();
    spans.startSpan('POST /graphql').end();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['POST /graphql']);
  });

  it('keeps none of the new traces at ratio 0, and all of them at 1', async () => {
    let exporter = start(0);
    for (let i = 0; i < 20; i++) tracer('test').startSpan('request').end();
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    await running?.shutdown();
    exporter = start(1);
    for (let i = 0; i < 20; i++) tracer('test').startSpan('request').end();
    expect(exporter.getFinishedSpans()).toHaveLength(20);
  });
});

describe('metrics', () => {
  it('labels every series with the service, and bounds operation names', async () => {
    const metrics = new ServiceMetrics('posts', { runtime: false });
    metrics.graphqlRequestDuration.observe(
      { operation: metrics.operationLabel('HomeFeed__feed__0'), outcome: 'ok' },
      0.01,
    );
    metrics.graphqlRequestDuration.observe(
      { operation: metrics.operationLabel(undefined), outcome: 'error' },
      0.01,
    );
    const text = await metrics.metrics();
    expect(text).toContain(
      'flock_graphql_request_duration_seconds_count{service="posts",operation="HomeFeed",outcome="ok"} 1',
    );
    expect(text).toContain('operation="anonymous"');
    // A series is registered once, however often it is asked for.
    expect(metrics.graphqlErrors).toBe(metrics.graphqlErrors);
  });

  it('gives client-chosen names a bounded set of label values', () => {
    const label = new BoundedLabel(2);
    expect(label.of('A')).toBe('A');
    expect(label.of('B')).toBe('B');
    expect(label.of('C')).toBe('other');
    expect(label.of('A')).toBe('A');
    expect(new BoundedLabel(10).of('x"}\n evil')).toBe('other');
    expect(new BoundedLabel(10).of('a'.repeat(65))).toBe('other');
  });

  it('reads the outbox backlog when scraped, and a failing read keeps the scrape working', async () => {
    const metrics = new ServiceMetrics('identity', { runtime: false });
    let answer: () => Promise<{ count: number; oldestAgeSeconds: number }> = async () => ({
      count: 3,
      oldestAgeSeconds: 12.5,
    });
    metrics.outboxBacklog(() => answer());
    let text = await metrics.metrics();
    expect(text).toContain('flock_outbox_backlog_messages{service="identity"} 3');
    expect(text).toContain('flock_outbox_oldest_age_seconds{service="identity"} 12.5');
    answer = async () => {
      throw new Error('database down');
    };
    text = await metrics.metrics();
    expect(text).toContain('flock_outbox_backlog_messages{service="identity"} 3');
  });

  it("serves the runtime's own series", async () => {
    const text = await new ServiceMetrics('gateway').metrics();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_gc_duration_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});

describe('a trace backend that is down', () => {
  it('loses the spans, never the work: spans end, and shutdown returns', async () => {
    const port = await freePort(); // nothing listens there
    const settings = tracingSettingsFromEnv('test', {
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: `http://127.0.0.1:${port}/api/v2/spans`,
      OTEL_TRACES_SAMPLER_ARG: '1',
    });
    if (!settings) throw new Error('tracing should be on');
    const running = startTracing(settings);
    const done = await withSpan(tracer('test'), 'work', {}, async () => 'done');
    expect(done).toBe('done');
    const started = Date.now();
    await running.shutdown(); // flushes to the closed port: fails, and gives up
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);
});
