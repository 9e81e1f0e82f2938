import { describe, expect, it } from 'vitest';
import {
  HEADER,
  buildEventHeaders,
  childTraceparent,
  isValidTraceparent,
  newTraceparent,
  parseTraceparent,
  readHeaders,
} from 'eventc/runtime';
import { HeaderReader } from '../../../../runtime/envelope/headers.js';

const VALID = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('eventc headers', () => {
  it('carries id, type, version, time, correlation and causation ids and trace context', () => {
    const headers = buildEventHeaders({
      eventId: 'e1',
      eventType: 'OrderCreated',
      version: 2,
      time: new Date('2026-01-02T03:04:05.678Z'),
      correlationId: 'c1',
      causationId: 'p1',
      traceparent: VALID,
      tracestate: 'vendor=x',
    });
    expect(headers).toEqual({
      'eventc-event-id': 'e1',
      'eventc-event-type': 'OrderCreated',
      'eventc-event-version': '2',
      'eventc-event-time': '2026-01-02T03:04:05.678Z',
      'eventc-correlation-id': 'c1',
      'eventc-causation-id': 'p1',
      traceparent: VALID,
      tracestate: 'vendor=x',
    });
  });

  it('leaves out causation and trace headers when there are none', () => {
    const headers = buildEventHeaders({
      eventId: 'e',
      eventType: 'T',
      version: 1,
      time: new Date(0),
      correlationId: 'e',
    });
    expect(Object.keys(headers).sort()).toEqual(
      [
        HEADER.correlationId,
        HEADER.eventId,
        HEADER.eventTime,
        HEADER.eventType,
        HEADER.eventVersion,
      ].sort(),
    );
  });

  it('keeps extra headers but never lets them replace eventc headers', () => {
    const headers = buildEventHeaders(
      { eventId: 'real', eventType: 'T', version: 1, time: new Date(0), correlationId: 'c' },
      { 'x-tenant': 'acme', 'eventc-event-id': 'forged' },
    );
    expect(headers['x-tenant']).toBe('acme');
    expect(headers['eventc-event-id']).toBe('real');
  });

  it('reads Kafka headers as UTF-8 strings, the last of repeated ones, skipping undefined', () => {
    expect(
      readHeaders({
        a: Buffer.from('ü'),
        b: 'plain',
        c: [Buffer.from('1'), Buffer.from('2')],
        d: undefined,
      }),
    ).toEqual({ a: 'ü', b: 'plain', c: '2' });
    expect(readHeaders(undefined)).toEqual({});
  });

  it('decodes header bytes exactly as Buffer#toString does: a byte-order mark kept, bad bytes replaced', () => {
    const odd = [
      Buffer.from([0xef, 0xbb, 0xbf, 0x61]), // BOM + 'a'
      Buffer.from([0x61, 0xff, 0x62]), // invalid byte
      Buffer.from([0xe2, 0x82]), // truncated sequence
      Buffer.from('日本語 ✓'),
      Buffer.alloc(0),
    ];
    const read = readHeaders(Object.fromEntries(odd.map((b, i) => [`h${i}`, b])));
    expect(Object.values(read)).toEqual(odd.map((b) => b.toString('utf8')));
  });

  it('reads consecutive messages the same as one at a time, reused strings included', () => {
    // Each message against the one before it at the same position: the same ASCII text, other
    // text of the same length, bytes whose values equal the previous text's char codes but are
    // not ASCII (Latin-1 'é' after a decoded 'é'), a replacement character, a prefix of the
    // previous text, and repeats.
    const messages = [
      ['OrderPlaced', '1', 'é', '\uFFFD', '2026-11-27T00:00:00.000Z'],
      ['OrderPlaced', '2', Buffer.from([0xe9]), Buffer.from([0xff]), '2026-11-27T00:00:00.000Z'],
      ['OrderPlacex', '2', 'é', Buffer.from([0xfe]), '2026-11-27T00:00:00.001Z'],
      ['Order', '2', 'é', 'x', 'y'.repeat(100)],
      ['Order', '2', 'é', 'x', 'y'.repeat(100)],
    ].map((values) =>
      Object.fromEntries(
        values.map((v, i) => [`h${i}`, typeof v === 'string' ? Buffer.from(v) : v]),
      ),
    );
    const reader = new HeaderReader();
    for (const headers of messages) expect(reader.read(headers)).toEqual(readHeaders(headers));
    expect(reader.read(messages[1])).toEqual({
      h0: 'OrderPlaced',
      h1: '2',
      h2: '\uFFFD',
      h3: '\uFFFD',
      h4: '2026-11-27T00:00:00.000Z',
    });
  });
});

describe('W3C traceparent', () => {
  it('parses a valid header', () => {
    expect(parseTraceparent(VALID)).toEqual({
      version: '00',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: '01',
    });
  });

  it.each([
    ['all-zero trace id', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'],
    ['all-zero span id', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01'],
    ['version ff', 'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['upper-case hex', '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01'],
    ['short trace id', '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01'],
    ['extra field on version 00', `${VALID}-extra`],
    ['garbage', 'hello'],
  ])('rejects %s', (_why, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
    expect(isValidTraceparent(header)).toBe(false);
  });

  it('accepts extra fields from a later version', () => {
    expect(
      parseTraceparent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later')?.version,
    ).toBe('01');
  });

  it('makes a child span: same trace and flags, a new span id', () => {
    const child = childTraceparent(VALID);
    const parsed = parseTraceparent(child)!;
    expect(parsed.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(parsed.flags).toBe('01');
    expect(parsed.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(parsed.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('starts a new trace for an invalid parent, and new traces are valid and distinct', () => {
    const fresh = childTraceparent('nonsense');
    expect(isValidTraceparent(fresh)).toBe(true);
    expect(parseTraceparent(newTraceparent())!.traceId).not.toBe(
      parseTraceparent(newTraceparent())!.traceId,
    );
    expect(parseTraceparent(newTraceparent(false))!.flags).toBe('00');
  });
});
