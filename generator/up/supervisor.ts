/**
 * Runs several service processes side by side, as `eventc up` does: each line of their
 * output is prefixed with the service name; SIGINT/SIGTERM (or one service failing) stops
 * them all, SIGTERM first and SIGKILL after a grace period.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface SupervisorOptions {
  /** Where prefixed lines go (stdout of `eventc up`). */
  write: (line: string) => void;
  /** Milliseconds between SIGTERM and SIGKILL when stopping. */
  gracePeriodMs?: number;
  /** Colour the prefixes (when writing to a terminal). */
  color?: boolean;
}

export interface RunResult {
  /** Exit status per service: the code, or the signal name. */
  exits: Record<string, number | string>;
  /** The first service that failed on its own, if any. */
  failed?: string;
}

const COLORS = [36, 33, 35, 32, 34, 31];

export class Supervisor {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private readonly grace: number;

  constructor(
    private readonly specs: ProcessSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.grace = options.gracePeriodMs ?? 10_000;
  }

  /** Starts every process; resolves when all have exited. */
  run(): Promise<RunResult> {
    const width = Math.max(...this.specs.map((s) => s.name.length));
    const exits: RunResult['exits'] = {};
    let failed: string | undefined;
    return new Promise((resolve) => {
      let running = this.specs.length;
      this.specs.forEach((spec, i) => {
        const prefix = this.prefix(spec.name.padEnd(width), i);
        const child = spawn(spec.command, spec.args, {
          cwd: spec.cwd,
          env: spec.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        this.children.set(spec.name, child);
        for (const stream of [child.stdout, child.stderr]) {
          createInterface({ input: stream }).on('line', (line) =>
            this.options.write(`${prefix} ${line}`),
          );
        }
        child.on('error', (err) => {
          this.options.write(`${prefix} failed to start: ${err.message}`);
        });
        child.on('close', (code, signal) => {
          exits[spec.name] = code ?? signal ?? 'unknown';
          this.children.delete(spec.name);
          if (!this.stopping && code !== 0) {
            failed ??= spec.name;
            this.options.write(`${prefix} exited with ${code ?? signal}; stopping the others`);
            this.stop();
          }
          running -= 1;
          if (running === 0) resolve(failed ? { exits, failed } : { exits });
        });
      });
    });
  }

  /** Sends SIGTERM to every running process, then SIGKILL to those still up after the grace period. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    for (const child of this.children.values()) child.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const child of this.children.values()) child.kill('SIGKILL');
    }, this.grace);
    timer.unref();
  }

  private prefix(name: string, index: number): string {
    if (!this.options.color) return `${name} |`;
    return `\u001b[${COLORS[index % COLORS.length]}m${name} |\u001b[0m`;
  }
}
