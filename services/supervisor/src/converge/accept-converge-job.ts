import { ACK, type HandlerOutcome } from '../../../../shared/amqp/bus.js';
import { INITIAL_LOOP_STATE } from '../../../../shared/convergence/decide-next.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import {
  CONVERGE_JOB_TYPE,
  ConvergeGroupJobSchema,
  type ConvergeGroupJob,
} from '../../../../shared/messages/converge-messages.js';
import type { Envelope } from '../../../../shared/messages/envelope.js';
import { LaunchConfigSchema } from '../../../../shared/messages/job-messages.js';
import { describeProblems } from '../core/describe-problems.js';
import { JOB_ID_PATTERN } from '../core/validate-job.js';
import type { ConvergeMetrics } from './converge-metrics.js';
import { publishCycle } from './on-converge-cycle.js';
import { publishConvergeEvents, type ConvergeEventDeps } from './publish-converge-event.js';

export interface AcceptDeps extends ConvergeEventDeps {
  readonly bus: ConvergeEventDeps['bus'] & Parameters<typeof publishCycle>[0]['bus'];
  readonly logger: Logger;
  readonly metrics: ConvergeMetrics;
}

export type ConvergeJobValidation =
  { readonly ok: true; readonly job: ConvergeGroupJob } | { readonly ok: false; readonly problems: readonly string[] };

/** Validates a submitted converge-group job (pure): job id, schema, tenant equal to the envelope's. */
export function validateConvergeJob(envelope: Envelope): ConvergeJobValidation {
  const problems: string[] = [];
  if (!JOB_ID_PATTERN.test(envelope.jobId)) problems.push('jobId: must be 1-100 letters, digits, "_" or "-"');
  const parsed = ConvergeGroupJobSchema.safeParse(envelope.payload);
  if (!parsed.success) {
    // The launch-server rules run inside the schema only once the rest parses: list their problems too.
    const launchConfig = (envelope.payload as { desired?: { launchConfig?: unknown } } | null)?.desired?.launchConfig;
    const strict = LaunchConfigSchema.safeParse(launchConfig);
    const more = strict.success
      ? []
      : describeProblems(strict.error.issues.map((i) => ({ ...i, path: ['desired', 'launchConfig', ...i.path] })));
    return { ok: false, problems: [...new Set([...problems, ...describeProblems(parsed.error.issues), ...more])] };
  }
  if (parsed.data.tenantId !== envelope.tenantId) {
    problems.push(
      `tenantId: the job's tenant ${JSON.stringify(parsed.data.tenantId)} differs from the message's ${JSON.stringify(envelope.tenantId)}`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, job: parsed.data };
}

/**
 * Starts a submitted `job.converge-group` (the supervisor's job handler routes them here): an invalid job
 * gets a `failed` event listing every problem and is dead-lettered; a valid one gets `accepted` and
 * `group-status` CONVERGING, then its first cycle goes to QUEUES.supervisorConverge. The delivery is acked
 * once that cycle is confirmed; a redelivery starts the job again, and the group record lets only the
 * later acceptance run (see `decide-claim.ts`).
 */
export async function acceptConvergeJob(deps: AcceptDeps, envelope: Envelope): Promise<HandlerOutcome> {
  const log = deps.logger.child({ jobId: envelope.jobId, tenantId: envelope.tenantId, jobType: CONVERGE_JOB_TYPE });
  const validation = validateConvergeJob(envelope);
  if (!validation.ok) {
    deps.metrics.jobs.inc({ outcome: 'invalid' });
    log.warn('job-invalid', { problems: validation.problems });
    await publishConvergeEvents(deps, envelope, [
      { event: 'failed', jobType: CONVERGE_JOB_TYPE, reasons: [...validation.problems] },
    ]);
    return { action: 'dead-letter', reason: `invalid job: ${validation.problems.join('; ')}`.slice(0, 1000) };
  }
  const { job } = validation;
  deps.metrics.jobs.inc({ outcome: 'accepted' });
  log.info('job-accepted', { groupId: job.groupId, capacity: job.desired.capacity });
  await publishConvergeEvents(deps, envelope, [
    { event: 'accepted', jobType: CONVERGE_JOB_TYPE },
    {
      event: 'group-status',
      jobType: CONVERGE_JOB_TYPE,
      tenantId: job.tenantId,
      groupId: job.groupId,
      status: 'CONVERGING',
      reasons: [],
    },
  ]);
  const payload = { job, acceptedAt: deps.clock().toISOString(), loop: INITIAL_LOOP_STATE, resume: false };
  await publishCycle(deps, envelope, payload, 0);
  return ACK;
}
