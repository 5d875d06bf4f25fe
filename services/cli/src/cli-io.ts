import type { KelpClient } from '../../../shared/client/kelp-client.js';
import type { Env } from '../../../shared/config/parse-env.js';
import type { Output } from './progress-display.js';

/** Everything the CLI touches, injected so tests run it in-process. */
export interface CliIo {
  readonly stdout: Output & { readonly isTTY?: boolean };
  readonly stderr: Output;
  readonly env: Env;
  readonly readFile: (path: string) => Promise<string>;
  /** Connects to the broker (AMQP_URL) and returns a client; rejects when the broker cannot be reached. */
  readonly connect: (env: Env) => Promise<CliConnection>;
  /** Monotonic milliseconds, for elapsed times. */
  readonly now: () => number;
}

export interface CliConnection {
  readonly client: KelpClient;
  close(): Promise<void>;
}

/** Exit codes: the job succeeded (or was submitted), failed, the command was wrong, Kelp was unreachable or slow. */
export const EXIT = { ok: 0, jobFailed: 1, usage: 2, unavailable: 3 } as const;
