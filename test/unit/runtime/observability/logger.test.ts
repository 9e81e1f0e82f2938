import { logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createJsonLogger, type LogFields, type Logger } from 'eventc/runtime';
import { kafkajsLogCreator } from '../../../../runtime/observability/logger.js';

describe('createJsonLogger', () => {
  it('writes one JSON object per line with level, message, base and event fields', () => {
    const lines: string[] = [];
    const log = createJsonLogger({
      level: 'info',
      write: (l) => void lines.push(l),
      base: { service: 'inventory' },
    });
    log.info('event sent to the dead-letter topic', {
      eventId: 'e1',
      eventType: 'OrderCreated',
      version: 2,
      topic: 'orders',
      partition: 1,
      offset: '42',
      correlationId: 'c1',
      error: new Error('boom'),
      skipped: undefined,
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({
      level: 'info',
      msg: 'event sent to the dead-letter topic',
      service: 'inventory',
      eventId: 'e1',
      eventType: 'OrderCreated',
      version: 2,
      topic: 'orders',
      partition: 1,
      offset: '42',
      correlationId: 'c1',
      error: { name: 'Error', message: 'boom' },
    });
    expect('skipped' in entry).toBe(false);
    expect(Number.isNaN(Date.parse(entry.time as string))).toBe(false);
  });

  it('drops entries below its level', () => {
    const lines: string[] = [];
    const log = createJsonLogger({ level: 'warn', write: (l) => void lines.push(l) });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['warn', 'error']);
  });
});

describe('kafkajsLogCreator', () => {
  const capture = () => {
    const entries: { level: string; message: string; fields?: LogFields }[] = [];
    const at =
      (level: string) =>
      (message: string, fields?: LogFields): void =>
        void entries.push({ level, message, fields });
    const logger: Logger = {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
    };
    const log = kafkajsLogCreator(logger)(logLevel.INFO);
    const entry = (level: logLevel, error?: string) =>
      log({
        namespace: 'Connection',
        level,
        label: 'ERROR',
        log: { message: 'Response FindCoordinator(key: 10, version: 2)', timestamp: '', error },
      });
    return { entries, entry, log };
  };

  it('logs a response error that kafkajs retries by itself as a warning', () => {
    const { entries, entry } = capture();
    entry(
      logLevel.ERROR,
      "The coordinator is loading and hence can't process requests for this group",
    );
    entry(
      logLevel.ERROR,
      'There is no leader for this topic-partition as we are in the middle of a leadership election',
    );
    expect(entries.map((e) => e.level)).toEqual(['warn', 'warn']);
    expect(entries[0]!.fields).toMatchObject({
      namespace: 'kafkajs.Connection',
      retriedByKafkajs: true,
    });
  });

  it("logs a consumer's crash on a retriable error, and its restart, as warnings", () => {
    const { entries, log } = capture();
    const consumer = (message: string) =>
      log({
        namespace: 'Consumer',
        level: logLevel.ERROR,
        label: 'ERROR',
        log: { message, timestamp: '', groupId: 'g' },
      });
    consumer(
      "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group",
    );
    consumer('Restarting the consumer in 300ms');
    consumer('Crash: KafkaJSNonRetriableError: Group authorization failed');
    expect(entries.map((e) => [e.level, e.fields?.retriedByKafkajs])).toEqual([
      ['warn', true],
      ['warn', true],
      ['error', undefined],
    ]);
  });

  it('keeps every other kafkajs error an error, and the other levels as they are', () => {
    const { entries, entry } = capture();
    entry(logLevel.ERROR, 'Not authorized to access group: Group authorization failed');
    entry(logLevel.ERROR);
    entry(logLevel.WARN, 'x');
    entry(logLevel.INFO);
    entry(logLevel.DEBUG);
    expect(entries.map((e) => e.level)).toEqual(['error', 'error', 'warn', 'info', 'debug']);
    expect(entries[0]!.fields).not.toHaveProperty('retriedByKafkajs');
  });
});
