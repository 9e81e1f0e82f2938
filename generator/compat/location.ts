/**
 * The location stack of the checker. Apache Avro keeps a stack of JSON pointer tokens
 * (field positions); alongside each token this keeps the field name, so findings can say
 * `/fields/amount/type` as well as Avro's `/fields/2/type`.
 */

export interface LocationToken {
  /** Apache Avro's token: `fields`, a field position, `type`, `items`, a branch index... */
  avro: string;
  /** The same token with a field name instead of a field position. */
  named: string;
}

export type LocationStack = LocationToken[];

/** A fresh stack, as Avro starts one: holding only the root token (the empty string). */
export function newLocation(): LocationStack {
  return [{ avro: '', named: '' }];
}

export function token(avro: string, named: string = avro): LocationToken {
  return { avro, named };
}

/** Avro's `Incompatibility.getLocation()`: the stack without its root, as a JSON pointer. */
export function avroPointer(stack: LocationStack): string {
  return `/${stack
    .slice(1)
    .map((t) => escape(t.avro))
    .join('/')}`;
}

/** The pointer with field names. */
export function namedPointer(stack: LocationStack): string {
  return `/${stack
    .slice(1)
    .map((t) => escape(t.named))
    .join('/')}`;
}

function escape(t: string): string {
  return t.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Says where a location is, for people: `field "order.amount"`, `the items of field
 * "tags"`, `the schema`. Tokens after the last field that are not containers are ignored.
 */
export function describeWhere(stack: LocationStack): string {
  const tokens = stack.slice(1).map((t) => t.named);
  const fields: string[] = [];
  let parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'fields' && i + 1 < tokens.length) {
      fields.push(tokens[i + 1]!);
      parts = [];
      i++;
    } else if (t === 'items') parts.push('items');
    else if (t === 'values') parts.push('values');
    else if (/^\d+$/.test(t)) parts.push(`union branch ${t}`);
  }
  const base = fields.length > 0 ? `field "${fields.join('.')}"` : 'the schema';
  return parts
    .reverse()
    .map((p) => `the ${p} of `)
    .join('')
    .concat(base);
}
