/**
 * What the emitters produce and the renderer consumes: modules as plain data. Every string
 * here is already valid, escaped TypeScript (identifiers, keys, literals, doc lines); the
 * templates only place them.
 */

/** One output file. */
export interface GeneratedFile {
  /** Path relative to the output directory, `/`-separated. */
  path: string;
  content: string;
}

export interface ModuleModel {
  path: string;
  /** Schema files the module is generated from, for the header line. */
  sources: string[];
  imports: ImportModel[];
  blocks: Block[];
}

export interface ImportModel {
  from: string;
  typeOnly: boolean;
  /** Sorted names, joined with `, `. */
  names: string;
}

export type Block =
  | InterfaceBlock
  | AliasBlock
  | EnumBlock
  | ConstBlock
  | DescriptorBlock
  | EventBlock
  | ServiceBlock;

export interface InterfaceBlock {
  kind: 'interface';
  docLines: string[];
  name: string;
  /** `type` is the text after the colon: ` T`, or a long union laid out over lines. */
  fields: { docLines: string[]; key: string; optional: boolean; type: string }[];
}

export interface AliasBlock {
  kind: 'alias';
  docLines: string[];
  name: string;
  type: string;
}

export interface EnumBlock {
  kind: 'enum';
  docLines: string[];
  name: string;
  symbolsName: string;
  /** The symbols as string literals joined with ` | ` and with `, `. */
  union: string;
  list: string;
}

export interface ConstBlock {
  kind: 'const';
  docLines: string[];
  exported: boolean;
  name: string;
  /** An expression, already valid TypeScript. */
  value: string;
  /** Whether the value goes on its own line (it does not fit after the name). */
  breakAfterEquals: boolean;
}

/** The descriptor of one event version. */
export interface DescriptorBlock {
  kind: 'descriptor';
  docLines: string[];
  name: string;
  readType: string;
  writeType: string;
  /** String literals. */
  event: string;
  version: number;
  fullName: string;
  schemaConst: string;
}

/** The descriptor of one event with all its versions. */
export interface EventBlock {
  kind: 'event';
  docLines: string[];
  name: string;
  event: string;
  topic: string;
  subject: string;
  /** Version descriptor names, joined with `, `. */
  versions: string;
  /** A string literal, or null when the manifest names no key field. */
  keyField: string | null;
}

export interface ServiceBlock {
  kind: 'service';
  /** The service name, safe for doc comments. */
  name: string;
  /** `a` or `an`, as the service name is said: "an \`email\` handler". */
  article: 'a' | 'an';
  producersName: string;
  createProducersName: string;
  handlerProducersName: string;
  contextName: string;
  contextFactoryName: string;
  handlersName: string;
  createConsumerName: string;
  produces: {
    key: string;
    writeType: string;
    /** The version's descriptor value, e.g. `OrderCreatedV2Schema`. */
    descriptor: string;
    docLines: string[];
  }[];
  consumes: {
    method: string;
    readType: string;
    /** The version's descriptor value, e.g. `OrderCreatedV2Schema`. */
    descriptor: string;
    docLines: string[];
  }[];
  hasProducers: boolean;
  hasConsumer: boolean;
}
