/**
 * Handlebars templates of the hand-owned files scaffolded once per service: `main.ts`, the
 * `handlers.ts` that gathers the handlers, and one stub per consumed event. Every value
 * comes escaped from `scaffold.ts`; templates only loop and branch.
 */

export const SCAFFOLD_TEMPLATES = {
  main: `// The {{service}} service: started by \`node dist/services/{{dir}}/main.js\` or \`eventc up\`.
// Scaffolded once by eventc; this file is yours to edit.
import { runService } from 'eventc/runtime';
import { {{#each generatedValues}}{{this}}, {{/each}} } from {{generatedModule}};
{{#if hasConsumer}}import { handlers } from './handlers.js';
{{/if}}

await runService({
  name: {{serviceLiteral}},
  setup: (client{{#if hasConsumer}}, config{{/if}}) => {
{{#if hasProducers}}    const producers = {{createProducers}}(client);
{{/if}}
    return {
{{#if hasConsumer}}      consumer: {{createConsumer}}(client, handlers, { groupId: config.groupId }{{#if hasProducers}}, producers{{/if}}),
{{/if}}
{{#if publishOnly}}      // Serve endpoints that publish with \`producers\`: answer and return true, or return
      // false to leave the request to the health and metrics routes.
      routes: async () => {
        void producers;
        return false;
      },
{{/if}}
    };
  },
});
`,

  handlers: `// The handlers of the {{service}} service, one per consumed event.
// Scaffolded once by eventc; this file is yours to edit. When the service starts consuming
// a new event, \`eventc generate\` writes its stub next to this file and the build fails
// until the handler is added here.
import type { {{handlersType}} } from {{generatedModule}};
{{#each handlers}}import { {{method}} } from {{importPath}};
{{/each}}

export const handlers: {{handlersType}} = {
{{#each handlers}}  {{method}},
{{/each}}
};
`,

  handler: `// Handles {{event}} in the {{service}} service. Scaffolded once by eventc; yours to edit.
import type { {{handlersType}} } from {{generatedModule}};

export const {{method}}: {{handlersType}}[{{methodLiteral}}] = async (_event, _ctx) => {
  throw new Error({{notImplemented}});
};
`,
} as const;

export type ScaffoldTemplate = keyof typeof SCAFFOLD_TEMPLATES;
