/**
 * Consumer-aware compatibility. The manifest says which service reads which version of each
 * event, so a finding can name the services it breaks, and the contract can say, per
 * consumer, which written versions it cannot read and why (field by field, from the schemas
 * each service reads), and in which order producers and consumers are deployed under the
 * event's level. Computed from the contract alone, for `eventc check`.
 */
import type { CompatibilityLevel, Contract, EventContract } from '../model/contract.js';
import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { eventVersions } from './contract-check.js';
import { checkPair } from './levels.js';

/** One consuming service of an event, and the written versions it cannot read. */
export interface ReaderImpact {
  service: string;
  /** The version its handler reads. */
  reads: number;
  /** Each version whose data it cannot read, with the findings that say why. */
  cannotRead: { writer: number; findings: Finding[] }[];
}

export interface EventImpact {
  event: string;
  level: CompatibilityLevel;
  readers: ReaderImpact[];
  /** Services producing the event, with the version each writes. */
  producers: { service: string; writes: number }[];
  /** Who is deployed first when a new version comes, given the level. */
  rollout: string;
}

function readersOf(contract: Contract, event: string): { service: string; reads: number }[] {
  return contract.services.flatMap((s) =>
    s.consumes.filter((c) => c.event === event).map((c) => ({ service: s.name, reads: c.version })),
  );
}

function producersOf(contract: Contract, event: string): { service: string; writes: number }[] {
  return contract.services.flatMap((s) =>
    s.produces
      .filter((p) => p.event === event)
      .map((p) => ({ service: s.name, writes: p.version })),
  );
}

/** The deployment order a level implies for a new version, naming the services. */
export function rolloutOrder(
  level: CompatibilityLevel,
  readers: readonly { service: string }[],
  producers: readonly { service: string }[],
): string {
  const list = (xs: readonly { service: string }[]): string =>
    xs.length === 0
      ? 'none in this contract'
      : [...new Set(xs.map((x) => `\`${x.service}\``))].join(', ');
  if (level.startsWith('BACKWARD')) {
    return `consumers first (${list(readers)}), then producers (${list(producers)}): a new reader reads old data, an old reader may not read new data`;
  }
  if (level.startsWith('FORWARD')) {
    return `producers first (${list(producers)}), then consumers (${list(readers)}): an old reader reads new data, a new reader may not read old data`;
  }
  if (level.startsWith('FULL')) return 'either order: old and new readers read old and new data';
  return `together, or on a new topic: NONE checks nothing, so no order is safe (consumers ${list(readers)}, producers ${list(producers)})`;
}

function eventImpact(contract: Contract, event: EventContract): EventImpact {
  const versions = eventVersions(event);
  const readers = readersOf(contract, event.name).map(({ service, reads }) => {
    const reader = versions.find((v) => v.version === reads);
    const cannotRead = reader
      ? versions
          .filter((w) => w.version !== reads)
          .map((w) => ({
            writer: w.version ?? 0,
            // Filed on the newer of the two, as the contract's checks file them.
            findings: checkPair(reader, w, (w.version ?? 0) > reads ? w : reader, event.name),
          }))
          .filter((c) => c.findings.length > 0)
      : [];
    return { service, reads, cannotRead };
  });
  const producers = producersOf(contract, event.name);
  return {
    event: event.name,
    level: event.compatibility,
    readers,
    producers,
    rollout: rolloutOrder(event.compatibility, readers, producers),
  };
}

/** The impact of every event of the contract. */
export function contractImpact(contract: Contract): EventImpact[] {
  return contract.events.map((e) => eventImpact(contract, e));
}

/**
 * Each finding about an event of the contract with the services it breaks: those whose
 * handlers read the finding's reader version, or none in this contract.
 */
export function withImpact(contract: Contract, report: Report): Report {
  const events = new Set(contract.events.map((e) => e.name));
  const findings = report.findings.map((f) => {
    if (f.subject === undefined || !events.has(f.subject) || f.readerVersion === undefined) {
      return f;
    }
    const readers = readersOf(contract, f.subject).filter((r) => r.reads === f.readerVersion);
    const impact =
      readers.length > 0
        ? `breaks ${readers.map((r) => `\`${r.service}\` (reads v${r.reads})`).join(', ')}`
        : `no consumer in this contract reads v${f.readerVersion}: this breaks nobody here`;
    return { ...f, message: `${f.message}; ${impact}` };
  });
  return { ...report, findings };
}

/** `eventc check --impact`: per event, who reads what, what each cannot read, and the order. */
export function formatImpact(impacts: readonly EventImpact[]): string {
  const lines: string[] = [];
  for (const e of impacts) {
    lines.push(`${e.event} (${e.level})`);
    if (e.readers.length === 0) lines.push('  no consumer in this contract');
    for (const r of e.readers) {
      if (r.cannotRead.length === 0) {
        lines.push(`  \`${r.service}\` reads v${r.reads}: it reads every version`);
        continue;
      }
      const versions = r.cannotRead.map((c) => `v${c.writer}`).join(', ');
      lines.push(`  \`${r.service}\` reads v${r.reads}: it cannot read ${versions} data`);
      for (const c of r.cannotRead) {
        for (const f of c.findings) {
          lines.push(`    v${c.writer}: ${f.path ?? f.location}: ${f.message} [${f.rule}]`);
        }
      }
    }
    lines.push(`  deploy: ${e.rollout}`);
  }
  return `${lines.join('\n')}\n`;
}
