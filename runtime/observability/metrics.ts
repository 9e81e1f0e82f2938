/**
 * A small metrics registry (counters, gauges, histograms with labels) with the Prometheus
 * text exposition format (version 0.0.4), so a service can serve `registry.expose()` at
 * `/metrics` without another dependency.
 */

export type Labels = Record<string, string | number>;

abstract class Metric {
  readonly name: string;
  readonly help: string;
  abstract readonly type: 'counter' | 'gauge' | 'histogram';

  constructor(name: string, help: string) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name))
      throw new RangeError(`Invalid metric name '${name}'`);
    this.name = name;
    this.help = help;
  }

  abstract lines(): string[];

  expose(): string {
    const help = this.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
    return [
      `# HELP ${this.name} ${help}`,
      `# TYPE ${this.name} ${this.type}`,
      ...this.lines(),
    ].join('\n');
  }
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeLabel(String(labels[k]))}"`)
    .join(',');
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Number.isNaN(v)) return 'NaN';
  return String(v);
}

function sample(name: string, key: string, value: number): string {
  return `${name}${key ? `{${key}}` : ''} ${formatValue(value)}`;
}

/** A monotonically increasing count. */
export class Counter extends Metric {
  readonly type = 'counter';
  private readonly cells = new Map<string, { value: number }>();

  inc(labels: Labels = {}, by = 1): void {
    this.labels(labels).inc(by);
  }

  /** The series of `labels`, to update without computing the label key each time. */
  labels(labels: Labels): { inc(by?: number): void } {
    const cell = cellOf(this.cells, labelKey(labels));
    const name = this.name;
    return {
      inc(by = 1) {
        if (by < 0) throw new RangeError(`Counter ${name} cannot decrease`);
        cell.value += by;
      },
    };
  }

  get(labels: Labels = {}): number {
    return this.cells.get(labelKey(labels))?.value ?? 0;
  }

  lines(): string[] {
    return [...this.cells].map(([k, c]) => sample(this.name, k, c.value));
  }
}

function cellOf(cells: Map<string, { value: number }>, key: string): { value: number } {
  let cell = cells.get(key);
  if (!cell) cells.set(key, (cell = { value: 0 }));
  return cell;
}

/** A value that goes up and down. */
export class Gauge extends Metric {
  readonly type = 'gauge';
  private readonly cells = new Map<string, { value: number }>();

  set(labels: Labels, value: number): void {
    cellOf(this.cells, labelKey(labels)).value = value;
  }

  inc(labels: Labels = {}, by = 1): void {
    cellOf(this.cells, labelKey(labels)).value += by;
  }

  dec(labels: Labels = {}, by = 1): void {
    this.inc(labels, -by);
  }

  /** The series of `labels`, to update without computing the label key each time. */
  labels(labels: Labels): { set(value: number): void } {
    const cell = cellOf(this.cells, labelKey(labels));
    return {
      set(value: number) {
        cell.value = value;
      },
    };
  }

  get(labels: Labels = {}): number {
    return this.cells.get(labelKey(labels))?.value ?? 0;
  }

  lines(): string[] {
    return [...this.cells].map(([k, c]) => sample(this.name, k, c.value));
  }
}

interface HistogramSeries {
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative buckets (`le`), with their sum and count. */
export class Histogram extends Metric {
  readonly type = 'histogram';
  readonly buckets: readonly number[];
  private readonly series = new Map<string, HistogramSeries>();

  constructor(name: string, help: string, buckets: readonly number[]) {
    super(name, help);
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: Labels, value: number): void {
    this.labels(labels).observe(value);
  }

  /** The series of `labels`, to update without computing the label key each time. */
  labels(labels: Labels): { observe(value: number): void } {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    const series = s;
    const buckets = this.buckets;
    return {
      observe(value: number) {
        for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]!) series.counts[i]!++;
        series.sum += value;
        series.count++;
      },
    };
  }

  count(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.count ?? 0;
  }

  lines(): string[] {
    const out: string[] = [];
    for (const [key, s] of this.series) {
      const withLe = (le: string) => (key ? `${key},le="${le}"` : `le="${le}"`);
      this.buckets.forEach((b, i) =>
        out.push(sample(`${this.name}_bucket`, withLe(formatValue(b)), s.counts[i]!)),
      );
      out.push(sample(`${this.name}_bucket`, withLe('+Inf'), s.count));
      out.push(sample(`${this.name}_sum`, key, s.sum));
      out.push(sample(`${this.name}_count`, key, s.count));
    }
    return out;
  }
}

/** Holds metrics by name; `expose()` renders them all for Prometheus. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    return this.getOrCreate(name, () => new Counter(name, help), Counter);
  }

  gauge(name: string, help: string): Gauge {
    return this.getOrCreate(name, () => new Gauge(name, help), Gauge);
  }

  histogram(
    name: string,
    help: string,
    buckets: readonly number[] = DEFAULT_SECONDS_BUCKETS,
  ): Histogram {
    return this.getOrCreate(name, () => new Histogram(name, help, buckets), Histogram);
  }

  /** The Prometheus text exposition of every metric, sorted by name. */
  expose(): string {
    const names = [...this.metrics.keys()].sort();
    return names.map((n) => this.metrics.get(n)!.expose()).join('\n') + '\n';
  }

  /** Content type to serve `expose()` with. */
  readonly contentType = 'text/plain; version=0.0.4; charset=utf-8';

  private getOrCreate<T extends Metric>(
    name: string,
    make: () => T,
    cls: abstract new (...a: never[]) => T,
  ): T {
    const existing = this.metrics.get(name);
    if (existing) {
      if (!(existing instanceof cls))
        throw new TypeError(`Metric '${name}' already exists as a ${existing.type}`);
      return existing;
    }
    const m = make();
    this.metrics.set(name, m);
    return m;
  }
}

export const DEFAULT_SECONDS_BUCKETS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** The runtime's metrics, created in a registry (shared by every consumer and publisher of a client). */
export function runtimeMetrics(registry: MetricsRegistry) {
  return {
    published: registry.counter(
      'eventc_events_published_total',
      'Events published, by topic and event type.',
    ),
    consumed: registry.counter(
      'eventc_events_consumed_total',
      'Messages received by consumers, by topic.',
    ),
    handled: registry.counter(
      'eventc_events_handled_total',
      'Events whose handler succeeded, by topic and event type.',
    ),
    retried: registry.counter(
      'eventc_events_retried_total',
      'Handler attempts retried after a failure.',
    ),
    deadLettered: registry.counter(
      'eventc_events_dead_lettered_total',
      'Messages sent to a dead-letter topic, by reason.',
    ),
    duplicates: registry.counter(
      'eventc_events_duplicate_total',
      'Events skipped because their id was already handled.',
    ),
    handlerSeconds: registry.histogram(
      'eventc_handler_duration_seconds',
      'Handler duration of successful attempts, in seconds.',
    ),
    lag: registry.gauge(
      'eventc_consumer_lag',
      'Messages behind the partition end, as of the last fetched batch.',
    ),
    inFlight: registry.gauge('eventc_consumer_in_flight', 'Events being handled right now.'),
    paused: registry.gauge(
      'eventc_consumer_paused',
      '1 while the consumer pauses fetching for back-pressure.',
    ),
  };
}

export type RuntimeMetrics = ReturnType<typeof runtimeMetrics>;
