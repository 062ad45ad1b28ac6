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
}

/** The service logger: JSON lines with the service name and the current correlation id. */
export function createLogger({
  service,
  level = 'info',
  pretty = false,
  destination = 1,
}: LoggerOptions): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
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
  if (pretty || destination === 1) return pino(options);
  return pino(options, pino.destination({ dest: destination, sync: true }));
}
