/**
 * Registry: the schema registry as the runtime sees it. The HTTP client, the schema-id cache
 * (ids resolved once at start-up, writer schemas fetched once per id) and the lock file of
 * `eventc register`, whose pinned ids let producers publish without a registry lookup.
 */
export { RegistryHttpClient, type RegistryConfig, type RegistryAuth } from './client.js';
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
