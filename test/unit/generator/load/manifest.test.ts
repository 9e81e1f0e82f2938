import { describe, expect, test } from 'vitest';
import { InputError } from '../../../../generator/errors.js';
import type { Problem } from '../../../../generator/errors.js';
import { parseManifest } from '../../../../generator/load/index.js';

const FILE = 'eventc.yaml';

const VALID = `schemas: schemas
compatibility: BACKWARD
events:
  - name: OrderCreated
    folder: shop/OrderCreated
    topic: shop.order-created
    key: { field: orderId }
  - name: OrderShipped
    folder: shop/OrderShipped
    topic: shop.order-shipped
services:
  - name: order
    produces: [OrderCreated, { event: OrderShipped, version: 1 }]
`;

function problems(text: string): Problem[] {
  try {
    parseManifest(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  throw new Error('expected an InputError');
}

function only(text: string): string {
  const found = problems(text);
  expect(found).toHaveLength(1);
  const [p] = found as [Problem];
  return `${p.pointer ?? ''} ${p.message}`;
}

describe('parseManifest', () => {
  test('reads a valid manifest with defaults', () => {
    const m = parseManifest(VALID, FILE);
    expect(m.schemas).toBe('schemas');
    expect(m.registry).toEqual({
      urlEnv: 'EVENTC_REGISTRY_URL',
      defaultUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
      subjectNameStrategy: 'TopicNameStrategy',
    });
    expect(m.events.map(({ path: _, ...e }) => e)).toEqual([
      {
        name: 'OrderCreated',
        folder: 'shop/OrderCreated',
        topic: 'shop.order-created',
        key: { field: 'orderId' },
      },
      { name: 'OrderShipped', folder: 'shop/OrderShipped', topic: 'shop.order-shipped' },
    ]);
    expect(m.services[0]?.produces.map(({ path: _, ...u }) => u)).toEqual([
      { event: 'OrderCreated' },
      { event: 'OrderShipped', version: 1 },
    ]);
  });

  test('registry with basic and bearer auth', () => {
    const basic = parseManifest(
      `${VALID}registry:\n  subjectNameStrategy: RecordNameStrategy\n  auth: { kind: basic, usernameEnv: SR_USER, passwordEnv: SR_PASS }\n`,
      FILE,
    );
    expect(basic.registry.auth).toEqual({
      kind: 'basic',
      usernameEnv: 'SR_USER',
      passwordEnv: 'SR_PASS',
    });
    expect(basic.registry.subjectNameStrategy).toBe('RecordNameStrategy');
    const bearer = parseManifest(
      `${VALID}registry:\n  auth: { kind: bearer, tokenEnv: SR_TOKEN }\n`,
      FILE,
    );
    expect(bearer.registry.auth).toEqual({ kind: 'bearer', tokenEnv: 'SR_TOKEN' });
  });

  test('YAML syntax errors name the line and column', () => {
    expect(only('events:\n  - name: [unclosed\n')).toMatch(/^3:1 invalid YAML: /);
    expect(only('events: []\nevents: []\n')).toBe('2:1 invalid YAML: Map keys must be unique');
  });

  test('unknown keys with a suggestion', () => {
    expect(
      only(
        VALID.replace(
          '    topic: shop.order-shipped',
          '    topc: shop.order-shipped\n    topic: x',
        ),
      ),
    ).toBe('10:5 events[1].topc: unknown key "topc". Did you mean "topic"?');
    expect(only(`${VALID}compatability: FULL\n`)).toBe(
      '14:1 compatability: unknown key "compatability". Did you mean "compatibility"?',
    );
  });

  test('unknown key without a close match lists the allowed keys', () => {
    expect(only(`${VALID}whatever: 1\n`)).toBe(
      '14:1 whatever: unknown key "whatever". Allowed keys: schemas, registry, compatibility, events, services, lint, topicDefaults, topics.',
    );
  });

  test('missing required keys', () => {
    expect(only('schemas: schemas\n')).toBe('1:1 missing required key "events"');
    expect(only('events:\n  - name: A\n    folder: a\n')).toBe(
      '2:5 events[0]: missing required key "topic"',
    );
  });

  test('invalid compatibility level with a suggestion', () => {
    expect(only(VALID.replace('compatibility: BACKWARD', 'compatibility: backward'))).toBe(
      '2:16 compatibility: string "backward" is not one of BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, NONE. Did you mean "BACKWARD"?',
    );
  });

  test('invalid subject name strategy', () => {
    expect(only(`${VALID}registry:\n  subjectNameStrategy: TopicName\n`)).toMatch(
      /^15:24 registry\.subjectNameStrategy: string "TopicName" is not one of TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy\./,
    );
  });

  test('invalid auth', () => {
    expect(only(`${VALID}registry:\n  auth: { kind: basic, usernameEnv: U }\n`)).toBe(
      '15:9 registry.auth: missing required key "passwordEnv"',
    );
    expect(
      only(
        `${VALID}registry:\n  auth: { kind: basic, usernameEnv: U, passwordEnv: P, tokenEnv: T }\n`,
      ),
    ).toBe(
      '15:56 registry.auth.tokenEnv: unknown key "tokenEnv". Allowed keys: kind, usernameEnv, passwordEnv.',
    );
    expect(only(`${VALID}registry:\n  auth: { kind: oauth }\n`)).toMatch(
      /^15:17 registry\.auth\.kind: string "oauth" is not one of basic, bearer\./,
    );
    expect(only(`${VALID}registry:\n  urlEnv: 1BAD\n`)).toMatch(
      /^15:11 registry\.urlEnv: "1BAD" is not valid: an environment variable name/,
    );
  });

  test('invalid topic names', () => {
    for (const topic of ['"has space"', '".."', 'a/b', 'x'.repeat(250)]) {
      expect(only(VALID.replace('topic: shop.order-shipped', `topic: ${topic}`))).toMatch(
        /^10:12 events\[1\]\.topic: .* is not valid: a Kafka topic name has 1 to 249 of the characters/,
      );
    }
  });

  test('invalid event and service names', () => {
    expect(
      problems(VALID.replace('name: OrderShipped', 'name: Order-Shipped'))[0]?.message,
    ).toMatch(/^events\[1\]\.name: "Order-Shipped" is not valid: an event name has letters/);
    expect(only(VALID.replace('name: order', 'name: Order_Service'))).toMatch(
      /^12:11 services\[0\]\.name: "Order_Service" is not valid: a service name is lower-case/,
    );
  });

  test('folders must stay inside the schema root', () => {
    expect(only(VALID.replace('folder: shop/OrderShipped', 'folder: ../outside'))).toBe(
      '9:13 events[1].folder: "../outside" must be a relative path with "/" separators, inside the project (no "..")',
    );
    expect(only(VALID.replace('schemas: schemas', 'schemas: /abs'))).toMatch(
      /^1:10 schemas: "\/abs" must be a relative path/,
    );
  });

  test('key must be a field or a schema, not both', () => {
    expect(
      only(VALID.replace('key: { field: orderId }', 'key: { field: orderId, schema: k.avsc }')),
    ).toBe(
      '7:10 events[0].key: give exactly one of "field" (a field of the event record) or "schema" (a key schema file)',
    );
  });

  test('duplicate event names, folders and topics', () => {
    const dup = VALID.replace('name: OrderShipped', 'name: OrderCreated')
      .replace('folder: shop/OrderShipped', 'folder: shop/OrderCreated')
      .replace('topic: shop.order-shipped', 'topic: shop.order-created')
      .replace(', { event: OrderShipped, version: 1 }', '');
    expect(problems(dup).map((p) => `${p.pointer ?? ''} ${p.message}`)).toEqual([
      '8:11 events[1].name: event name "OrderCreated" is already used at line 4',
      '9:13 events[1].folder: folder "shop/OrderCreated" is already used at line 4',
      '10:12 events[1].topic: topic (with TopicNameStrategy each event needs its own topic) "shop.order-created" is already used at line 4',
    ]);
  });

  test('two events may share a topic with RecordNameStrategy', () => {
    const shared = `${VALID.replace('topic: shop.order-shipped', 'topic: shop.order-created')}registry:\n  subjectNameStrategy: RecordNameStrategy\n`;
    expect(parseManifest(shared, FILE).events.map((e) => e.topic)).toEqual([
      'shop.order-created',
      'shop.order-created',
    ]);
  });

  test('a service referencing an unknown event', () => {
    expect(only(`${VALID}  - name: email\n    consumes: [OrderCreatd]\n`)).toBe(
      '15:16 services[1].consumes[0]: unknown event "OrderCreatd". Did you mean "OrderCreated"?',
    );
  });

  test('an event listed twice by one service, and invalid versions', () => {
    expect(only(`${VALID}  - name: email\n    consumes: [OrderCreated, OrderCreated]\n`)).toBe(
      '15:30 services[1].consumes[1].event: event consumed "OrderCreated" is already used at line 15',
    );
    expect(
      only(`${VALID}  - name: email\n    consumes: [{ event: OrderCreated, version: 0 }]\n`),
    ).toBe('15:48 services[1].consumes[0].version: expected a positive integer, got number 0');
  });

  test('duplicate service names', () => {
    expect(only(`${VALID}  - name: order\n`)).toBe(
      '14:11 services[1].name: service name "order" is already used at line 12',
    );
  });

  test('reports every problem at once', () => {
    const bad = VALID.replace('compatibility: BACKWARD', 'compatibility: SOME').replace(
      'topic: shop.order-shipped',
      'topic: "bad topic"',
    );
    expect(problems(bad).map((p) => p.pointer)).toEqual(['2:16', '10:12']);
  });
});
