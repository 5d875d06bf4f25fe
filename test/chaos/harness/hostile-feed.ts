import { randomUUID } from 'node:crypto';
import { deadLetterReasonOf } from '../../../shared/amqp/message-properties.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import type { DeadLetter, SentHostile } from '../core/dlq-report.js';
import { hostileInputs, type HostilePlan, type HostileProfile } from '../core/hostile-input.js';
import type { BuiltJob } from '../core/job-builders.js';
import type { ScenarioEnv } from './scenario-env.js';

/**
 * Publishes every hostile input of every queue (confirmed, a bounded number in flight), interleaved with
 * valid messages, and reads the DLQs back. Hostile messages carry `x-chaos-id`, valid ones
 * `x-chaos-valid`, so each dead-lettered copy can be matched to what was sent.
 */
export const CHAOS_ID_HEADER = 'x-chaos-id';
export const CHAOS_VALID_HEADER = 'x-chaos-valid';

export interface FeedResult {
  readonly hostile: ReadonlyMap<string, SentHostile>;
  readonly valid: ReadonlySet<string>;
}

export interface ValidMaker {
  /** A valid job (supervisor queue) to submit, or a valid non-job message for the other queues. */
  (queue: string, n: number): { readonly job: BuiltJob } | { readonly type: string; readonly payload: unknown } | null;
}

async function pool(
  limit: number,
  tasks: AsyncIterable<() => Promise<void>> | Iterable<() => Promise<void>>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const task of tasks) {
    const promise: Promise<void> = task().finally(() => running.delete(promise));
    running.add(promise);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}

export async function feedHostile(
  env: ScenarioEnv,
  profiles: readonly HostileProfile[],
  plan: HostilePlan,
  validEvery: number,
  makeValid: ValidMaker,
): Promise<FeedResult> {
  const hostile = new Map<string, SentHostile>();
  const valid = new Set<string>();
  const tenantId = profiles[0]?.tenantId ?? '';
  function* tasks(profile: HostileProfile): Generator<() => Promise<void>> {
    let n = 0;
    for (const input of hostileInputs(profile, plan)) {
      hostile.set(input.id, { queue: profile.queue, category: input.category, variant: input.variant });
      yield () => env.tools.publishRaw(profile.queue, input.body, { headers: { [CHAOS_ID_HEADER]: input.id } });
      if ((input.index + 1) % validEvery !== 0) continue;
      const made = makeValid(profile.queue, n);
      n += 1;
      if (made === null) continue;
      if ('job' in made) {
        valid.add(made.job.submitted.jobId);
        yield () => env.submit(made.job);
      } else {
        const envelope = buildEnvelope(
          { type: made.type, tenantId, jobId: `valid-${randomUUID()}`, payload: made.payload },
          randomUUID(),
          new Date(),
        );
        valid.add(envelope.id);
        yield () =>
          env.tools.publishRaw(profile.queue, Buffer.from(JSON.stringify(envelope)), {
            headers: { [CHAOS_VALID_HEADER]: envelope.id },
            messageId: envelope.id,
          });
      }
    }
  }
  await Promise.all(profiles.map((profile) => pool(50, tasks(profile))));
  return { hostile, valid };
}

/** Empties the DLQs of the given logical queues (at most `max` messages each). */
export async function drainDeadLetters(
  env: ScenarioEnv,
  queues: readonly string[],
  max: number,
): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  const text = (value: unknown): string | null =>
    typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
  for (const queue of queues) {
    const dlq = env.tools.dlqOf(queue);
    await env.tools.drain(dlq, max, (message) => {
      letters.push({
        dlq: queue,
        chaosId: text(message.headers[CHAOS_ID_HEADER]),
        validId: text(message.headers[CHAOS_VALID_HEADER]),
        reason: deadLetterReasonOf(message.headers),
        bytes: message.body.byteLength,
      });
    });
  }
  return letters;
}
