import { describe, expect, it } from 'vitest';
import { Supervisor, type ProcessSpec } from '../../../../generator/up/supervisor.js';

function node(name: string, script: string): ProcessSpec {
  return {
    name,
    command: process.execPath,
    args: ['-e', script],
    cwd: process.cwd(),
    env: process.env,
  };
}

const LONG_RUNNING = `
  process.on('SIGTERM', () => { console.log('stopping'); process.exit(0); });
  console.log('ready');
  setInterval(() => {}, 1000);
`;

describe('eventc up supervisor', () => {
  it('prefixes every output line with the padded service name', async () => {
    const lines: string[] = [];
    const result = await new Supervisor(
      [
        node('order', "console.log('a'); console.error('b')"),
        node('inventory', "console.log('c\\nd')"),
      ],
      { write: (l) => lines.push(l) },
    ).run();
    expect(result).toEqual({ exits: { order: 0, inventory: 0 } });
    expect(lines.sort()).toEqual([
      'inventory | c',
      'inventory | d',
      'order     | a',
      'order     | b',
    ]);
  });

  it('stops every service with SIGTERM on request and waits for them', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor([node('a', LONG_RUNNING), node('b', LONG_RUNNING)], {
      write: (l) => {
        lines.push(l);
        if (lines.filter((x) => x.endsWith('ready')).length === 2) supervisor.stop();
      },
    });
    const result = await supervisor.run();
    expect(result.failed).toBeUndefined();
    expect(result.exits).toEqual({ a: 0, b: 0 });
    expect(lines).toContain('a | stopping');
    expect(lines).toContain('b | stopping');
  });

  it('stops the others when one service fails, and names it', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor([node('ok', LONG_RUNNING), node('bad', 'process.exit(3)')], {
      write: (l) => lines.push(l),
    });
    const result = await supervisor.run();
    expect(result.failed).toBe('bad');
    expect(result.exits.bad).toBe(3);
    expect(lines).toContain('bad | exited with 3; stopping the others');
  });

  it('kills a service that ignores SIGTERM after the grace period', async () => {
    const stubborn = node(
      'stubborn',
      "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);",
    );
    const supervisor = new Supervisor([stubborn], {
      gracePeriodMs: 200,
      write: (l) => {
        if (l.endsWith('ready')) supervisor.stop();
      },
    });
    const result = await supervisor.run();
    expect(result.exits.stubborn).toBe('SIGKILL');
  });
});
