import type { Envelope } from '../../../../shared/messages/envelope.js';
import type { AnyJobDefinition } from '../jobs/job-definition.js';
import { describeProblems } from './describe-problems.js';

/** Job ids become topic routing-key words and server-name seeds: letters, digits, `_` and `-` only. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export type JobValidation =
  | { readonly ok: true; readonly job: unknown; readonly tenantId: string }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Validates a submitted job (pure): a known type, a usable job id, the type's schema, the type's own
 * checks, and a payload tenant equal to the envelope's. Lists every problem found.
 */
export function validateJob(definition: AnyJobDefinition | undefined, envelope: Envelope): JobValidation {
  const problems: string[] = [];
  if (!JOB_ID_PATTERN.test(envelope.jobId)) {
    problems.push(
      `jobId: must be 1-100 letters, digits, "_" or "-" (got ${JSON.stringify(envelope.jobId.slice(0, 120))})`,
    );
  }
  if (definition === undefined) {
    problems.push(`type: unknown job type ${JSON.stringify(envelope.type.slice(0, 100))}`);
    return { ok: false, problems };
  }
  const parsed = definition.jobSchema.safeParse(envelope.payload);
  if (!parsed.success) return { ok: false, problems: [...problems, ...describeProblems(parsed.error.issues)] };
  problems.push(...(definition.problems?.(parsed.data) ?? []));
  const tenantId = definition.tenantOf(parsed.data);
  if (tenantId !== envelope.tenantId) {
    problems.push(
      `tenantId: the job's tenant ${JSON.stringify(tenantId)} differs from the message's ${JSON.stringify(envelope.tenantId)}`,
    );
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, job: parsed.data, tenantId };
}
