import type { JobOutcome } from '../../../shared/client/job-outcome.js';
import { submissionProblems, type JobSubmission, type JobType } from '../../../shared/client/job-submission.js';
import { EXIT, type CliIo } from './cli-io.js';
import { followJob, type OutputFlags } from './follow-job.js';
import type { Built } from './job-options.js';
import { usage } from './usage.js';
import { withConnection } from './with-connection.js';

/**
 * Checks and submits a job built from a file and flags. Without --wait it prints the job id; with it, it
 * follows the job and `report` prints the outcome and gives the exit code.
 */
export async function submitJob(
  io: CliIo,
  flags: OutputFlags & { readonly jobId?: string },
  type: JobType,
  built: Built,
  report: (outcome: JobOutcome, jobId: string) => number,
): Promise<number> {
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
    const outcome = await followJob(io, flags, jobId, (options) =>
      client.submitAndWait({ ...submission, jobId }, options),
    );
    return report(outcome, jobId);
  });
}
