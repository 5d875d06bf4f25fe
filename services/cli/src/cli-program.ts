import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EXIT, type CliIo } from './cli-io.js';
import { registerConvergeCommand } from './converge-command.js';
import { registerPlanCommand } from './plan-command.js';
import { runSubmit, runWatch, type SubmitFlags } from './run-job-command.js';

const collect = (value: string, previous: readonly string[]): string[] => [...previous, value];

function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return parsed;
}

function outputOptions(command: Command): Command {
  return command
    .option('--wait', 'wait for the job to end, showing its progress')
    .option('--json', 'print one JSON document (for scripts)')
    .addOption(new Option('--timeout <seconds>', 'give up waiting after this long').argParser(seconds).default(3600));
}

/**
 * The `kelp` command line: `kelp submit launch-server|delete-server …`, `kelp watch <jobId>`, `kelp converge …`
 * and `kelp plan …`.
 * Resolves with the exit code (see EXIT); never calls process.exit.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('kelp')
    .description(
      'Submit jobs to Kelp and follow them. The broker is AMQP_URL (default amqp://guest:guest@127.0.0.1:5672).',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    });

  const submit = program.command('submit').description('submit a job');
  outputOptions(
    submit
      .command('launch-server')
      .description('launch one server into a group, behind its load balancers')
      .option('-f, --file <path>', 'the job as JSON: {tenantId, groupId, launchConfig: {server, loadBalancers}}')
      .option('--tenant <id>', 'tenant id')
      .option('--group <id>', 'scaling group id')
      .option('--flavor <ref>', 'server flavorRef')
      .option('--image <ref>', 'server imageRef')
      .option('--name <prefix>', 'server name prefix')
      .option('--metadata <key=value>', 'server metadata (repeatable)', collect, [])
      .option('--network <uuid>', 'attach a network (repeatable)', collect, [])
      .option('--clb <id:port>', 'join a Cloud Load Balancer on a port (repeatable)', collect, [])
      .option('--rcv3 <poolId>', 'join a RackConnect v3 pool (repeatable)', collect, [])
      .option('--job-id <id>', 'the job id (default: a new UUID)'),
  ).action(async (flags: SubmitFlags) => {
    code = await runSubmit('launch-server', flags, io);
  });
  outputOptions(
    submit
      .command('delete-server')
      .description('delete one server of a group, leaving its load balancers first')
      .option('-f, --file <path>', 'the job as JSON: {tenantId, groupId, serverId}')
      .option('--tenant <id>', 'tenant id')
      .option('--group <id>', 'scaling group id')
      .option('--server <id>', 'the server to delete')
      .option('--job-id <id>', 'the job id (default: a new UUID)'),
  ).action(async (flags: SubmitFlags) => {
    code = await runSubmit('delete-server', flags, io);
  });

  program
    .command('watch')
    .description("follow a job's events until it ends")
    .argument('<jobId>', 'the job to follow')
    .option('--json', 'print one JSON document (for scripts)')
    .addOption(new Option('--timeout <seconds>', 'give up waiting after this long').argParser(seconds).default(3600))
    .action(async (jobId: string, flags: { json?: boolean; timeout: number }) => {
      code = await runWatch(jobId, flags, io);
    });

  registerConvergeCommand(program, io, (result) => (code = result));
  registerPlanCommand(program, io, (result) => (code = result));

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    throw error;
  }
  return code;
}
