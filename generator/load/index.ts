/**
 * The loader: reads and validates Avro schema files and the `eventc.yaml` manifest into the
 * model (`generator/model`). Everything here throws `InputError` for bad input, listing
 * every problem with its file and JSON pointer.
 */
export { parseSchema, parseSchemaJson, MAX_SCHEMA_SIZE } from './schema.js';
export type { ParseSchemaOptions } from './schema.js';
export { parseJson, locatePointer, MAX_JSON_DEPTH } from './json.js';
export { decodeUtf8 } from './utf8.js';
export type { JsonValue, JsonObject } from './json.js';
export { canonicalForm } from '../model/schema-text.js';
export {
  parseManifest,
  readManifest,
  COMPATIBILITY_LEVELS,
  SUBJECT_NAME_STRATEGIES,
} from './manifest.js';
export type { Manifest, ManifestEvent, ManifestService, ManifestEventUse } from './manifest.js';
export { buildContract, SHARED_FOLDER } from './contract.js';
export type { SourceTree } from './contract.js';
export { loadSharedTypes, parseInDependencyOrder } from './shared.js';
export type { SourceFile } from './shared.js';
export { findProjectRoot, loadContract, readSourceTree, MANIFEST_FILE } from './source-tree.js';
export { locateProblems, withLocatedProblems } from './locate.js';
