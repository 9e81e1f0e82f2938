/**
 * `eventc graph`: prints who produces and who consumes each event (Mermaid by default, DOT
 * or JSON), reports cycles between services, and lists events nobody consumes or nobody
 * produces. With `--fail-on-cycles` a cycle is an error (exit 1).
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import {
  buildFlowGraph,
  describeCycle,
  findCycles,
  renderGraph,
  unconsumedEvents,
  unproducedEvents,
  type GraphFormat,
} from '../../graph/index.js';
import { findProjectRoot, loadContract } from '../../load/index.js';

interface GraphArgs {
  cwd?: string;
  format: GraphFormat;
  'fail-on-cycles': boolean;
}

export const graphCommand: CommandModule<object, GraphArgs> = {
  command: 'graph',
  describe: 'Print the service/event flow graph and report cycles',
  builder: (y: Argv): Argv<GraphArgs> =>
    y
      .option('format', {
        choices: ['mermaid', 'dot', 'json'] as const,
        default: 'mermaid' as GraphFormat,
        describe: 'Output format',
      })
      .option('fail-on-cycles', {
        type: 'boolean',
        default: false,
        describe: 'Exit 1 when services form a cycle through events (a warning otherwise)',
      })
      .example('$0 graph', 'Mermaid flowchart on stdout, warnings on stderr')
      .example('$0 graph --format dot | dot -Tsvg > flow.svg', 'render with Graphviz'),
  handler: async (argv: ArgumentsCamelCase<GraphArgs>) => {
    const contract = await loadContract(findProjectRoot(argv.cwd ?? process.cwd()));
    const graph = buildFlowGraph(contract);
    process.stdout.write(renderGraph(graph, argv.format));

    const cycles = findCycles(graph);
    const level = argv.failOnCycles ? 'error' : 'warning';
    for (const cycle of cycles) {
      process.stderr.write(`eventc: ${level}: services form a cycle: ${describeCycle(cycle)}\n`);
    }
    for (const name of unconsumedEvents(graph)) {
      process.stderr.write(`eventc: note: "${name}" is produced but no service consumes it\n`);
    }
    for (const name of unproducedEvents(graph)) {
      process.stderr.write(`eventc: note: "${name}" is consumed but no service produces it\n`);
    }
    if (cycles.length > 0 && argv.failOnCycles) process.exitCode = 1;
  },
};
