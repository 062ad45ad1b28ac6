import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import { currentCorrelationId } from './correlation';

export type { Logger };

export interface LoggerOptions {
  service: string;
  level?: string;
  pretty?: boolean;
  /**
   * Where lines go: 1 (stdout, the default) or 2 (stderr, written synchronously: for a
   * process's last words before it exits, and a cluster primary's own messages).
   */
  destination?: 1 | 2;
  /** Where lines go instead (tests read them). */
  stream?: pino.DestinationStream;
}

/**
 * The service logger: JSON lines with the service name, the current correlation id and,
 * inside a traced operation, its `traceId` and `spanId` (to find the trace from a line).
 */
export function createLogger({
  service,
  level = 'info',
  pretty = false,
  destination = 1,
  stream,
}: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const correlationId = currentCorrelationId();
      const fields: Record<string, string> = correlationId ? { correlationId } : {};
      const span = trace.getActiveSpan()?.spanContext();
      if (span && trace.isSpanContextValid(span)) {
        fields.traceId = span.traceId;
        fields.spanId = span.spanId;
      }
      return fields;
    },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'refreshToken',
        '*.refreshToken',
        'req.headers.authorization',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', destination },
          },
        }
      : {}),
  };
  if (stream) return pino(options, stream);
  if (pretty || destination === 1) return pino(options);
  return pino(options, pino.destination({ dest: destination, sync: true }));
}
