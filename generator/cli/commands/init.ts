/**
 * `eventc init`: sets eventc up in an existing npm project. Writes `eventc.yaml` with a
 * first event and service, that event's v1 schema, a `tsconfig.json` when there is none,
 * and adds the package scripts that are missing. It never overwrites: an existing file is
 * kept, a script of the same name too, so a second run changes nothing.
 */
import { access, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { EventcError, InputError } from '../../errors.js';
import { MANIFEST_FILE } from '../../load/index.js';
import {
  DOMAIN_NAME,
  EVENT_NAME,
  NAMESPACE,
  SCRIPTS,
  SERVICE_NAME,
  TSCONFIG,
  manifestText,
  schemaPath,
  schemaText,
  serviceNameOf,
  topicOf,
  type InitOptions,
} from '../../init/templates.js';
import { createFile, replaceFile } from '../../write/single.js';

interface InitArgs {
  cwd?: string;
  event: string;
  domain: string;
  service?: string;
  namespace?: string;
}

interface PackageJson {
  name?: string;
  type?: string;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function readPackage(root: string): Promise<PackageJson> {
  let text: string;
  try {
    text = await readFile(join(root, 'package.json'), 'utf8');
  } catch {
    throw new EventcError(
      `no package.json in ${root}: eventc init sets eventc up in an existing npm project; run \`npm init -y\` there first`,
    );
  }
  try {
    const pkg = JSON.parse(text) as unknown;
    if (typeof pkg !== 'object' || pkg === null || Array.isArray(pkg))
      throw new Error('not an object');
    return pkg as PackageJson;
  } catch (err) {
    throw new InputError([
      { file: 'package.json', message: `is not a JSON object: ${(err as Error).message}` },
    ]);
  }
}

function options(argv: InitArgs, pkg: PackageJson): InitOptions {
  const o: InitOptions = {
    event: argv.event,
    domain: argv.domain,
    service: argv.service ?? serviceNameOf(pkg.name),
    namespace: argv.namespace ?? `com.example.${argv.domain.replaceAll('-', '_')}`,
  };
  const bad = [
    [
      EVENT_NAME.test(o.event),
      `--event "${o.event}" must be PascalCase letters and digits, e.g. OrderPlaced`,
    ],
    [
      DOMAIN_NAME.test(o.domain),
      `--domain "${o.domain}" must be lower-case letters, digits and "-", e.g. shop`,
    ],
    [
      SERVICE_NAME.test(o.service),
      `--service "${o.service}" must be a DNS label: lower-case letters, digits and "-"`,
    ],
    [
      NAMESPACE.test(o.namespace),
      `--namespace "${o.namespace}" must be dot-separated Avro names, e.g. com.example.shop`,
    ],
  ] as const;
  const problems = bad.filter(([ok]) => !ok).map(([, message]) => message);
  if (problems.length > 0) throw new EventcError(problems.join('\n'));
  return o;
}

/** The scripts and module type `pkg` lacks; changes nothing that is there. */
function completePackage(pkg: PackageJson): { pkg: PackageJson; notes: string[] } {
  const scripts = { ...(pkg.scripts ?? {}) };
  const added = Object.keys(SCRIPTS).filter((name) => scripts[name] === undefined);
  for (const name of added) scripts[name] = SCRIPTS[name]!;
  const notes: string[] = [];
  const next: PackageJson = { ...pkg };
  if (pkg.type !== 'module') {
    next.type = 'module';
    notes.push(
      `set "type": "module"${pkg.type === undefined ? '' : ` (was "${pkg.type}")`}: the generated code is ES modules`,
    );
  }
  if (added.length > 0) {
    next.scripts = scripts;
    notes.push(`added scripts ${added.join(', ')}`);
  }
  return { pkg: next, notes };
}

export async function runInit(
  root: string,
  argv: InitArgs,
  out: (line: string) => void,
): Promise<void> {
  const pkg = await readPackage(root);
  // npm init writes "commonjs"; switching is safe while its entry point does not exist yet.
  const main = typeof pkg.main === 'string' ? pkg.main : 'index.js';
  if (pkg.type === 'commonjs' && (await exists(join(root, main)))) {
    throw new EventcError(
      `package.json has "type": "commonjs" and ${main} exists; the code eventc generates is ES modules: set "type": "module" (renaming CommonJS files to .cjs), or run eventc in a package of its own`,
    );
  }
  const o = options(argv, pkg);
  const manifest = join(root, MANIFEST_FILE);
  const schema = join(root, schemaPath(o));
  let changed = false;
  if (await exists(manifest)) {
    out(`kept ${MANIFEST_FILE} (it exists; nothing in it was changed)`);
  } else if (await exists(schema)) {
    throw new EventcError(
      `${schemaPath(o)} exists already; give another --event or --domain, or write ${MANIFEST_FILE} by hand`,
    );
  } else {
    if (!(await createFile(schema, schemaText(o)))) {
      throw new EventcError(`${schemaPath(o)} appeared while eventc init ran; nothing was written`);
    }
    if (!(await createFile(manifest, manifestText(o)))) {
      await rm(schema, { force: true });
      throw new EventcError(`${MANIFEST_FILE} appeared while eventc init ran; nothing was written`);
    }
    out(`wrote ${MANIFEST_FILE} (event ${o.event} on topic ${topicOf(o)}, service ${o.service})`);
    out(`wrote ${schemaPath(o)}`);
    changed = true;
  }
  if (await createFile(join(root, 'tsconfig.json'), TSCONFIG)) {
    out(
      'wrote tsconfig.json (builds generated/ and services/ into dist/, where eventc up runs them)',
    );
    changed = true;
  } else {
    out(
      'kept tsconfig.json; eventc up runs dist/services/<name>/main.js, so build services/ there',
    );
  }
  const { pkg: next, notes } = completePackage(pkg);
  if (notes.length > 0) {
    await replaceFile(join(root, 'package.json'), `${JSON.stringify(next, null, 2)}\n`);
    out(`package.json: ${notes.join('; ')}`);
    changed = true;
  }
  out(
    changed
      ? 'next: npm install --save-dev typescript @types/node; npx eventc generate; npm run build; npx eventc up'
      : 'eventc init: nothing to do; the project is set up',
  );
}

export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init',
  describe:
    'Set eventc up in an existing npm project: eventc.yaml, a first schema, tsconfig and scripts',
  builder: (y: Argv): Argv<InitArgs> =>
    y
      .option('event', {
        type: 'string',
        default: 'ExampleHappened',
        describe: 'Name of the first event (PascalCase)',
      })
      .option('domain', {
        type: 'string',
        default: 'app',
        describe: 'Folder under schemas/ and topic prefix',
      })
      .option('service', {
        type: 'string',
        describe: "Name of the first service (default: from package.json's name)",
      })
      .option('namespace', {
        type: 'string',
        describe: 'Avro namespace of the schema (default: com.example.<domain>)',
      })
      .example(
        '$0 init',
        'eventc.yaml, schemas/app/ExampleHappened/v1.avsc, tsconfig.json, scripts',
      )
      .example(
        '$0 init --event OrderPlaced --domain shop --service orders',
        'with names of your own',
      )
      .epilogue(
        'Runs in the current folder (or --cwd), which must hold a package.json. Files that exist are kept and scripts of the same name are not replaced, so running it again changes nothing.',
      ) as unknown as Argv<InitArgs>,
  handler: async (argv: ArgumentsCamelCase<InitArgs>) => {
    await runInit(
      resolve(argv.cwd ?? process.cwd()),
      argv,
      (line) => void process.stdout.write(`${line}\n`),
    );
  },
};
