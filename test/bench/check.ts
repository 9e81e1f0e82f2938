/**
 * Compatibility benchmark: 1,000 subjects of 10 versions each, checked under
 * FULL_TRANSITIVE (every version against every older one, both ways: 90,000 reader/writer
 * checks). The corpus is generated in memory: realistic records (nested record, enum with a
 * default, array of records, map, optional union) that grow by one defaulted field and one
 * enum symbol per version, so every check walks the whole schema.
 */
import { checkHistory, type VersionedSchema } from '../../generator/compat/levels.js';
import { parseSchema } from '../../generator/load/index.js';
import type { BenchRow, BenchSuite } from './table.js';

const SUBJECTS = 1_000;
const VERSIONS = 10;
const SYMBOLS = ['NEW', 'PAID', 'PACKED', 'SHIPPED', 'DELIVERED', 'RETURNED', 'LOST', 'HELD'];

function schemaJson(subject: number, version: number): unknown {
  const ns = `com.bench.s${subject}`;
  const fields: unknown[] = [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'count', type: 'long' },
    {
      name: 'status',
      type: {
        type: 'enum',
        name: 'Status',
        symbols: ['UNKNOWN', ...SYMBOLS.slice(0, Math.min(version, SYMBOLS.length))],
        default: 'UNKNOWN',
      },
    },
    {
      name: 'address',
      type: {
        type: 'record',
        name: 'Address',
        fields: [
          { name: 'street', type: 'string' },
          { name: 'city', type: 'string' },
          { name: 'zip', type: ['null', 'string'], default: null },
        ],
      },
    },
    {
      name: 'lines',
      type: {
        type: 'array',
        items: {
          type: 'record',
          name: 'Line',
          fields: [
            { name: 'sku', type: 'string' },
            { name: 'qty', type: 'int' },
            {
              name: 'price',
              type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 },
            },
          ],
        },
      },
    },
    { name: 'tags', type: { type: 'map', values: 'string' } },
    { name: 'billing', type: ['null', 'Address'], default: null },
  ];
  for (let v = 2; v <= version; v++) {
    fields.push({ name: `extra${v}`, type: ['null', 'string', 'long'], default: null });
  }
  return { type: 'record', name: 'Event', namespace: ns, fields };
}

function corpus(): VersionedSchema[][] {
  const subjects: VersionedSchema[][] = [];
  for (let s = 0; s < SUBJECTS; s++) {
    const versions: VersionedSchema[] = [];
    for (let v = 1; v <= VERSIONS; v++) {
      const file = `s${s}/v${v}.avsc`;
      versions.push({
        version: v,
        file,
        schema: parseSchema(JSON.stringify(schemaJson(s, v)), file),
      });
    }
    subjects.push(versions);
  }
  return subjects;
}

export const suite: BenchSuite = {
  area: 'check',
  async run(): Promise<BenchRow[]> {
    const parseStart = performance.now();
    const subjects = corpus();
    const parseMs = performance.now() - parseStart;
    const pairs = SUBJECTS * ((VERSIONS * (VERSIONS - 1)) / 2) * 2;
    // One warm-up subject, then the timed run.
    checkHistory(subjects[0]!, 'FULL_TRANSITIVE');
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let findings = 0;
    for (const versions of subjects) {
      findings += checkHistory(versions, 'FULL_TRANSITIVE', versions[0]!.file).length;
    }
    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (findings !== 0)
      throw new Error(`the corpus should be compatible, got ${findings} findings`);
    const seconds = ms / 1000;
    return [
      {
        area: 'check',
        case: `FULL_TRANSITIVE, ${SUBJECTS.toLocaleString('en-US')} subjects × ${VERSIONS} versions`,
        value: Number(seconds.toFixed(3)),
        unit: 's',
        note: `${pairs.toLocaleString('en-US')} reader/writer checks, ${cpuSeconds.toFixed(2)} s of CPU (target: a few seconds)`,
      },
      {
        area: 'check',
        case: 'reader/writer checks per second',
        value: Math.round(pairs / seconds),
        unit: 'checks/s',
        note: `parsing the ${(SUBJECTS * VERSIONS).toLocaleString('en-US')} schemas took ${(parseMs / 1000).toFixed(2)} s (not included)`,
      },
    ];
  },
};
