/**
 * An event's version files (`v1.avsc` .. `vN.avsc`, contiguous) and the check that its
 * key field exists, with a usable type, in every version.
 */
import { posix } from 'node:path';
import type { EventVersion } from '../model/contract.js';
import type { Manifest, ManifestEvent } from './manifest.js';
import { didYouMean } from './names.js';

const VERSION_FILE = /^v([1-9][0-9]{0,5})\.avsc$/;

/** Types a key field may have: a primitive other than null (logical types allowed). */
const KEY_TYPES = new Set(['boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

export interface VersionFile {
  version: number;
  file: string;
}

/**
 * The version files of `event` in ascending order; reports a missing folder, misnamed
 * files and gaps in the numbering (on the manifest).
 */
export function readVersionFiles(
  manifest: Manifest,
  event: ManifestEvent,
  folder: string,
  tree: { files: ReadonlyMap<string, unknown>; folders: ReadonlySet<string> },
): VersionFile[] {
  const at = [...event.path, 'folder'];
  if (!tree.folders.has(folder)) {
    const hint = didYouMean(folder, tree.folders);
    manifest.source.report(at, `folder ${JSON.stringify(folder)} does not exist.${hint}`);
    return [];
  }
  const found: VersionFile[] = [];
  const misnamed: string[] = [];
  for (const file of tree.files.keys()) {
    if (posix.dirname(file) !== folder || !file.endsWith('.avsc')) continue;
    const m = VERSION_FILE.exec(posix.basename(file));
    if (m) found.push({ version: Number(m[1]), file });
    else misnamed.push(posix.basename(file));
  }
  found.sort((a, b) => a.version - b.version);
  if (misnamed.length > 0) {
    manifest.source.report(
      at,
      `folder ${JSON.stringify(folder)} has schema files not named v<N>.avsc: ${misnamed.sort().join(', ')}`,
    );
  }
  if (found.length === 0) {
    manifest.source.report(
      at,
      `folder ${JSON.stringify(folder)} has no version files (expected v1.avsc)`,
    );
    return [];
  }
  const missing = found.flatMap((f, i) => {
    const prev = i === 0 ? 0 : (found[i - 1]?.version ?? 0);
    return Array.from({ length: f.version - prev - 1 }, (_, k) => `v${prev + k + 1}.avsc`);
  });
  if (missing.length > 0) {
    manifest.source.report(
      at,
      `versions in ${JSON.stringify(folder)} must be v1..v${found.at(-1)?.version ?? 0} without gaps; missing ${missing.join(', ')}`,
    );
    return [];
  }
  return misnamed.length > 0 ? [] : found;
}

/** Whether `field` is a top-level field of a key-able type in every version's record. */
export function checkEventKey(
  manifest: Manifest,
  event: ManifestEvent,
  field: string,
  versions: EventVersion[],
): boolean {
  const at = [...event.path, 'key', 'field'];
  let ok = true;
  for (const { version, schema } of versions) {
    const root = schema.root.kind === 'ref' ? schema.named.get(schema.root.name) : undefined;
    if (root?.kind !== 'record') continue;
    const found = root.fields.find((f) => f.name === field);
    if (!found) {
      const hint = didYouMean(
        field,
        root.fields.map((f) => f.name),
      );
      manifest.source.report(
        at,
        `key field ${JSON.stringify(field)} is not a field of ${root.name} in version ${version}.${hint}`,
      );
      ok = false;
    } else if (found.type.kind !== 'primitive' || !KEY_TYPES.has(found.type.type)) {
      manifest.source.report(
        at,
        `key field ${JSON.stringify(field)} in version ${version} must have a primitive type other than null (string, long, ...), not a ${found.type.kind === 'primitive' ? 'null' : found.type.kind}`,
      );
      ok = false;
    }
  }
  return ok;
}
