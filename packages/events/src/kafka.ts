import type { Logger } from '@flock/logger';
import { Kafka, type LogEntry, logLevel, type RetryOptions } from 'kafkajs';

export interface KafkaOptions {
  clientId: string;
  brokers: string[];
  logger: Logger;
  /** kafkajs is chatty at info; its warnings and errors are what an operator needs. */
  level?: 'error' | 'warn' | 'info' | 'debug';
  /** The client's retries (connections and requests); 8 from 200 ms (about 50 s) unless said. */
  retry?: RetryOptions;
}

/**
 * For a consumer's client: a broker that died is given up after about 6 s, so the consumer
 * restarts with fresh metadata naming the new leaders instead of retrying the dead one for
 * the default budget of about 50 s (measured by npm run test:faults).
 */
export const CONSUMER_RETRY: RetryOptions = {
  initialRetryTime: 200,
  retries: 4,
  maxRetryTime: 5_000,
};

const toKafkaLevel = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const;

/** A kafkajs client whose logs go to the service logger. */
export function createKafka({
  clientId,
  brokers,
  logger,
  level = 'warn',
  retry = { initialRetryTime: 200, retries: 8 },
}: KafkaOptions): Kafka {
  const log = logger.child({ component: 'kafka' });
  return new Kafka({
    clientId,
    brokers,
    logLevel: toKafkaLevel[level],
    retry,
    logCreator:
      () =>
      ({ namespace, level: entryLevel, log: entry }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...extra } = entry;
        const attrs = { kafka: namespace, ...extra };
        if (entryLevel === logLevel.ERROR) log.error(attrs, message);
        else if (entryLevel === logLevel.WARN) log.warn(attrs, message);
        else if (entryLevel === logLevel.INFO) log.info(attrs, message);
        else log.debug(attrs, message);
      },
  });
}
