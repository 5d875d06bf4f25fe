import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../../services/all-in-one/src/main.js', import.meta.url));
export const DEMO = fileURLToPath(new URL('../../../services/all-in-one/src/demo.js', import.meta.url));

export type LogLine = Readonly<Record<string, unknown>> & { readonly message: string };

/** The all-in-one runtime as a child process whose JSON log lines on stdout can be awaited. */
export interface RuntimeChild {
  readonly lines: readonly LogLine[];
  /** Resolves with the first line (already seen or future) matching; rejects if the process ends first. */
  waitFor(message: string | RegExp, timeoutMs?: number): Promise<LogLine>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly exited: Promise<number | null>;
  stderr(): string;
}

/** Environment without the variables of the machine running the tests that would change the runtime. */
export function cleanEnv(extra: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'NODE_OPTIONS', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

export function startRuntime(env: NodeJS.ProcessEnv): RuntimeChild {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters = new Set<{ match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      line = { message: text };
    }
    lines.push(line);
    for (const waiter of waiters) if (waiter.match(line)) waiter.resolve(line);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    lines,
    exited,
    stderr: () => stderr,
    waitFor: (message, timeoutMs = 30_000) => {
      const match = (line: LogLine): boolean =>
        typeof message === 'string' ? line.message === message : message.test(line.message);
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<LogLine>((resolve, reject) => {
        const waiter = { match, resolve: (line: LogLine) => finish(() => resolve(line)) };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`no "${String(message)}" log line within ${timeoutMs} ms`))),
          timeoutMs,
        );
        function finish(then: () => void): void {
          clearTimeout(timer);
          waiters.delete(waiter);
          then();
        }
        waiters.add(waiter);
        void exited.then((code) =>
          finish(() => reject(new Error(`the runtime exited (${code}) before "${String(message)}": ${stderr}`))),
        );
      });
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
