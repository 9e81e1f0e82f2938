/**
 * A plain schema file (no manifest) → `<file>.ts`: its types and its codec. The root keeps
 * its Avro short name (or the file name, for an unnamed root); `<Root>Schema` is the schema
 * text and `<Root>Codec` its typed codec (`avroCodec` from the runtime).
 */
import type { SchemaSet } from '../../model/avro.js';
import { registrationText } from '../../model/schema-text.js';
import { constBlock } from '../const.js';
import { runtimeImports } from '../imports.js';
import type { Block, ModuleModel } from '../model.js';
import { docLines, pascalCase, stringLiteral, toIdentifier } from '../names.js';
import { emitTypes } from './types-module.js';

export function emitPlain(set: SchemaSet, path: string): ModuleModel {
  const fileBase = set.file.replace(/^.*\//, '').replace(/\.avsc$/, '');
  const named = set.root.kind === 'ref' ? set.named.get(set.root.name) : undefined;
  const rootName = named ? toIdentifier(named.shortName) : pascalCase(fileBase);
  const schemaConst = `${rootName}Schema`;
  const codecConst = `${rootName}Codec`;
  const types = emitTypes(
    [{ version: undefined, set, rootName }],
    [schemaConst, codecConst, 'avroCodec', 'Duration'],
  );
  const root = types.roots[0]!;
  const blocks: Block[] = [
    ...types.blocks,
    {
      ...constBlock(true, schemaConst, stringLiteral(registrationText(set))),
      docLines: docLines(undefined, [`The schema of ${set.file}, as JSON text.`]),
    },
    {
      ...constBlock(true, codecConst, `avroCodec<${root.read}, ${root.write}>(${schemaConst})`),
      docLines: docLines(undefined, [
        `Codec: \`encode(value: ${root.write})\`, \`decode(buffer)\` gives \`${root.read}\`.`,
      ]),
    },
  ];
  return {
    path,
    sources: [set.file],
    imports: runtimeImports(['avroCodec'], types.runtimeTypes),
    blocks,
  };
}
