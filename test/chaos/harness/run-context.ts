import type { ChaosMode, ChaosSizes } from '../core/chaos-sizes.js';
import type { ScenarioResult } from '../core/scenario-result.js';

/** Settings of one `npm run chaos` (or CI) run, shared by its scenarios. */
export interface RunContext {
  /** The repository root (where `dist/` is). */
  readonly root: string;
  /** Short random id: scenario namespaces and vhosts are `chaos-<runId>-<scenario>`. */
  readonly runId: string;
  /** Where logs, captured bodies and the results go. */
  readonly runDir: string;
  readonly mode: ChaosMode;
  readonly sizes: ChaosSizes;
  /** Seed of every random choice the harness makes (kill moments, hostile input). */
  readonly seed: string;
  /** The broker as AMQP_URL names it (admin rights on its vhost). */
  readonly amqpUrl: string;
  /** rabbitmqctl works here: per-scenario vhosts and users, connection drops, permissions. */
  readonly useCtl: boolean;
  /** How scenario 2 takes the broker away. */
  readonly brokerOutage: 'drop-connections' | 'stop-app';
  /** Progress lines (stderr), never secrets. */
  log(line: string): void;
}

export interface Scenario {
  /** `1`..`7`. */
  readonly id: string;
  /** e.g. `1 crash`. */
  readonly name: string;
  run(ctx: RunContext): Promise<ScenarioResult>;
}
