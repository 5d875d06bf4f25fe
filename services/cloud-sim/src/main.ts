/**
 * Standalone simulator: `node dist/services/cloud-sim/src/main.js`. Configured from the environment (see
 * README); serves `/healthz`; exits 0 on SIGTERM or SIGINT after closing the listener.
 */
import { AppError } from '../../../shared/errors/app-error.js';
import { startCloudSim } from './cloud-sim.js';
import { parseSimEnv } from './env-options.js';
import { createJsonLogger } from './json-logger.js';

async function main(): Promise<void> {
  const logger = createJsonLogger((line) => process.stdout.write(`${line}\n`));
  let options;
  try {
    options = parseSimEnv(process.env);
  } catch (error) {
    process.stderr.write(`${AppError.is(error) ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const sim = await startCloudSim({ ...options, logger });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info('cloud-sim-stopping', { signal });
    sim.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`cloud-sim failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
