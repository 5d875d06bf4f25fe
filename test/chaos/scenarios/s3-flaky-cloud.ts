import { retryCounts } from '../core/job-outcomes.js';
import { createPrng } from '../core/prng.js';
import { statusOf, type CheckResult } from '../core/scenario-result.js';
import { sleep } from '../harness/http-probe.js';
import type { Scenario } from '../harness/run-context.js';
import { runTimed } from '../harness/run-scenario.js';
import { withScenarioEnv, type ScenarioEnv } from '../harness/scenario-env.js';
import { prepareLoad, submitAll } from '../harness/standard-load.js';
import { failureReasons, finalState, commonChecks, succeededCheck, waitAllTerminal } from '../harness/workload.js';

/**
 * 3. Flaky cloud: the simulator answers 5% of calls with 500 and 5% with 413 + Retry-After, keeps CLBs
 * immutable for a while after each change, and tokens are revoked at a rate of 1% of cloud calls (a random
 * tenant's tokens each time). Every group converges and every job ends well; retries are reported.
 */
function totalRequests(requests: Readonly<Record<string, number>>): number {
  return Object.values(requests).reduce((sum, n) => sum + n, 0);
}

/** Revokes a random tenant's tokens for every `1 / rate` cloud calls, until `stop()` says so. */
async function expireTokensWhile(env: ScenarioEnv, rate: number, stop: () => boolean, seed: string): Promise<number> {
  const prng = createPrng(seed);
  let expiries = 0;
  // The first revocation comes after a tenth of the interval, so even a short run sees one.
  let credit = 0.9;
  let seen = totalRequests((await env.stack.client.counters()).requests);
  while (!stop()) {
    await sleep(250);
    const now = totalRequests((await env.stack.client.counters()).requests);
    credit += (now - seen) * rate;
    seen = now;
    while (credit >= 1) {
      credit -= 1;
      await env.stack.client.expireTokens(prng.pick(env.tenants).tenantId);
      expiries += 1;
    }
  }
  return expiries;
}

export const flakyCloudScenario: Scenario = {
  id: '3',
  name: '3 flaky cloud',
  run: (ctx) =>
    runTimed('3 flaky cloud', () =>
      withScenarioEnv(
        ctx,
        { key: 's3', tenants: ctx.sizes.flaky.groups, simEnv: { SIM_CLB_IMMUTABLE_MS: '1000' } },
        async (env) => {
          const sizes = ctx.sizes.flaky;
          const load = await prepareLoad(
            env,
            { launchJobs: sizes.launchJobs, convergeJobs: sizes.groups, convergeCapacity: sizes.capacity },
            `c3-${ctx.runId}`,
          );
          const baseline = await env.baseline();
          await env.stack.client.resetCounters();
          await env.stack.client.addFault({ status: 500, probability: sizes.fault500 });
          await env.stack.client.addFault({ status: 413, retryAfterSeconds: 1, probability: sizes.fault413 });
          let finished = false;
          const expiring = expireTokensWhile(env, sizes.tokenExpiry, () => finished, `${ctx.seed}:tokens:3`);
          let allEnded = false;
          try {
            await submitAll(env, load.jobs);
            allEnded = await waitAllTerminal(env, sizes.timeoutMs);
          } finally {
            finished = true;
          }
          const expiries = await expiring;
          await env.stack.client.clearFaults();
          const counters = await env.stack.client.counters();
          const final = await finalState(env, load.groups, baseline);
          const types = new Map(env.submitted.map((job) => [job.jobId, job.type]));
          const retries = retryCounts(env.recorder.events, (jobId) => types.get(jobId));
          const checks: CheckResult[] = [
            {
              name: 'all jobs ended before the timeout',
              ok: allEnded,
              detail: `${final.terminal}/${env.submitted.length}`,
            },
            succeededCheck(final.records),
            {
              name: 'faults were injected',
              ok: counters.faultsInjected > 0,
              detail: `${counters.faultsInjected} of ${totalRequests(counters.requests)} calls`,
            },
            ...commonChecks(env),
          ];
          return {
            status: statusOf(final.violations, checks),
            load: { submitted: env.submitted.length, terminal: final.terminal },
            faults: {
              survived: counters.faultsInjected + expiries,
              detail: `${counters.faultsInjected} injected HTTP faults (${JSON.stringify(counters.faultsByRule)}), ${expiries} token revocations, ${counters.unauthorized} 401s answered`,
            },
            badInputs: 0,
            violations: final.violations,
            checks,
            notes: [...load.notes, `retrying events by job type: ${JSON.stringify(retries)}`, ...failureReasons(env)],
          };
        },
      ),
    ),
};
