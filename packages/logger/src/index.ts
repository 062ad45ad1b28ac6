export {
  CORRELATION_HEADER,
  correlationIdFrom,
  currentCorrelationId,
  withCorrelation,
} from './correlation';
export { createLogger, type Logger, type LoggerOptions } from './logger';
