import type { JobType } from '../../../shared/client/job-submission.js';
import type { JobOutcome } from '../../../shared/client/job-outcome.js';
import { EXIT, type CliIo } from './cli-io.js';
import { followJob, type OutputFlags } from './follow-job.js';
import { buildDeleteJob, buildLaunchJob, type DeleteFlags, type LaunchFlags } from './job-options.js';
import { readJsonFile } from './read-json-file.js';
import { describeOutcome, outcomeJson } from './render-event.js';
import { submitJob } from './submit-job.js';
import { usage } from './usage.js';
import { withConnection } from './with-connection.js';

export type { OutputFlags } from './follow-job.js';

export type SubmitFlags = OutputFlags & LaunchFlags & DeleteFlags & { readonly file?: string; readonly jobId?: string };

/** `kelp submit <type>`: build the job from the file and flags, check it, submit, and optionally wait. */
export async function runSubmit(type: JobType, flags: SubmitFlags, io: CliIo): Promise<number> {
  const file = flags.file === undefined ? {} : await readJsonFile(io, flags.file);
  if (file.problem !== undefined) return usage(io, [file.problem]);
  const built = type === 'launch-server' ? buildLaunchJob(flags, file.value) : buildDeleteJob(flags, file.value);
  return submitJob(io, flags, type, built, (outcome, jobId) => report(io, flags, jobId, outcome));
}

/** `kelp watch <jobId>`: follow a job's events until it ends. */
export async function runWatch(jobId: string, flags: OutputFlags, io: CliIo): Promise<number> {
  return withConnection(io, async ({ client }) => {
    if (flags.json !== true) io.stdout.write(`watching job ${jobId} (events from now on)\n`);
    const outcome = await followJob(io, flags, jobId, (options) => client.waitForOutcome(jobId, options));
    return report(io, flags, jobId, outcome);
  });
}

function report(io: CliIo, flags: OutputFlags, jobId: string, outcome: JobOutcome): number {
  if (flags.json === true) io.stdout.write(`${outcomeJson(outcome)}\n`);
  else io.stdout.write(`${describeOutcome(outcome).join('\n')}\n`);
  if (outcome.status === 'failed' && flags.json === true) {
    io.stderr.write(`job ${jobId} failed: ${outcome.reasons.join('; ')}\n`);
  }
  return outcome.status === 'succeeded' ? EXIT.ok : EXIT.jobFailed;
}
