/**
 * Service: running a generated service as a process. Configuration from the environment,
 * fail-fast connection to the broker and the registry, the `/healthz`, `/readyz` and
 * `/metrics` HTTP server, and a graceful stop on SIGTERM or SIGINT.
 */
export {
  runService,
  startService,
  type RunServiceOptions,
  type RunningService,
  type ServiceParts,
} from './run.js';
export {
  loadServiceConfig,
  ConfigError,
  SERVICE_ENV,
  type ServiceConfig,
  type SaslConfig,
} from './config.js';
export { startHealthServer, sendJson, type HealthServer, type Routes } from './health.js';
export { installSignalHandlers, type SignalOptions } from './signals.js';
