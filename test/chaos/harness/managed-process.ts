import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A child process the harness starts, SIGKILLs and restarts. Every incarnation appends its stdout and
 * stderr to one file per stream (`<logDir>/<name>.stdout.log`), so the secrets scan reads every line any
 * incarnation wrote. Exits the harness did not cause are counted as crashes.
 */
export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly logDir: string;
  readonly cwd: string;
}

export interface ExitRecord {
  readonly incarnation: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when the harness asked for it (kill/stop). */
  readonly expected: boolean;
  readonly at: string;
}

export class ManagedProcess {
  private child: ChildProcess | null = null;
  private incarnation = 0;
  private expectingExit = false;
  private readonly stdout: WriteStream;
  private readonly stderr: WriteStream;
  readonly exits: ExitRecord[] = [];

  constructor(readonly spec: ProcessSpec) {
    this.stdout = createWriteStream(this.stdoutPath, { flags: 'a' });
    this.stderr = createWriteStream(this.stderrPath, { flags: 'a' });
  }

  get stdoutPath(): string {
    return `${this.spec.logDir}/${this.spec.name}.stdout.log`;
  }

  get stderrPath(): string {
    return `${this.spec.logDir}/${this.spec.name}.stderr.log`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get starts(): number {
    return this.incarnation;
  }

  /** Exits the harness did not ask for. */
  get crashes(): readonly ExitRecord[] {
    return this.exits.filter((exit) => !exit.expected);
  }

  /** How the last incarnation ended, for error messages. */
  describeExit(): string {
    const exit = this.exits.at(-1);
    if (exit === undefined) return `${this.spec.name} is running`;
    const by = exit.expected ? 'stopped by the harness' : 'NOT stopped by the harness';
    return `${this.spec.name} exited (code=${String(exit.code)} signal=${String(exit.signal)}) at ${exit.at}, ${by}`;
  }

  start(extraEnv: Readonly<Record<string, string>> = {}): void {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    this.incarnation += 1;
    this.expectingExit = false;
    const incarnation = this.incarnation;
    const child = spawn(this.spec.command, [...this.spec.args], {
      cwd: this.spec.cwd,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...this.spec.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.pipe(this.stdout, { end: false });
    child.stderr?.pipe(this.stderr, { end: false });
    child.on('exit', (code, signal) => {
      this.exits.push({ incarnation, code, signal, expected: this.expectingExit, at: new Date().toISOString() });
    });
  }

  /** Sends a signal and waits (bounded) for the exit; SIGKILLs after `timeoutMs` if it is still alive. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
    const child = this.child;
    if (child === null || !this.running) return;
    this.expectingExit = true;
    const exited = once(child, 'exit');
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: no graceful shutdown, unacked messages go back to the broker. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /** Closes the log streams once the process is stopped. */
  async close(): Promise<void> {
    await this.stop();
    await Promise.all(
      [this.stdout, this.stderr].map((stream) => new Promise<void>((resolve) => stream.end(() => resolve()))),
    );
  }
}
