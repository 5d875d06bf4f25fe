import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'amqplib';
import { CHAOS_SIZES, type ChaosMode } from '../core/chaos-sizes.js';
import { maskUrl } from './broker-access.js';
import { ctlAvailable } from './rabbitmqctl.js';
import type { RunContext } from './run-context.js';

export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

export interface RunOptions {
  readonly root: string;
  readonly mode: ChaosMode;
  readonly seed?: string;
  readonly outDir?: string;
  readonly brokerOutage?: 'drop-connections' | 'stop-app';
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
}

/** Checks the broker (loopback only) and rabbitmqctl, and makes the run's directory and ids. */
export async function createRun(options: RunOptions): Promise<RunContext> {
  const amqpUrl = options.env['AMQP_URL'] ?? DEFAULT_AMQP_URL;
  const host = new URL(amqpUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`the chaos suite only targets a loopback broker; AMQP_URL points at ${maskUrl(amqpUrl)}`);
  }
  try {
    const probe = await connect(amqpUrl, { timeout: 5_000 });
    await probe.close();
  } catch (error) {
    throw new Error(
      `no RabbitMQ at AMQP_URL=${maskUrl(amqpUrl)} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const runId = randomBytes(3).toString('hex');
  const runDir = options.outDir ?? `${tmpdir()}/kelp-chaos/${new Date().toISOString().replace(/[:.]/g, '-')}-${runId}`;
  mkdirSync(runDir, { recursive: true });
  const useCtl = options.env['CHAOS_NO_RABBITMQCTL'] !== '1' && (await ctlAvailable());
  return {
    root: options.root,
    runId,
    runDir,
    mode: options.mode,
    sizes: CHAOS_SIZES[options.mode],
    seed: options.seed ?? runId,
    amqpUrl,
    useCtl,
    brokerOutage: options.brokerOutage ?? 'drop-connections',
    log: (line) => {
      appendFileSync(`${runDir}/run.log`, `${new Date().toISOString()} ${line}\n`);
      options.log(line);
    },
  };
}
