import type { Logger } from '../logging/logger.js';

/** One stage of shutdown, run in order (e.g. stop consumers, close the bus, close the health server). */
export interface ShutdownStage {
  readonly name: string;
  run(): Promise<void>;
}

export interface ShutdownOptions {
  readonly logger: Logger;
  /** Overall deadline for all stages; past it the process exits 1. */
  readonly deadlineMs: number;
  readonly stages: readonly ShutdownStage[];
  /** Injected for tests; defaults to process.exit. */
  readonly exit?: (code: number) => void;
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * Runs the shutdown stages once, in order, on the first SIGTERM/SIGINT: each stage's failure is logged
 * and the next stage still runs; exits 0 (or the code given when triggered programmatically) when all
 * stages finished within the deadline, 1 otherwise. Returns a function that triggers the same sequence.
 */
export function installGracefulShutdown(
  options: ShutdownOptions,
): (reason: string, exitCode?: number) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let running: Promise<void> | undefined;

  const shutdown = (reason: string, exitCode = 0): Promise<void> => {
    running ??= (async () => {
      options.logger.info('shutting-down', { reason });
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), options.deadlineMs);
      });
      const outcome = await Promise.race([runStages(options.stages, options.logger), deadline]);
      clearTimeout(timer);
      if (outcome === 'deadline') {
        options.logger.error('shutdown-deadline-exceeded', { deadlineMs: options.deadlineMs });
        exit(1);
        return;
      }
      options.logger.info('bye', { exitCode });
      exit(exitCode);
    })();
    return running;
  };

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => void shutdown(signal));
  }
  return shutdown;
}

async function runStages(stages: readonly ShutdownStage[], logger: Logger): Promise<'done'> {
  for (const stage of stages) {
    try {
      await stage.run();
      logger.debug('shutdown-stage-done', { stage: stage.name });
    } catch (error) {
      logger.error('shutdown-stage-failed', { stage: stage.name, error });
    }
  }
  return 'done';
}
