import { z } from 'zod';
import { eventRoutingKey } from './routing.js';

/**
 * Job progress, published on EXCHANGES.events with routing key `job.<jobId>.<event>`; the envelope's
 * `type` is `EVENT_MESSAGE_TYPE`, its `jobId` the job's and `createdAt` when it happened.
 */
export const EVENT_MESSAGE_TYPE = 'job.event';

export const JOB_EVENTS = ['accepted', 'step-started', 'step-finished', 'retrying', 'succeeded', 'failed'] as const;
export type JobEventName = (typeof JOB_EVENTS)[number];

/** Events that end a job: exactly one of them is the job's last event. */
export const TERMINAL_JOB_EVENTS: readonly JobEventName[] = ['succeeded', 'failed'];

const jobType = z.string().min(1).max(100);
const step = z.string().min(1).max(100);
const text = z.string().max(4000);

export const JobEventPayloadSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('accepted'), jobType }).strict(),
  z.object({ event: z.literal('step-started'), jobType, step, detail: text.optional() }).strict(),
  z.object({ event: z.literal('step-finished'), jobType, step, detail: text.optional() }).strict(),
  z
    .object({
      event: z.literal('retrying'),
      jobType,
      step,
      reason: text,
      attempt: z.number().int().min(1),
      delayMs: z.number().int().min(0),
    })
    .strict(),
  z.object({ event: z.literal('succeeded'), jobType, result: z.record(z.string(), z.json()) }).strict(),
  z
    .object({
      event: z.literal('failed'),
      jobType,
      /** User-facing reasons, at least one. A job that failed validation lists every problem. */
      reasons: z.array(text).min(1),
      /** What the job left behind or learnt before failing (e.g. a server kept because an LB refused). */
      result: z.record(z.string(), z.json()).optional(),
    })
    .strict(),
]);
export type JobEventPayload = z.infer<typeof JobEventPayloadSchema>;

/** The routing key of an event. */
export function jobEventRoutingKey(jobId: string, payload: JobEventPayload): string {
  return eventRoutingKey(jobId, payload.event);
}

/** The pattern that follows every event of one job. */
export function jobEventPattern(jobId: string): string {
  return `job.${jobId}.#`;
}

export function isTerminalJobEvent(
  payload: JobEventPayload,
): payload is Extract<JobEventPayload, { event: 'succeeded' | 'failed' }> {
  return payload.event === 'succeeded' || payload.event === 'failed';
}

/** A job's result as events carry it: a JSON object. */
export type JobResultJson = Extract<JobEventPayload, { event: 'succeeded' }>['result'];

/** A plain data object (no undefined, no class instances) as a JobResultJson. */
export function toJobResultJson(value: object): JobResultJson {
  return JSON.parse(JSON.stringify(value)) as JobResultJson;
}
