import diagnostics from 'node:diagnostics_channel';
import { context, type Span, SpanKind, trace } from '@opentelemetry/api';

/** What node-redis publishes on its tracing channels (node-redis:command, node-redis:batch). */
interface RedisTraceContext {
  command?: string;
  batchMode?: 'MULTI' | 'PIPELINE';
  batchSize?: number;
  serverAddress?: string;
  serverPort?: number;
  error?: unknown;
  /** Ours: the span of this call. */
  flockSpan?: Span;
}

const spans = () => trace.getTracer('@flock/redis');

/**
 * Spans for Redis calls from node-redis's own diagnostics channels (node-redis 6): one per
 * command, one per pipeline or MULTI (its commands are not spanned one by one: a fan-out
 * pipelines thousands). Only inside an operation already traced: a health ping or a
 * subscriber's background call starts no trace. Returns the unsubscribe.
 */
export function traceRedisCalls(): () => void {
  if (typeof diagnostics.tracingChannel !== 'function') return () => {};
  const handlers = (kind: 'command' | 'batch') => ({
    start(message: unknown) {
      const call = message as RedisTraceContext;
      if (kind === 'command' && call.batchMode) return;
      const parent = context.active();
      if (!trace.getSpan(parent)?.isRecording()) return;
      const name = kind === 'command' ? (call.command ?? 'command') : (call.batchMode ?? 'batch');
      call.flockSpan = spans().startSpan(
        `redis ${name}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'db.system.name': 'redis',
            'db.operation.name': name,
            ...(call.batchSize !== undefined ? { 'db.operation.batch.size': call.batchSize } : {}),
            ...(call.serverAddress ? { 'server.address': call.serverAddress } : {}),
            ...(call.serverPort ? { 'server.port': call.serverPort } : {}),
          },
        },
        parent,
      );
    },
    end() {},
    asyncStart() {},
    asyncEnd(message: unknown) {
      (message as RedisTraceContext).flockSpan?.end();
    },
    error(message: unknown) {
      const call = message as RedisTraceContext;
      const span = call.flockSpan;
      if (!span) return;
      span.setStatus({ code: 2, message: String((call.error as Error)?.message ?? call.error) });
      span.end();
      call.flockSpan = undefined;
    },
  });
  const command = diagnostics.tracingChannel('node-redis:command');
  const batch = diagnostics.tracingChannel('node-redis:batch');
  const onCommand = handlers('command');
  const onBatch = handlers('batch');
  command.subscribe(onCommand);
  batch.subscribe(onBatch);
  return () => {
    command.unsubscribe(onCommand);
    batch.unsubscribe(onBatch);
  };
}
