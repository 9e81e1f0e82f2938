/**
 * `eventc deploy`: writes the deploy artifacts (Dockerfiles, Kubernetes manifests, compose
 * file) under `deploy/`, replacing the folder atomically; `--check` fails when it is stale.
 */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { deployArtifacts } from '../../deploy/index.js';
import { EventcError } from '../../errors.js';
import { findProjectRoot, loadContract } from '../../load/index.js';
import { checkOutput, writeOutput } from '../../write/writer.js';

interface DeployArgs {
  cwd?: string;
  check: boolean;
}

const OUT = 'deploy';

/** `deploy/` differs from what the contract gives. Exit status 1. */
export class StaleDeployError extends EventcError {
  override name = 'StaleDeployError';
  override readonly exitCode: number = 1;
}

export const deployCommand: CommandModule<object, DeployArgs> = {
  command: 'deploy',
  describe:
    'Write Dockerfiles, Kubernetes manifests and a compose file for every service under deploy/',
  builder: (y: Argv): Argv<DeployArgs> =>
    y.option('check', {
      type: 'boolean',
      default: false,
      describe: 'Write nothing; fail when deploy/ is not what the contract gives',
    }),
  handler: async (argv: ArgumentsCamelCase<DeployArgs>) => {
    const root = findProjectRoot(argv.cwd ?? process.cwd());
    const contract = await loadContract(root);
    const files = deployArtifacts(contract).map((f) => ({
      path: f.path.slice(OUT.length + 1),
      content: f.content,
    }));
    const outDir = path.join(root, OUT);
    if (argv.check) {
      const r = await checkOutput(outDir, files);
      const problems = [
        ...r.stale.map((p) => `${OUT}/${p} is stale`),
        ...r.missing.map((p) => `${OUT}/${p} is missing`),
        ...r.extra.map((p) => `${OUT}/${p} is not generated`),
      ];
      if (problems.length > 0) {
        throw new StaleDeployError(
          `${problems.join('\n')}\nrun 'eventc deploy' to refresh ${OUT}/`,
        );
      }
      process.stdout.write(`${OUT}/ is up to date (${files.length} files)\n`);
      return;
    }
    const r = await writeOutput(outDir, files);
    process.stdout.write(
      `${OUT}/: ${r.written.length} written, ${r.unchanged.length} unchanged, ${r.removed.length} removed\n`,
    );
  },
};
