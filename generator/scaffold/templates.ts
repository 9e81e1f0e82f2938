/**
 * Templates of the hand-owned files scaffolded once per service: `main.ts`, the
 * `handlers.ts` that gathers the handlers, and one stub per consumed event. Every value
 * comes escaped from `scaffold.ts`; templates only place it. The result is formatted with
 * prettier before it is written.
 */

export interface MainContext {
  service: string;
  dir: string;
  serviceLiteral: string;
  generatedModule: string;
  generatedValues: string[];
  hasConsumer: boolean;
  hasProducers: boolean;
  publishOnly: boolean;
  createConsumer: string;
  createProducers: string;
}

export function mainTemplate(c: MainContext): string {
  return `// The ${c.service} service: started by \`node dist/services/${c.dir}/main.js\` or \`eventc up\`.
// Scaffolded once by eventc; this file is yours to edit.
import { runService } from 'eventc/runtime';
import { ${c.generatedValues.map((v) => `${v}, `).join('')} } from ${c.generatedModule};
${c.hasConsumer ? "import { handlers } from './handlers.js';\n" : ''}
await runService({
  name: ${c.serviceLiteral},
  setup: (client${c.hasConsumer ? ', config' : ''}) => {
${c.hasProducers ? `    const producers = ${c.createProducers}(client);\n` : ''}    return {
${c.hasConsumer ? `      consumer: ${c.createConsumer}(client, handlers, { groupId: config.groupId }${c.hasProducers ? ', producers' : ''}),\n` : ''}${
    c.publishOnly
      ? `      // Serve endpoints that publish with \`producers\`: answer and return true, or return
      // false to leave the request to the health and metrics routes.
      routes: async () => {
        void producers;
        return false;
      },
`
      : ''
  }    };
  },
});
`;
}

export interface HandlersContext {
  service: string;
  handlersType: string;
  generatedModule: string;
  handlers: { method: string; importPath: string }[];
}

export function handlersTemplate(c: HandlersContext): string {
  return `// The handlers of the ${c.service} service, one per consumed event.
// Scaffolded once by eventc; this file is yours to edit. When the service starts consuming
// a new event, \`eventc generate\` writes its stub next to this file and the build fails
// until the handler is added here.
import type { ${c.handlersType} } from ${c.generatedModule};
${c.handlers.map((h) => `import { ${h.method} } from ${h.importPath};\n`).join('')}
export const handlers: ${c.handlersType} = {
${c.handlers.map((h) => `  ${h.method},\n`).join('')}};
`;
}

export interface HandlerContext {
  event: string;
  service: string;
  handlersType: string;
  generatedModule: string;
  method: string;
  methodLiteral: string;
  notImplemented: string;
}

export function handlerTemplate(c: HandlerContext): string {
  return `// Handles ${c.event} in the ${c.service} service. Scaffolded once by eventc; yours to edit.
import type { ${c.handlersType} } from ${c.generatedModule};

export const ${c.method}: ${c.handlersType}[${c.methodLiteral}] = async (_event, _ctx) => {
  throw new Error(${c.notImplemented});
};
`;
}
