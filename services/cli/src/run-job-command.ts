import type { JobSubmission, JobType } from '../../../shared/client/job-submission.js';
import { submissionProblems } from '../../../shared/client/job-submission.js';
import type { JobOutcome } from '../../../shared/client/job-outcome.js';
import type { WaitOptions } from '../../../shared/client/kelp-client.js';
import { AppError, ensureAppError } from '../../../shared/errors/app-error.js';
import { EXIT, type CliConnection, type CliIo } from './cli-io.js';
import { buildDeleteJob, buildLaunchJob, parseJobFile, type DeleteFlags, type LaunchFlags } from './job-options.js';
import { createLiveProgress, createPlainProgress, type ProgressDisplay } from './progress-display.js';
import { describeOutcome, outcomeJson } from './render-event.js';

export interface OutputFlags {
  readonly wait?: boolean;
  readonly json?: boolean;
  /** Seconds. */
  readonly timeout: number;
}

export type SubmitFlags = OutputFlags & LaunchFlags & DeleteFlags & { readonly file?: string; readonly jobId?: string };

/** `kelp submit <type>`: build the job from the file and flags, check it, submit, and optionally wait. */
export async function runSubmit(type: JobType, flags: SubmitFlags, io: CliIo): Promise<number> {
  let file: unknown;
  if (flags.file !== undefined) {
    let text: string;
    try {
      text = await io.readFile(flags.file);
    } catch (error) {
      return usage(io, [`${flags.file}: ${ensureAppError(error).message}`]);
    }
    const parsed = parseJobFile(flags.file, text);
    if (parsed.problem !== undefined) return usage(io, [parsed.problem]);
    file = parsed.value;
  }
  const built = type === 'launch-server' ? buildLaunchJob(flags, file) : buildDeleteJob(flags, file);
  const submission = {
    type,
    job: built.job,
    ...(flags.jobId === undefined ? {} : { jobId: flags.jobId }),
  } as JobSubmission;
  const problems = [...built.problems, ...submissionProblems(submission)];
  if (problems.length > 0) return usage(io, problems, `invalid ${type} job:`);
  return withConnection(io, async ({ client }) => {
    if (flags.wait !== true) {
      const jobId = await client.submit(submission);
      io.stdout.write(
        flags.json === true
          ? `${JSON.stringify({ jobId, type, status: 'submitted' })}\n`
          : `submitted ${type} job ${jobId}\n`,
      );
      return EXIT.ok;
    }
    const jobId = submission.jobId ?? client.newJobId();
    if (flags.json !== true) io.stdout.write(`submitting ${type} job ${jobId}\n`);
    return report(io, flags, jobId, (options) => client.submitAndWait({ ...submission, jobId }, options));
  });
}

/** `kelp watch <jobId>`: follow a job's events until it ends. */
export async function runWatch(jobId: string, flags: OutputFlags, io: CliIo): Promise<number> {
  return withConnection(io, ({ client }) => {
    if (flags.json !== true) io.stdout.write(`watching job ${jobId} (events from now on)\n`);
    return report(io, flags, jobId, (options) => client.waitForOutcome(jobId, options));
  });
}

async function report(
  io: CliIo,
  flags: OutputFlags,
  jobId: string,
  wait: (options: WaitOptions) => Promise<JobOutcome>,
): Promise<number> {
  const display: ProgressDisplay | undefined =
    flags.json === true
      ? undefined
      : io.stdout.isTTY === true
        ? createLiveProgress(io.stdout, io.now, jobId)
        : createPlainProgress(io.stdout, io.now);
  let outcome: JobOutcome;
  try {
    outcome = await wait({ timeoutMs: flags.timeout * 1000, onEvent: (event) => display?.event(event) });
  } finally {
    display?.stop();
  }
  if (flags.json === true) io.stdout.write(`${outcomeJson(outcome)}\n`);
  else io.stdout.write(`${describeOutcome(outcome).join('\n')}\n`);
  if (outcome.status === 'failed' && flags.json === true) {
    io.stderr.write(`job ${jobId} failed: ${outcome.reasons.join('; ')}\n`);
  }
  return outcome.status === 'succeeded' ? EXIT.ok : EXIT.jobFailed;
}

async function withConnection(io: CliIo, work: (connection: CliConnection) => Promise<number>): Promise<number> {
  let connection: CliConnection;
  try {
    connection = await io.connect(io.env);
  } catch (error) {
    io.stderr.write(`kelp: cannot reach RabbitMQ: ${ensureAppError(error).message}\n`);
    return EXIT.unavailable;
  }
  try {
    return await work(connection);
  } catch (error) {
    if (AppError.isKind(error, 'timeout')) {
      io.stderr.write(`kelp: ${error.message}\n`);
      return EXIT.unavailable;
    }
    if (AppError.isKind(error, 'decode')) return usage(io, [error.message]);
    io.stderr.write(`kelp: ${ensureAppError(error).message}\n`);
    return EXIT.unavailable;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

function usage(io: CliIo, problems: readonly string[], heading?: string): number {
  const lines = heading === undefined ? problems : [heading, ...problems.map((p) => `  - ${p}`)];
  io.stderr.write(`${lines.join('\n')}\n`);
  return EXIT.usage;
}
