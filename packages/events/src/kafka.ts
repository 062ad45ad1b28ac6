import type { Logger } from '@flock/logger';
import { Kafka, type LogEntry, logLevel } from 'kafkajs';

export interface KafkaOptions {
  clientId: string;
  brokers: string[];
  logger: Logger;
  /** kafkajs is chatty at info; its warnings and errors are what an operator needs. */
  level?: 'error' | 'warn' | 'info' | 'debug';
}

const toKafkaLevel = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const;

/** A kafkajs client whose logs go to the service logger. */
export function createKafka({ clientId, brokers, logger, level = 'warn' }: KafkaOptions): Kafka {
  const log = logger.child({ component: 'kafka' });
  return new Kafka({
    clientId,
    brokers,
    logLevel: toKafkaLevel[level],
    retry: { initialRetryTime: 200, retries: 8 },
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
