/**
 * Registry: the one schema-registry client of services and the CLI (retries, TLS files,
 * custom headers, redaction), its options from the environment, the schema-id cache (ids
 * resolved once at start-up, writer schemas fetched once per id) and the lock file of
 * `eventc register`, whose pinned ids let producers publish without a registry lookup.
 */
export {
  RegistryClient,
  isConfluentNotFound,
  type RegistryClientOptions,
  type RegistryAuth,
  type RegistryLevel,
  type RegisteredSchema,
  type CompatibilityAnswer,
} from './client.js';
export {
  registryOptionsFromEnv,
  parseHeaders,
  REGISTRY_ENV,
  DEFAULT_REGISTRY_URL,
  type RegistryEnvSource,
} from './env.js';
export { nodeTransport, fetchTransport, RequestTimeoutError } from './transport.js';
export type { Transport, HttpRequest, HttpResponse, TlsOptions } from './transport.js';
export { Redactor, redactUrl } from './redact.js';
export { SchemaCache } from './schemas.js';
export {
  parseLockFile,
  readLockFile,
  pinnedIds,
  schemaFingerprint,
  PinnedIds,
  LockFileError,
  LockMismatchError,
  type LockFile,
  type LockEntry,
} from './lockfile.js';
