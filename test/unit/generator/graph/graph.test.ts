import { describe, expect, it } from 'vitest';
import {
  buildFlowGraph,
  describeCycle,
  findCycles,
  formatCycle,
  renderGraph,
  unconsumedEvents,
  unproducedEvents,
} from '../../../../generator/graph/index.js';

type Flow = Parameters<typeof buildFlowGraph>[0];

function flow(
  events: [name: string, topic: string][],
  services: [name: string, produces: string[], consumes: string[]][],
): Flow {
  return {
    events: events.map(([name, topic]) => ({
      name,
      topic,
      folder: `schemas/${name}`,
      versions: [],
      compatibility: 'BACKWARD',
    })),
    services: services.map(([name, produces, consumes]) => ({
      name,
      produces: produces.map((event) => ({ event, version: 1 })),
      consumes: consumes.map((event) => ({ event, version: 1 })),
    })),
  };
}

const shop = flow(
  [
    ['OrderCreated', 'orders'],
    ['InventoryReserved', 'inventory'],
    ['InventoryRejected', 'inventory'],
  ],
  [
    ['order', ['OrderCreated'], []],
    ['inventory', ['InventoryReserved', 'InventoryRejected'], ['OrderCreated']],
    ['email', [], ['OrderCreated', 'InventoryReserved', 'InventoryRejected']],
  ],
);

describe('event flow graph', () => {
  it('lists producers and consumers per event, sorted', () => {
    const graph = buildFlowGraph(shop);
    expect(graph.services).toEqual(['email', 'inventory', 'order']);
    expect(graph.events.map((e) => e.name)).toEqual([
      'InventoryRejected',
      'InventoryReserved',
      'OrderCreated',
    ]);
    const order = graph.events.find((e) => e.name === 'OrderCreated');
    expect(order?.producers).toEqual(['order']);
    expect(order?.consumers.map((c) => c.service)).toEqual(['email', 'inventory']);
  });

  it('finds no cycle in the shop example', () => {
    expect(findCycles(buildFlowGraph(shop))).toEqual([]);
  });

  it('reports a two-service cycle once, with the events of each step', () => {
    const graph = buildFlowGraph(
      flow(
        [
          ['OrderCreated', 'orders'],
          ['StockChanged', 'stock'],
        ],
        [
          ['order', ['OrderCreated'], ['StockChanged']],
          ['inventory', ['StockChanged'], ['OrderCreated']],
        ],
      ),
    );
    const cycles = findCycles(graph);
    expect(cycles.map(formatCycle)).toEqual(['inventory → order → inventory']);
    expect(describeCycle(cycles[0]!)).toBe(
      'inventory --StockChanged--> order --OrderCreated--> inventory',
    );
  });

  it('reports a service consuming its own event and a three-service loop', () => {
    const graph = buildFlowGraph(
      flow(
        [
          ['A', 'a'],
          ['B', 'b'],
          ['C', 'c'],
        ],
        [
          ['x', ['A'], ['C']],
          ['y', ['B'], ['A']],
          ['z', ['C'], ['B', 'C']],
        ],
      ),
    );
    expect(findCycles(graph).map(formatCycle)).toEqual(['x → y → z → x', 'z → z']);
  });

  it('lists events nobody consumes and events nobody produces', () => {
    const graph = buildFlowGraph(
      flow(
        [
          ['Orphan', 'o'],
          ['Wanted', 'w'],
          ['Unused', 'u'],
        ],
        [
          ['a', ['Orphan'], []],
          ['b', [], ['Wanted']],
        ],
      ),
    );
    expect(unconsumedEvents(graph)).toEqual(['Orphan']);
    expect(unproducedEvents(graph)).toEqual(['Wanted']);
  });

  it('renders Mermaid with escaped labels and versioned consumer edges', () => {
    const text = renderGraph(buildFlowGraph(shop), 'mermaid');
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text).toContain('  svc_order["order"]');
    expect(text).toContain('  evt_OrderCreated(["OrderCreated<br/>topic: orders"])');
    expect(text).toContain('  svc_order --> evt_OrderCreated');
    expect(text).toContain('  evt_OrderCreated -->|v1| svc_inventory');
    const odd = renderGraph(buildFlowGraph(flow([['E', 't']], [['a-"b"', ['E'], []]])), 'mermaid');
    expect(odd).toContain('svc_a_2d__22_b_22_["a-#34;b#34;"]');
  });

  it('renders DOT with quoted ids and labels', () => {
    const text = renderGraph(buildFlowGraph(shop), 'dot');
    expect(text.startsWith('digraph eventc {\n  rankdir=LR;\n')).toBe(true);
    expect(text).toContain('"service:order" -> "event:OrderCreated";');
    expect(text).toContain('"event:OrderCreated" -> "service:email" [label="v1"];');
    expect(text).toContain('label="OrderCreated\\ntopic: orders"');
  });

  it('is deterministic whatever the manifest order', () => {
    const reversed: Flow = {
      events: [...shop.events].reverse(),
      services: [...shop.services].reverse(),
    };
    expect(renderGraph(buildFlowGraph(reversed), 'dot')).toBe(
      renderGraph(buildFlowGraph(shop), 'dot'),
    );
  });
});
