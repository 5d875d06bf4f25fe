import type { JobOutcome } from '../../../shared/client/job-outcome.js';
import type { WaitOptions } from '../../../shared/client/kelp-client.js';
import type { CliIo } from './cli-io.js';
import { createLiveProgress, createPlainProgress, type ProgressDisplay } from './progress-display.js';

export interface OutputFlags {
  readonly wait?: boolean;
  readonly json?: boolean;
  /** Seconds. */
  readonly timeout: number;
}

/**
 * Waits for a job's outcome, showing its events as they come (live on a terminal, plain lines otherwise,
 * nothing with --json), for at most `flags.timeout` seconds.
 */
export async function followJob(
  io: CliIo,
  flags: OutputFlags,
  jobId: string,
  wait: (options: WaitOptions) => Promise<JobOutcome>,
): Promise<JobOutcome> {
  const display: ProgressDisplay | undefined =
    flags.json === true
      ? undefined
      : io.stdout.isTTY === true
        ? createLiveProgress(io.stdout, io.now, jobId)
        : createPlainProgress(io.stdout, io.now);
  try {
    return await wait({ timeoutMs: flags.timeout * 1000, onEvent: (event) => display?.event(event) });
  } finally {
    display?.stop();
  }
}
