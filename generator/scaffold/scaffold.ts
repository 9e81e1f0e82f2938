/**
 * Hand-owned service files, scaffolded once: for each service of the manifest,
 * `services/<name>/main.ts`, `services/<name>/handlers.ts` and one handler stub per
 * consumed event. Pure: the caller passes which files exist and writes only the missing
 * ones, so a file a person owns is never overwritten or edited.
 */
import { posix } from 'node:path';
import type { Contract, ServiceContract } from '../model/contract.js';
import { kebabCase, stringLiteral } from '../emit/names.js';
import { format } from '../render/format.js';
import { handlerMethod, serviceNames } from '../emit/service-names.js';
import { handlersTemplate, handlerTemplate, mainTemplate } from './templates.js';

export interface ScaffoldFile {
  /** Path relative to the project root, `/`-separated. */
  path: string;
  content: string;
  /** What the file is, for the message that reports it. */
  role: 'main' | 'handlers' | 'handler';
  service: string;
  /** The handler method, for handler stubs. */
  method?: string;
}

export interface ScaffoldOptions {
  /** Folder of the services, relative to the root. Default `services`. */
  servicesDir?: string;
  /** Folder of the generated code, relative to the root. Default `generated`. */
  generatedDir?: string;
}

/** Every scaffold file of every service, sorted by path; the caller skips existing ones. */
export async function scaffoldServices(
  contract: Pick<Contract, 'services'>,
  options: ScaffoldOptions = {},
): Promise<ScaffoldFile[]> {
  const files: ScaffoldFile[] = [];
  for (const service of contract.services) files.push(...(await scaffoldService(service, options)));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function scaffoldService(
  service: ServiceContract,
  options: ScaffoldOptions,
): Promise<ScaffoldFile[]> {
  const names = serviceNames(service);
  const dir = safeDirName(service.name);
  const serviceDir = posix.join(options.servicesDir ?? 'services', dir);
  const generatedModule = posix
    .relative(serviceDir, posix.join(options.generatedDir ?? 'generated', names.modulePath))
    .replace(/\.ts$/, '.js');
  const moduleLiteral = stringLiteral(
    generatedModule.startsWith('.') ? generatedModule : `./${generatedModule}`,
  );
  const consumed = [...new Set(service.consumes.map((c) => c.event))].sort();
  const hasConsumer = consumed.length > 0;
  const hasProducers = service.produces.length > 0;
  const handlers = consumed.map((event) => ({
    event,
    method: handlerMethod(event),
    file: handlerFile(event),
  }));

  const files: ScaffoldFile[] = [];
  const add = async (file: Omit<ScaffoldFile, 'content'>, text: string) =>
    files.push({ ...file, content: await format(text) });

  await add(
    { path: posix.join(serviceDir, 'main.ts'), role: 'main', service: service.name },
    mainTemplate({
      service: commentText(service.name),
      dir,
      serviceLiteral: stringLiteral(service.name),
      generatedModule: moduleLiteral,
      generatedValues: [
        ...(hasConsumer ? [names.createConsumer] : []),
        ...(hasProducers ? [names.createProducers] : []),
      ],
      hasConsumer,
      hasProducers,
      publishOnly: hasProducers && !hasConsumer,
      createConsumer: names.createConsumer,
      createProducers: names.createProducers,
    }),
  );
  if (!hasConsumer) return files;

  await add(
    { path: posix.join(serviceDir, 'handlers.ts'), role: 'handlers', service: service.name },
    handlersTemplate({
      service: service.name,
      handlersType: names.handlers,
      generatedModule: moduleLiteral,
      handlers: handlers.map((h) => ({
        method: h.method,
        importPath: stringLiteral(`./${h.file.replace(/\.ts$/, '.js')}`),
      })),
    }),
  );
  for (const h of handlers) {
    await add(
      {
        path: posix.join(serviceDir, h.file),
        role: 'handler',
        service: service.name,
        method: h.method,
      },
      handlerTemplate({
        event: commentText(h.event),
        service: commentText(service.name),
        handlersType: names.handlers,
        generatedModule: moduleLiteral,
        method: h.method,
        methodLiteral: stringLiteral(h.method),
        notImplemented: stringLiteral(`not implemented: ${service.name} handler for ${h.event}`),
      }),
    );
  }
  return files;
}

/** A folder name for a service: the manifest's name with anything outside [\w.-] replaced. */
function safeDirName(name: string): string {
  const safe = name.replace(/[^\w.-]/g, '_');
  return safe === '.' || safe === '..' ? `_${safe}` : safe;
}

/** Text safe inside a line comment. */
function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}

/** The file of an event's handler in a service folder: `on-order-created.ts`. */
export function handlerFile(event: string): string {
  return `on-${kebabCase(event)}.ts`;
}
