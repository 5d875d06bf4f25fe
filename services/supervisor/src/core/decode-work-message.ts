import type { Envelope } from '../../../../shared/messages/envelope.js';
import {
  LB_MESSAGE_TYPES,
  LbReadResultPayloadSchema,
  LbStepResultPayloadSchema,
} from '../../../../shared/messages/lb-messages.js';
import { describeProblems } from './describe-problems.js';
import type { JobInput } from './job-machine.js';
import { JobEchoSchema, PROGRESS_MESSAGE_TYPE, ProgressPayloadSchema } from './progress-message.js';

export type WorkMessage =
  | {
      readonly ok: true;
      readonly jobType: string;
      readonly jobId: string;
      readonly tenantId: string;
      readonly seq: number;
      readonly state: unknown;
      readonly input: JobInput;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a message of the supervisor's work queue (pure): a progression message, or the load-balancer
 * service's reply to an LB step or read carrying the job in its echo. The job's state is validated later,
 * by its definition.
 */
export function decodeWorkMessage(envelope: Envelope): WorkMessage {
  switch (envelope.type) {
    case PROGRESS_MESSAGE_TYPE: {
      const parsed = ProgressPayloadSchema.safeParse(envelope.payload);
      if (!parsed.success) return invalid('progress message', parsed.error.issues);
      const { jobType, seq, state, input } = parsed.data;
      return {
        ok: true,
        jobType,
        jobId: envelope.jobId,
        tenantId: envelope.tenantId,
        seq,
        state,
        input: { kind: input },
      };
    }
    case LB_MESSAGE_TYPES.stepResult: {
      const parsed = LbStepResultPayloadSchema.safeParse(envelope.payload);
      if (!parsed.success) return invalid('LB step result', parsed.error.issues);
      return withEcho(parsed.data.echo, { kind: 'lb-step-result', result: parsed.data.result });
    }
    case LB_MESSAGE_TYPES.readResult: {
      const parsed = LbReadResultPayloadSchema.safeParse(envelope.payload);
      if (!parsed.success) return invalid('LB read result', parsed.error.issues);
      const { echo, ...result } = parsed.data;
      return withEcho(echo, { kind: 'lb-read-result', result });
    }
    default:
      return {
        ok: false,
        reason: `unexpected message type ${JSON.stringify(envelope.type.slice(0, 100))} on the supervisor work queue`,
      };
  }
}

function withEcho(echo: unknown, input: JobInput): WorkMessage {
  const parsed = JobEchoSchema.safeParse(echo);
  if (!parsed.success) return invalid('echo', parsed.error.issues);
  const { jobType, jobId, tenantId, seq, state } = parsed.data;
  return { ok: true, jobType, jobId, tenantId, seq, state, input };
}

function invalid(what: string, issues: Parameters<typeof describeProblems>[0]): WorkMessage {
  return { ok: false, reason: `invalid ${what}: ${describeProblems(issues).join('; ')}`.slice(0, 1000) };
}
