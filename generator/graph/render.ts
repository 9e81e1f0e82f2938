/**
 * Renders the event flow graph as Mermaid (a flowchart) or Graphviz DOT. Services are
 * boxes, events are rounded nodes labelled with their topic; edges go producer → event →
 * consumer, consumer edges labelled with the version read. Output is deterministic.
 */
import type { FlowGraph } from './model.js';

export type GraphFormat = 'mermaid' | 'dot' | 'json';

export function renderGraph(graph: FlowGraph, format: GraphFormat): string {
  switch (format) {
    case 'mermaid':
      return renderMermaid(graph);
    case 'dot':
      return renderDot(graph);
    case 'json':
      return `${JSON.stringify(graph, null, 2)}\n`;
  }
}

function renderMermaid(graph: FlowGraph): string {
  const lines = ['flowchart LR'];
  for (const s of graph.services) lines.push(`  ${serviceId(s)}[${mermaidLabel(s)}]`);
  for (const e of graph.events) {
    const label = e.topic ? `${e.name}<br/>topic: ${e.topic}` : e.name;
    lines.push(`  ${eventId(e.name)}([${mermaidLabel(label)}])`);
  }
  for (const e of graph.events) {
    for (const p of e.producers) lines.push(`  ${serviceId(p)} --> ${eventId(e.name)}`);
    for (const c of e.consumers) {
      lines.push(`  ${eventId(e.name)} -->|v${c.version}| ${serviceId(c.service)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function renderDot(graph: FlowGraph): string {
  const lines = ['digraph eventc {', '  rankdir=LR;'];
  for (const s of graph.services)
    lines.push(`  ${dotString(`service:${s}`)} [shape=box, label=${dotString(s)}];`);
  for (const e of graph.events) {
    const label = e.topic ? `${e.name}\ntopic: ${e.topic}` : e.name;
    lines.push(`  ${dotString(`event:${e.name}`)} [shape=ellipse, label=${dotString(label)}];`);
  }
  for (const e of graph.events) {
    for (const p of e.producers)
      lines.push(`  ${dotString(`service:${p}`)} -> ${dotString(`event:${e.name}`)};`);
    for (const c of e.consumers) {
      lines.push(
        `  ${dotString(`event:${e.name}`)} -> ${dotString(`service:${c.service}`)} [label=${dotString(`v${c.version}`)}];`,
      );
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Mermaid node ids allow only a safe alphabet; names are hex-escaped outside it. */
function serviceId(name: string): string {
  return `svc_${safeId(name)}`;
}

function eventId(name: string): string {
  return `evt_${safeId(name)}`;
}

function safeId(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`);
}

/** A quoted Mermaid label; quotes and markup characters become HTML entities. */
function mermaidLabel(text: string): string {
  const escaped = text
    .replace(/[&"<>#]/g, (c) => `#${c.codePointAt(0)};`)
    .replace(/#60;br\/#62;/g, '<br/>');
  return `"${escaped}"`;
}

function dotString(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}
