import { InvalidArgumentError, Option, type Command } from 'commander';
import type { JobOutcome } from '../../../shared/client/job-outcome.js';
import { EXIT, type CliIo } from './cli-io.js';
import { buildLaunchJob, type Built, type LaunchFlags } from './job-options.js';
import { readJsonFile } from './read-json-file.js';
import { outcomeJson } from './render-event.js';
import { submitJob } from './submit-job.js';
import { usage } from './usage.js';

export interface ConvergeFlags extends LaunchFlags {
  /** `{tenantId, groupId, desired: {capacity, launchConfig, drainingTimeoutSec?, buildTimeoutSec?}}`. */
  readonly file?: string;
  readonly capacity?: number;
  /** Seconds. */
  readonly drainingTimeout?: number;
  /** Seconds. */
  readonly buildTimeout?: number;
  readonly jobId?: string;
  readonly wait?: boolean;
  readonly json?: boolean;
  /** Seconds to wait at most. */
  readonly timeout: number;
}

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Obj) } : {};

/**
 * The converge-group job from a file and flags (pure): flags override the file; `--flavor`, `--clb`, … edit
 * the launch config as for `kelp submit launch-server`.
 */
export function buildConvergeJob(flags: ConvergeFlags, file: unknown): Built {
  const problems: string[] = [];
  if (file !== undefined && (typeof file !== 'object' || file === null || Array.isArray(file))) {
    problems.push('file: must hold a JSON object');
  }
  const job = asObject(file);
  const desired = asObject(job['desired']);
  if (flags.tenant !== undefined) job['tenantId'] = flags.tenant;
  if (flags.group !== undefined) job['groupId'] = flags.group;
  if (flags.capacity !== undefined) desired['capacity'] = flags.capacity;
  if (flags.drainingTimeout !== undefined) desired['drainingTimeoutSec'] = flags.drainingTimeout;
  if (flags.buildTimeout !== undefined) desired['buildTimeoutSec'] = flags.buildTimeout;
  const { tenant: _t, group: _g, ...launchFlags } = flags;
  const launch = buildLaunchJob(launchFlags, { launchConfig: desired['launchConfig'] });
  desired['launchConfig'] = launch.job['launchConfig'];
  job['desired'] = desired;
  return { job, problems: [...problems, ...launch.problems] };
}

/** `kelp converge`: submit a converge-group job and, with --wait, follow its cycles to the end. */
export async function runConverge(flags: ConvergeFlags, io: CliIo): Promise<number> {
  const file = flags.file === undefined ? {} : await readJsonFile(io, flags.file);
  if (file.problem !== undefined) return usage(io, [file.problem]);
  return submitJob(io, flags, 'converge-group', buildConvergeJob(flags, file.value), (outcome) => {
    io.stdout.write(`${flags.json === true ? outcomeJson(outcome) : describeConvergeOutcome(outcome).join('\n')}\n`);
    return outcome.status === 'succeeded' ? EXIT.ok : EXIT.jobFailed;
  });
}

/** The human summary of how a converge-group job ended (pure). */
export function describeConvergeOutcome(outcome: JobOutcome): string[] {
  const result = outcome.result ?? {};
  const group = typeof result['groupId'] === 'string' ? `group ${result['groupId']}` : 'the group';
  const cycles =
    typeof result['cycles'] === 'number' ? ` after ${result['cycles']} cycle${result['cycles'] === 1 ? '' : 's'}` : '';
  if (outcome.status === 'succeeded') {
    const count = result['serverCount'];
    const servers =
      typeof count === 'number' ? count : Array.isArray(result['servers']) ? result['servers'].length : '?';
    return [`job ${outcome.jobId} succeeded: ${group} is ACTIVE with ${servers} servers${cycles}`];
  }
  const heading =
    result['groupStatus'] === 'ERROR'
      ? `job ${outcome.jobId} failed: ${group} is in ERROR${cycles}:`
      : `job ${outcome.jobId} failed:`;
  return [heading, ...outcome.reasons.map((reason) => `  - ${reason}`)];
}

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

function number(kind: 'count' | 'seconds') {
  return (value: string): number => {
    const parsed = Number(value);
    const ok = kind === 'count' ? Number.isInteger(parsed) && parsed >= 0 : Number.isFinite(parsed) && parsed >= 0;
    if (!ok)
      throw new InvalidArgumentError(
        kind === 'count' ? 'expected a whole number >= 0' : 'expected a number of seconds >= 0',
      );
    return parsed;
  };
}

/** Adds `kelp converge` to the program; `done` receives the exit code. */
export function registerConvergeCommand(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('converge')
    .description('bring a scaling group to its desired state (converge-group job): servers, load balancers, metadata')
    .option('-f, --file <path>', 'the job as JSON: {tenantId, groupId, desired: {capacity, launchConfig, …}}')
    .option('--tenant <id>', 'tenant id')
    .option('--group <id>', 'scaling group id')
    .addOption(new Option('--capacity <n>', 'desired number of servers').argParser(number('count')))
    .option('--flavor <ref>', 'server flavorRef')
    .option('--image <ref>', 'server imageRef')
    .option('--name <prefix>', 'server name prefix')
    .option('--metadata <key=value>', 'server metadata (repeatable)', collect, [])
    .option('--network <uuid>', 'attach a network (repeatable)', collect, [])
    .option('--clb <id:port>', 'keep servers in a Cloud Load Balancer on a port (repeatable)', collect, [])
    .option('--rcv3 <poolId>', 'keep servers in a RackConnect v3 pool (repeatable)', collect, [])
    .addOption(
      new Option('--draining-timeout <seconds>', 'drain CLB nodes this long before removal').argParser(
        number('seconds'),
      ),
    )
    .addOption(
      new Option('--build-timeout <seconds>', 'replace servers building longer than this').argParser(number('seconds')),
    )
    .option('--job-id <id>', 'the job id (default: a new UUID)')
    .option('--wait', 'wait for the group to converge, showing each cycle')
    .option('--json', 'print one JSON document (for scripts)')
    .addOption(
      new Option('--timeout <seconds>', 'give up waiting after this long').argParser(number('seconds')).default(3600),
    )
    .action(async (flags: ConvergeFlags) => {
      done(await runConverge(flags, io));
    });
}
