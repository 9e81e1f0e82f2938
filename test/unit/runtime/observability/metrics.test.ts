import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from 'eventc/runtime';

describe('Prometheus exposition', () => {
  it('renders counters with HELP, TYPE and sorted, escaped labels', () => {
    const r = new MetricsRegistry();
    const c = r.counter('eventc_events_handled_total', 'Handled events.');
    c.inc({ topic: 'orders', event: 'OrderCreated' });
    c.inc({ event: 'OrderCreated', topic: 'orders' }, 2);
    c.inc({ topic: 'we"ird\\\n', event: 'X' });
    expect(r.expose()).toBe(
      [
        '# HELP eventc_events_handled_total Handled events.',
        '# TYPE eventc_events_handled_total counter',
        'eventc_events_handled_total{event="OrderCreated",topic="orders"} 3',
        'eventc_events_handled_total{event="X",topic="we\\"ird\\\\\\n"} 1',
        '',
      ].join('\n'),
    );
  });

  it('renders histograms with cumulative buckets, +Inf, sum and count', () => {
    const r = new MetricsRegistry();
    const h = r.histogram('eventc_handler_duration_seconds', 'Latency.', [0.1, 1]);
    h.observe({ topic: 't' }, 0.05);
    h.observe({ topic: 't' }, 0.5);
    h.observe({ topic: 't' }, 5);
    expect(r.expose()).toContain(
      [
        'eventc_handler_duration_seconds_bucket{topic="t",le="0.1"} 1',
        'eventc_handler_duration_seconds_bucket{topic="t",le="1"} 2',
        'eventc_handler_duration_seconds_bucket{topic="t",le="+Inf"} 3',
        'eventc_handler_duration_seconds_sum{topic="t"} 5.55',
        'eventc_handler_duration_seconds_count{topic="t"} 3',
      ].join('\n'),
    );
    expect(h.count({ topic: 't' })).toBe(3);
  });

  it('renders gauges without labels and sorts metrics by name', () => {
    const r = new MetricsRegistry();
    r.gauge('b_gauge', 'B.').set({}, 4);
    r.counter('a_total', 'A.').inc();
    const text = r.expose();
    expect(text.indexOf('a_total 1')).toBeLessThan(text.indexOf('b_gauge 4'));
  });

  it('returns the same metric for the same name and refuses a kind clash', () => {
    const r = new MetricsRegistry();
    expect(r.counter('x_total', 'X.')).toBe(r.counter('x_total', 'X.'));
    expect(() => r.gauge('x_total', 'X.')).toThrow(/already exists as a counter/);
    expect(() => r.counter('bad name', 'X.')).toThrow(/Invalid metric name/);
    expect(() => r.counter('y_total', 'Y.').inc({}, -1)).toThrow(/cannot decrease/);
  });
});
