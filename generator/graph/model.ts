/**
 * The event flow graph: which service produces and which consumes each event, read from
 * the contract. Plain data; the renderers and the cycle finder read it.
 */
import type { Contract } from '../model/contract.js';

export interface FlowEvent {
  name: string;
  topic: string;
  /** Services producing the event, sorted. */
  producers: string[];
  /** Consumers with the version each reads, sorted by service. */
  consumers: { service: string; version: number }[];
}

export interface FlowGraph {
  services: string[];
  events: FlowEvent[];
}

export function buildFlowGraph(contract: Pick<Contract, 'events' | 'services'>): FlowGraph {
  const events = new Map<string, FlowEvent>();
  for (const e of contract.events) {
    events.set(e.name, { name: e.name, topic: e.topic, producers: [], consumers: [] });
  }
  const eventFor = (name: string): FlowEvent => {
    let found = events.get(name);
    if (!found) {
      found = { name, topic: '', producers: [], consumers: [] };
      events.set(name, found);
    }
    return found;
  };
  for (const s of contract.services) {
    for (const p of s.produces) eventFor(p.event).producers.push(s.name);
    for (const c of s.consumes)
      eventFor(c.event).consumers.push({ service: s.name, version: c.version });
  }
  const sorted = [...events.values()].sort((a, b) => compare(a.name, b.name));
  for (const e of sorted) {
    e.producers.sort(compare);
    e.consumers.sort((a, b) => compare(a.service, b.service) || a.version - b.version);
  }
  return { services: contract.services.map((s) => s.name).sort(compare), events: sorted };
}

/** Events some service produces and no service consumes. */
export function unconsumedEvents(graph: FlowGraph): string[] {
  return graph.events
    .filter((e) => e.producers.length > 0 && e.consumers.length === 0)
    .map((e) => e.name);
}

/** Events some service consumes and no service produces. */
export function unproducedEvents(graph: FlowGraph): string[] {
  return graph.events
    .filter((e) => e.consumers.length > 0 && e.producers.length === 0)
    .map((e) => e.name);
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
