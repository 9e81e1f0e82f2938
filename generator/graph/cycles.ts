/**
 * Cycles between services through events: service A produces an event that B consumes,
 * B produces one that A consumes, and so on back to A. Every elementary cycle is reported
 * once, starting at its smallest service name, with the event carrying each step.
 */
import { compare, type FlowGraph } from './model.js';

export interface CycleStep {
  from: string;
  to: string;
  /** Events through which `from` reaches `to`, sorted. */
  events: string[];
}

export interface Cycle {
  /** Services in order, the first repeated at the end: `['inventory', 'order', 'inventory']`. */
  services: string[];
  steps: CycleStep[];
}

/** Upper bound on reported cycles, so a dense graph cannot blow up the output. */
const MAX_CYCLES = 1000;

export function findCycles(graph: FlowGraph): Cycle[] {
  const edges = serviceEdges(graph);
  const nodes = [...edges.keys()].sort(compare);
  const cycles: Cycle[] = [];
  for (const start of nodes) {
    // Only cycles whose smallest node is `start`: each cycle is found exactly once.
    const path: string[] = [start];
    const onPath = new Set<string>([start]);
    const walk = (node: string): void => {
      for (const next of [...(edges.get(node)?.keys() ?? [])].sort(compare)) {
        if (cycles.length >= MAX_CYCLES) return;
        if (next === start) {
          cycles.push(toCycle([...path, start], edges));
        } else if (compare(next, start) > 0 && !onPath.has(next)) {
          path.push(next);
          onPath.add(next);
          walk(next);
          onPath.delete(next);
          path.pop();
        }
      }
    };
    walk(start);
  }
  return cycles;
}

/** `order → inventory → order` */
export function formatCycle(cycle: Cycle): string {
  return cycle.services.join(' → ');
}

/** `order --OrderCreated--> inventory --InventoryReserved--> order` */
export function describeCycle(cycle: Cycle): string {
  let text = cycle.services[0] ?? '';
  for (const step of cycle.steps) text += ` --${step.events.join('|')}--> ${step.to}`;
  return text;
}

function serviceEdges(graph: FlowGraph): Map<string, Map<string, Set<string>>> {
  const edges = new Map<string, Map<string, Set<string>>>();
  for (const s of graph.services) edges.set(s, new Map());
  for (const e of graph.events) {
    for (const from of e.producers) {
      for (const { service: to } of e.consumers) {
        const out = edges.get(from) ?? new Map<string, Set<string>>();
        edges.set(from, out);
        const via = out.get(to) ?? new Set<string>();
        out.set(to, via);
        via.add(e.name);
      }
    }
  }
  return edges;
}

function toCycle(services: string[], edges: Map<string, Map<string, Set<string>>>): Cycle {
  const steps: CycleStep[] = [];
  for (let i = 0; i + 1 < services.length; i++) {
    const from = services[i]!;
    const to = services[i + 1]!;
    steps.push({ from, to, events: [...(edges.get(from)?.get(to) ?? [])].sort(compare) });
  }
  return { services, steps };
}
