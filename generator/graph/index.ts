export { buildFlowGraph, unconsumedEvents, unproducedEvents } from './model.js';
export type { FlowEvent, FlowGraph } from './model.js';
export { describeCycle, findCycles, formatCycle } from './cycles.js';
export type { Cycle, CycleStep } from './cycles.js';
export { renderGraph } from './render.js';
export type { GraphFormat } from './render.js';
