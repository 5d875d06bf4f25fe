import { GROUP_ID_METADATA_KEY, JOB_ID_METADATA_KEY } from '../../../services/supervisor/src/core/server-identity.js';
import { checkInvariants, type Violation } from '../core/invariants.js';
import type { Baseline, GroupDesired, JobRecord } from '../core/invariant-input.js';
import type { LbRef } from '../core/job-builders.js';
import { jobRecordsFrom, terminalCount } from '../core/job-outcomes.js';
import type { CheckResult } from '../core/scenario-result.js';
import type { ScenarioEnv } from './scenario-env.js';

/** A CLB (in ORD) and the tenant's default RCv3 pool in ORD, as launch-config load balancers. */
export async function loadBalancersFor(env: ScenarioEnv, tenantId: string, clbPort = 80): Promise<LbRef[]> {
  const lb = await env.stack.client.seedLoadBalancer({ tenantId, region: 'ORD', name: `chaos-${tenantId}` });
  const pools = (await env.stack.client.inventory({ tenantId, region: 'ORD' })).pools;
  const pool = pools[0];
  const refs: LbRef[] = [{ type: 'CloudLoadBalancer', loadBalancerId: Number(lb['id']), port: clbPort }];
  if (pool !== undefined) refs.push({ type: 'RackConnectV3', loadBalancerId: String(pool['id']) });
  return refs;
}

/** Waits until every submitted job has a terminal event; false on timeout. */
export function waitAllTerminal(env: ScenarioEnv, timeoutMs: number): Promise<boolean> {
  const done = (): boolean => terminalCount(jobRecordsFrom(env.submitted, env.recorder.events)) >= env.submitted.length;
  return env.recorder.until(done, timeoutMs);
}

export interface FinalState {
  readonly records: JobRecord[];
  readonly violations: readonly Violation[];
  readonly terminal: number;
}

/**
 * Job records from the recorded events, and the invariants over the simulator's inventory, with the
 * supervisor's own metadata keys (services/supervisor/src/core/server-identity.ts).
 */
export async function finalState(
  env: ScenarioEnv,
  groups: readonly GroupDesired[],
  baseline: Baseline,
): Promise<FinalState> {
  const records = jobRecordsFrom(env.submitted, env.recorder.events);
  const violations = checkInvariants({
    inventory: await env.inventory(),
    jobs: records,
    groups,
    baseline,
    keys: { jobId: JOB_ID_METADATA_KEY, groupId: GROUP_ID_METADATA_KEY },
  });
  return { records, violations, terminal: terminalCount(records) };
}

/** Every job ended and ended well (a job that never ended does not count as succeeded). */
export function succeededCheck(records: readonly JobRecord[]): CheckResult {
  const succeeded = records.filter((record) => record.outcomes.at(-1) === 'succeeded').length;
  const failed = records.filter((record) => record.outcomes.length > 0 && record.outcomes.at(-1) !== 'succeeded');
  return {
    name: 'every job succeeded',
    ok: succeeded === records.length,
    detail: `${succeeded}/${records.length}${
      failed.length === 0
        ? ''
        : `; failed: ${failed
            .slice(0, 5)
            .map((r) => r.jobId)
            .join(', ')}`
    }`,
  };
}

/** First failure reasons of failed jobs (from the recorded `failed` events), for notes. */
export function failureReasons(env: ScenarioEnv, limit = 5): string[] {
  return env.recorder.events
    .filter((event) => event.event === 'failed' && env.submitted.some((job) => job.jobId === event.jobId))
    .slice(0, limit)
    .map((event) => `${event.jobId} failed: ${JSON.stringify(event.payload['reasons'] ?? []).slice(0, 300)}`);
}

/** No process exited without the harness asking it to. */
export function noCrashCheck(env: ScenarioEnv): CheckResult {
  const crashes = env.stack
    .processes()
    .flatMap((p) =>
      p.crashes.map(
        (exit) => `${p.spec.name}#${exit.incarnation} code=${exit.code} signal=${exit.signal} at ${exit.at}`,
      ),
    );
  return {
    name: 'no unexpected process exit',
    ok: crashes.length === 0,
    detail: crashes.length === 0 ? 'none' : crashes.join(', '),
  };
}

/** Every job event the run saw matched the event schema. */
export function eventsValidCheck(env: ScenarioEnv): CheckResult {
  const invalid = env.recorder.events.filter((event) => !event.valid);
  return {
    name: 'every job event matches the event schema',
    ok: invalid.length === 0 && env.recorder.unparsable === 0,
    detail: `${env.recorder.events.length - invalid.length}/${env.recorder.events.length + env.recorder.unparsable}${invalid.length === 0 ? '' : `; first invalid: ${invalid[0]?.routingKey ?? ''}`}`,
  };
}

/** Checks every scenario makes: no unexpected exit, well-formed events. */
export function commonChecks(env: ScenarioEnv): CheckResult[] {
  return [noCrashCheck(env), eventsValidCheck(env)];
}
