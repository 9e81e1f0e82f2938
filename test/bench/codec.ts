/**
 * Codec benchmark on the example's `OrderCreated` version 2 (nested records, an array, a
 * long, an optional field, an enum, uuid and timestamp-millis): encode and decode through
 * the generated descriptor's codec (`avroType`) against raw avsc `toBuffer`/`fromBuffer` on
 * the same schema (logical types left as their underlying types, as avsc does without
 * options), `@kafkajs/confluent-schema-registry`'s `encode`/`decode` (its avro serializer with
 * the schema already in its cache, so no registry is needed: framing and async included,
 * as in a producer), and JSON as the naive baseline.
 */
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import avro from 'avsc';
import {
  OrderCreatedV2Schema,
  type OrderCreatedV2Input,
} from '../../generated/events/OrderCreated.js';
import { decodeFrame, encodeFrame } from '../../runtime/codec/wire.js';
import { opsPerSecond, type BenchRow, type BenchSuite } from './table.js';

const SCHEMA_ID = 7;

const value: OrderCreatedV2Input = {
  orderId: '0b6a3d3c-2a44-4c8e-9a47-2d2f8e1b9c10',
  customerId: 'customer-1042',
  items: [
    { sku: 'SKU-1', quantity: 2, unitPrice: { amountMinor: 1999, currency: 'EUR' } },
    { sku: 'SKU-22', quantity: 1, unitPrice: { amountMinor: 45_000, currency: 'EUR' } },
    { sku: 'SKU-333', quantity: 5, unitPrice: { amountMinor: 250, currency: 'EUR' } },
  ],
  total: { amountMinor: 50_248, currency: 'EUR' },
  shippingAddress: {
    name: 'Ada Lovelace',
    street: 'Example Street 1',
    extra: null,
    postalCode: '10115',
    city: 'Berlin',
    country: 'DE',
  },
  placedAt: new Date('2026-01-02T03:04:05.678Z'),
  couponCode: 'WELCOME10',
  channel: 'WEB',
};

/** The same event as raw avsc sees it: logical types as their underlying values. */
const rawValue = { ...value, placedAt: value.placedAt.getTime() };

/** Operations per second of an async function, awaited one at a time (as a producer does). */
async function asyncOpsPerSecond(fn: () => Promise<unknown>, ms = 1000): Promise<number> {
  const warmUntil = performance.now() + ms / 4;
  while (performance.now() < warmUntil) await fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) await fn();
    n += 100;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/**
 * Rates of several functions measured in alternation (rounds of 100 ms each, the order rotating
 * every round), so load from other processes on a shared machine hits all of them alike: per
 * function its median rate, and the median of its per-round ratio to the first function.
 */
function alternated(fns: (() => unknown)[], rounds = 15): { rates: number[]; ratios: number[] } {
  const perRound: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const rates: number[] = [];
    for (let k = 0; k < fns.length; k++) {
      const i = (r + k) % fns.length;
      rates[i] = opsPerSecond(fns[i]!, 100);
    }
    perRound.push(rates);
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  return {
    rates: fns.map((_, i) => median(perRound.map((rates) => rates[i]!))),
    ratios: fns.map((_, i) => median(perRound.map((rates) => rates[i]! / rates[0]!))),
  };
}

function pct(a: number, b: number): string {
  return `${Math.round((100 * a) / b)}%`;
}

export const suite: BenchSuite = {
  area: 'codec',
  async run(): Promise<BenchRow[]> {
    const generated = OrderCreatedV2Schema.type;
    const raw = avro.Type.forSchema(JSON.parse(OrderCreatedV2Schema.schema) as avro.Schema);
    const registry = new SchemaRegistry({ host: 'http://127.0.0.1:9' });
    (
      registry as unknown as { cache: { setSchema(id: number, t: string, s: unknown): void } }
    ).cache.setSchema(SCHEMA_ID, 'AVRO', raw);
    const body = generated.toBuffer(value);
    if (!body.equals(raw.toBuffer(rawValue)))
      throw new Error('generated and raw avsc encodings differ');
    const framed = encodeFrame(SCHEMA_ID, body);
    const json = Buffer.from(JSON.stringify(value));

    const encoding = alternated([() => raw.toBuffer(rawValue), () => generated.toBuffer(value)]);
    const [rawEncode, genEncode] = encoding.rates as [number, number];
    const decoding = alternated([() => raw.fromBuffer(body), () => generated.fromBuffer(body)]);
    const [rawDecode, genDecode] = decoding.rates as [number, number];
    const [genFramedEncode, genFramedDecode] = alternated([
      () => encodeFrame(SCHEMA_ID, generated.toBuffer(value)),
      () => generated.fromBuffer(decodeFrame(framed).body),
    ]).rates as [number, number];
    const csrEncode = await asyncOpsPerSecond(() => registry.encode(SCHEMA_ID, rawValue));
    const csrDecode = await asyncOpsPerSecond(() => registry.decode(framed));
    const jsonEncode = opsPerSecond(() => Buffer.from(JSON.stringify(value)));
    const jsonDecode = opsPerSecond(() => JSON.parse(json.toString('utf8')) as unknown);

    const row = (c: string, v: number, note?: string): BenchRow => ({
      area: 'codec',
      case: c,
      value: Math.round(v),
      unit: 'ops/s',
      ...(note ? { note } : {}),
    });
    return [
      row('raw avsc toBuffer (OrderCreated v2)', rawEncode, `${body.length} bytes`),
      row(
        'generated encode',
        genEncode,
        `${pct(encoding.ratios[1]!, 1)} of raw avsc, median of paired rounds (target ≥ 90%)`,
      ),
      row('raw avsc fromBuffer', rawDecode),
      row(
        'generated decode',
        genDecode,
        `${pct(decoding.ratios[1]!, 1)} of raw avsc, median of paired rounds (target ≥ 90%)`,
      ),
      row(
        'generated encode + wire frame',
        genFramedEncode,
        `${pct(genFramedEncode, csrEncode)} of confluent-schema-registry encode`,
      ),
      row(
        'confluent-schema-registry encode',
        csrEncode,
        'schema pre-cached, no registry call; async',
      ),
      row(
        'generated decode + wire frame',
        genFramedDecode,
        `${pct(genFramedDecode, csrDecode)} of confluent-schema-registry decode`,
      ),
      row(
        'confluent-schema-registry decode',
        csrDecode,
        'schema pre-cached, no registry call; async',
      ),
      row(
        'JSON.stringify to Buffer',
        jsonEncode,
        `${json.length} bytes; generated encode is ${pct(genEncode, jsonEncode)} of it`,
      ),
      row(
        'JSON.parse from Buffer',
        jsonDecode,
        `generated decode is ${pct(genDecode, jsonDecode)} of it`,
      ),
    ];
  },
};
