import { InvalidArgumentError, type Command } from 'commander';
import { loadConvergeConfig } from '../../supervisor/src/converge/converge-config.js';
import { describeStep } from '../../supervisor/src/converge/core/cycle-report.js';
import { connectLiveGatherer, type LiveGatherer } from '../../supervisor/src/converge/live-gather.js';
import { DesiredGroupStateSchema, type DesiredGroupState } from '../../../shared/convergence/desired-state.js';
import { ObservedStateSchema, type ObservedState } from '../../../shared/convergence/observed-state.js';
import { plan } from '../../../shared/convergence/plan.js';
import { seededServerSuffixes } from '../../../shared/convergence/server-name.js';
import type { Env } from '../../../shared/config/parse-env.js';
import { ensureAppError } from '../../../shared/errors/app-error.js';
import type { Step } from '../../../shared/steps/step.js';
import { EXIT, type CliIo } from './cli-io.js';
import { readJsonFile } from './read-json-file.js';
import { usage } from './usage.js';

export interface PlanFlags {
  /** A desired state `{capacity, launchConfig, …}` or a converge-group job `{tenantId, groupId, desired}`. */
  readonly desired: string;
  /** An observed state `{servers, clbs, rcv3Pools}`; without it the group is gathered live. */
  readonly observed?: string;
  readonly tenant?: string;
  readonly group?: string;
  /** ISO time to plan at (default now). */
  readonly now?: string;
  readonly maxCreates?: number;
  readonly json?: boolean;
}

export type ConnectGatherer = (env: Env) => Promise<LiveGatherer>;

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

function issues(
  path: string,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
): string[] {
  return error.issues.map((i) => `${path}: ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

/**
 * `kelp plan`: prints the steps a convergence cycle would take, executing nothing. The desired state comes
 * from a file; the observed state from a file (`--observed`, the JSON `kelp plan --json` prints) or
 * gathered live for `--tenant`/`--group` through Kelp's services (broker at AMQP_URL).
 */
export async function runPlan(
  flags: PlanFlags,
  io: CliIo,
  connect: ConnectGatherer = connectLiveGatherer,
): Promise<number> {
  const file = await readJsonFile(io, flags.desired);
  if (file.problem !== undefined) return usage(io, [file.problem]);
  const wrapped = isObject(file.value) && 'desired' in file.value ? file.value : { desired: file.value };
  const tenantId = flags.tenant ?? (typeof wrapped['tenantId'] === 'string' ? wrapped['tenantId'] : undefined);
  const groupId = flags.group ?? (typeof wrapped['groupId'] === 'string' ? wrapped['groupId'] : undefined);
  const parsed = DesiredGroupStateSchema.safeParse(wrapped['desired']);
  const problems = parsed.success ? [] : issues(flags.desired, parsed.error);
  if (groupId === undefined) problems.push('--group: required (or groupId in the desired file)');
  const nowMs = flags.now === undefined ? Date.now() : Date.parse(flags.now);
  if (!Number.isFinite(nowMs)) problems.push(`--now ${flags.now ?? ''}: expected an ISO time`);
  if (flags.observed === undefined && tenantId === undefined) {
    problems.push('give --observed <file>, or --tenant (and --group) to gather the group live');
  }
  if (!parsed.success || groupId === undefined || problems.length > 0) return usage(io, problems, 'cannot plan:');
  const desired = parsed.data;

  let observed: ObservedState;
  let gathered = false;
  if (flags.observed !== undefined) {
    const text = await readJsonFile(io, flags.observed);
    if (text.problem !== undefined) return usage(io, [text.problem]);
    const state = ObservedStateSchema.safeParse(text.value);
    if (!state.success) return usage(io, issues(flags.observed, state.error), 'cannot plan:');
    observed = state.data;
  } else {
    const live = await gatherLive(io, connect, { tenantId: tenantId ?? '', groupId, desired });
    if (typeof live === 'number') return live;
    observed = live;
    gathered = true;
  }
  const limits =
    flags.maxCreates === undefined ? loadConvergeConfig(io.env).stepLimits : { CreateServer: flags.maxCreates };
  const steps = plan(desired, observed, nowMs, {
    groupId,
    serverSuffixes: seededServerSuffixes(`plan:${nowMs}`),
    limits,
  });
  const now = new Date(nowMs).toISOString();
  if (flags.json === true) {
    io.stdout.write(
      `${JSON.stringify({ groupId, now, steps, ...(gathered ? { observed: toJson(observed) } : {}) })}\n`,
    );
  } else {
    io.stdout.write(`${describePlan(groupId, now, steps).join('\n')}\n`);
  }
  return EXIT.ok;
}

async function gatherLive(
  io: CliIo,
  connect: ConnectGatherer,
  job: { tenantId: string; groupId: string; desired: DesiredGroupState },
): Promise<ObservedState | number> {
  let gatherer: LiveGatherer;
  try {
    gatherer = await connect(io.env);
  } catch (error) {
    io.stderr.write(`kelp: cannot reach RabbitMQ: ${ensureAppError(error).message}\n`);
    return EXIT.unavailable;
  }
  try {
    const result = await gatherer.gather(job);
    if (result.ok) return result.observed;
    io.stderr.write(`kelp: gathering group ${job.groupId} failed: ${result.reason.text}\n`);
    return EXIT.unavailable;
  } finally {
    await gatherer.close().catch(() => undefined);
  }
}

/** The observed state as `--observed` reads it back (metadataLbs is derived, so left out). */
function toJson(observed: ObservedState): unknown {
  return { ...observed, servers: observed.servers.map(({ metadataLbs: _derived, ...server }) => server) };
}

/** The human listing: a heading, then one line per step (pure). */
export function describePlan(groupId: string, now: string, steps: readonly Step[]): string[] {
  if (steps.length === 0) return [`group ${groupId} at ${now}: no steps, the group matches its desired state`];
  const width = Math.max(...steps.map((s) => s.type.length));
  return [
    `group ${groupId} at ${now}: ${steps.length} step${steps.length === 1 ? '' : 's'}`,
    ...steps.map((step) => `  ${step.type.padEnd(width)}  ${describeStep(step)}`),
  ];
}

/** Adds `kelp plan` to the program; `done` receives the exit code. */
export function registerPlanCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('plan')
    .description('print the steps convergence would take for a group, executing nothing')
    .requiredOption('--desired <path>', 'desired state JSON ({capacity, launchConfig, …}) or a converge-group job')
    .option('--observed <path>', 'observed state JSON ({servers, clbs, rcv3Pools}); default: gather live')
    .option('--tenant <id>', 'tenant id (gathers the group live through Kelp)')
    .option('--group <id>', 'scaling group id')
    .option('--now <iso>', 'plan as of this time (default: now)')
    .option('--max-creates <n>', 'CreateServer steps per cycle (default CONVERGE_MAX_CREATES_PER_CYCLE)', (value) => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number >= 0');
      return parsed;
    })
    .option('--json', 'print one JSON document: {groupId, now, steps, observed?}')
    .action(async (flags: PlanFlags) => {
      done(await runPlan(flags, io));
    });
}
