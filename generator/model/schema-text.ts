/**
 * The one printer of schema JSON, in the two forms eventc needs:
 *
 * - **Parsing Canonical Form** (Avro 1.11 §"Parsing Canonical Form for Schemas"), for
 *   fingerprints: primitives as strings, full names, only `name`, `type`, `fields`,
 *   `symbols`, `items`, `values`, `size` in that order.
 * - **Registration text**, what eventc registers. Canonical form cannot be registered: it
 *   drops field defaults, aliases and logical types, so the registry's own compatibility
 *   check would refuse every field added with a default. This form keeps everything schema
 *   resolution and the registry's checks use (defaults, aliases, enum defaults, logical
 *   types) and leaves out what does not change the data (docs, field order hints, custom
 *   properties), so a doc edit never makes a new registry version.
 *
 * Both write each named type in full at its first occurrence and by full name afterwards,
 * keys in a fixed order and no whitespace, so the text is deterministic.
 */
import type { LogicalType, Lookup, NamedType, Schema, SchemaSet } from './avro.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Form = 'canonical' | 'registration';

/** Parsing Canonical Form of `schema`, resolving named types with `lookup`. */
export function canonicalForm(schema: Schema, lookup: Lookup): string {
  return JSON.stringify(new Printer('canonical', lookup).schema(schema));
}

/** The JSON text registered for `set`: self-contained, deterministic, no whitespace. */
export function registrationText(set: SchemaSet): string {
  const lookup: Lookup = (name) => set.named.get(name);
  return JSON.stringify(new Printer('registration', lookup, set.file).schema(set.root));
}

class Printer {
  private readonly seen = new Set<string>();

  constructor(
    private readonly form: Form,
    private readonly lookup: Lookup,
    private readonly file?: string,
  ) {}

  schema(schema: Schema): Json {
    switch (schema.kind) {
      case 'primitive':
        return this.logical(schema.type, schema.logicalType);
      case 'array':
        return { type: 'array', items: this.schema(schema.items) };
      case 'map':
        return { type: 'map', values: this.schema(schema.values) };
      case 'union':
        return schema.branches.map((b) => this.schema(b));
      case 'ref': {
        if (this.seen.has(schema.name)) return schema.name;
        this.seen.add(schema.name);
        const type = this.lookup(schema.name);
        if (!type) {
          const where = this.file ? ` in ${this.file}` : '';
          throw new Error(`internal error: unresolved type "${schema.name}"${where}`);
        }
        return this.named(type);
      }
    }
  }

  private named(type: NamedType): Json {
    const kind = type.kind === 'record' && type.isError ? 'error' : type.kind;
    // Canonical form puts the name first; the registration text the type.
    const out: { [key: string]: Json } =
      this.form === 'canonical' ? { name: type.name, type: kind } : { type: kind, name: type.name };
    if (this.form === 'registration' && type.aliases.length > 0) out.aliases = [...type.aliases];
    switch (type.kind) {
      case 'record':
        out.fields = type.fields.map((f) => {
          const field: { [key: string]: Json } = { name: f.name, type: this.schema(f.type) };
          if (this.form === 'canonical') return field;
          if (f.default !== undefined) field.default = f.default.value as Json;
          if (f.aliases.length > 0) field.aliases = [...f.aliases];
          return field;
        });
        return out;
      case 'enum':
        out.symbols = [...type.symbols];
        if (this.form === 'registration' && type.default !== undefined) out.default = type.default;
        return out;
      case 'fixed':
        out.size = type.size;
        if (this.form === 'registration' && type.logicalType) {
          Object.assign(out, this.logicalKeys(type.logicalType));
        }
        return out;
    }
  }

  private logical(type: string, lt: LogicalType | undefined): Json {
    if (!lt || this.form === 'canonical') return type;
    return { type, ...this.logicalKeys(lt) };
  }

  private logicalKeys(lt: LogicalType): { [key: string]: Json } {
    const out: { [key: string]: Json } = { logicalType: lt.name };
    if (lt.name === 'decimal') {
      out.precision = lt.precision;
      out.scale = lt.scale;
    }
    return out;
  }
}
