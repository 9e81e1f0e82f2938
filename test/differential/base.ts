/** Random base schemas for the differential test: every Avro kind, nested and recursive. */
import {
  branchKey,
  PRIMITIVES,
  type GField,
  type GRecord,
  type GSchema,
  type GType,
} from './gen-model.js';
import { refreshDefaults } from './positions.js';
import type { Rng } from './rng.js';

export const NAMESPACES = ['com.shop', 'com.shop.v2', 'org.other', ''];
export const SYMBOLS = ['RED', 'GREEN', 'BLUE', 'CYAN', 'MAGENTA', 'YELLOW', 'BLACK'];

const LOGICAL: GType[] = [
  { type: 'long', logicalType: 'timestamp-millis' },
  { type: 'long', logicalType: 'timestamp-micros' },
  { type: 'int', logicalType: 'date' },
  { type: 'int', logicalType: 'time-millis' },
  { type: 'string', logicalType: 'uuid' },
  { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 },
  { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 0 },
];

/** Builds random types into a schema; names are fresh and unique per generator. */
export class TypeGen {
  private counter = 0;
  constructor(
    readonly rng: Rng,
    public s: GSchema,
  ) {}

  fresh(prefix: string): string {
    this.counter++;
    return `${prefix}${this.counter}`;
  }

  fullName(short: string): string {
    const ns = this.rng.pick(NAMESPACES);
    return ns ? `${ns}.${short}` : short;
  }

  /** A new record definition; returns its full name. */
  record(depth: number): string {
    const name = this.fullName(this.fresh('Rec'));
    const rec: GRecord = { type: 'record', name, fields: [] };
    this.s.defs.set(name, rec);
    const count = this.rng.int(1, 4);
    for (let i = 0; i < count; i++) {
      const field: GField = { name: this.fresh('f'), type: this.type(depth + 1) };
      // A placeholder: `refreshDefaults` derives the value once all types exist.
      if (this.rng.chance(0.4)) field.default = { value: null };
      rec.fields.push(field);
    }
    if (this.rng.chance(0.15)) {
      const self: GType = this.rng.chance(0.5) ? ['null', name] : { type: 'array', items: name };
      rec.fields.push({ name: this.fresh('next'), type: self });
    }
    return name;
  }

  enumType(): string {
    const name = this.fullName(this.fresh('Enum'));
    const symbols = SYMBOLS.filter(() => this.rng.chance(0.6));
    if (symbols.length === 0) symbols.push('RED');
    const def: GType = name;
    this.s.defs.set(name, {
      type: 'enum',
      name,
      symbols,
      ...(this.rng.chance(0.4) ? { default: this.rng.pick(symbols) } : {}),
    });
    return def;
  }

  fixedType(): string {
    const name = this.fullName(this.fresh('Fixed'));
    this.s.defs.set(name, { type: 'fixed', name, size: this.rng.int(1, 16) });
    return name;
  }

  primitive(): string {
    return this.rng.pick(PRIMITIVES.slice(1));
  }

  /** A random non-union type. */
  single(depth: number): GType {
    const named = [...this.s.defs.keys()];
    const kind = this.rng.weighted<string>([
      [40, 'primitive'],
      [6, 'logical'],
      [8, 'enum'],
      [4, 'fixed'],
      [depth < 2 ? 8 : 0, 'record'],
      [named.length > 0 ? 6 : 0, 'ref'],
      [depth < 3 ? 7 : 0, 'array'],
      [depth < 3 ? 5 : 0, 'map'],
    ]);
    switch (kind) {
      case 'logical':
        return structuredClone(this.rng.pick(LOGICAL));
      case 'enum':
        return this.enumType();
      case 'fixed':
        return this.fixedType();
      case 'record':
        return this.record(depth);
      case 'ref':
        return this.rng.pick(named);
      case 'array':
        return { type: 'array', items: this.type(depth + 1) };
      case 'map':
        return { type: 'map', values: this.type(depth + 1) };
      default:
        return this.primitive();
    }
  }

  /** A random type, sometimes a union. */
  type(depth: number): GType {
    return this.rng.chance(0.15) ? this.union(depth) : this.single(depth);
  }

  union(depth: number): GType[] {
    const branches: GType[] = this.rng.chance(0.6) ? ['null'] : [];
    const size = this.rng.int(2, 4);
    for (let tries = 0; branches.length < size && tries < 10; tries++) {
      const b = this.single(depth + 1);
      if (!branches.some((x) => branchKey(x) === branchKey(b))) branches.push(b);
    }
    if (branches.length < 2) branches.push(branches[0] === 'null' ? 'string' : 'null');
    return branches;
  }
}

/** A random schema: usually a record, sometimes another type at the root. */
export function randomSchema(rng: Rng): { schema: GSchema; gen: TypeGen } {
  const schema: GSchema = { root: '', defs: new Map() };
  const gen = new TypeGen(rng, schema);
  schema.root = rng.chance(0.92) ? gen.record(0) : gen.type(1);
  refreshDefaults(schema);
  return { schema, gen };
}
