import { describe, expect, it } from 'vitest';
import { createJsonLogger } from 'eventc/runtime';

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
