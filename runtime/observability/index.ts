/**
 * Observability: JSON logs (kafkajs' own logs included) and Prometheus metrics of producers
 * and consumers.
 */
export { MetricsRegistry, Counter, Gauge, Histogram, type Labels } from './metrics.js';
export {
  createJsonLogger,
  silentLogger,
  type Logger,
  type LogFields,
  type JsonLoggerOptions,
} from './logger.js';
