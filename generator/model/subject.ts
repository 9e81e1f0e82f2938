/**
 * Registry subject names, as Confluent's serializers compute them:
 * TopicNameStrategy `<topic>-value` / `<topic>-key` (the default), RecordNameStrategy
 * `<full.record.Name>`, TopicRecordNameStrategy `<topic>-<full.record.Name>`.
 */
import type { SchemaSet } from './avro.js';
import type { SubjectNameStrategy } from './contract.js';
import { InputError } from '../errors.js';

export type SubjectRole = 'value' | 'key';

/**
 * The name the record strategies use for a schema: the full name of a named root, the type
 * name of a primitive root (as Confluent's `AvroSchema.name()` gives it), undefined otherwise.
 */
export function schemaName(schema: SchemaSet): string | undefined {
  const root = schema.root;
  if (root.kind === 'ref') return root.name;
  if (root.kind === 'primitive') return root.type;
  return undefined;
}

/** The subject of `schema` on `topic` under `strategy`. */
export function subjectName(
  strategy: SubjectNameStrategy,
  topic: string,
  role: SubjectRole,
  schema: SchemaSet,
): string {
  if (strategy === 'TopicNameStrategy') return `${topic}-${role}`;
  const name = schemaName(schema);
  if (name === undefined) {
    throw new InputError([
      {
        file: schema.file,
        pointer: '',
        message: `${strategy} names the subject after the ${role} schema's record, but this schema's root is an array, map or union; use TopicNameStrategy or a named root`,
      },
    ]);
  }
  return strategy === 'RecordNameStrategy' ? name : `${topic}-${name}`;
}
