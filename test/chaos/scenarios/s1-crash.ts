import { planKills } from '../core/kill-plan.js';
import { createPrng } from '../core/prng.js';
import { statusOf, type CheckResult } from '../core/scenario-result.js';
import { sleep } from '../harness/http-probe.js';
import { SERVICE_NAMES, type ServiceName } from '../harness/kelp-stack.js';
import type { Scenario } from '../harness/run-context.js';
import { runTimed } from '../harness/run-scenario.js';
import { withScenarioEnv } from '../harness/scenario-env.js';
import { prepareLoad, submitAll } from '../harness/standard-load.js';
import { failureReasons, finalState, commonChecks, succeededCheck, waitAllTerminal } from '../harness/workload.js';

/**
 * 1. Crash: launch-server and converge jobs in flight; SIGKILL the supervisor, the load-balancer service and
 * the auth service, each at least once at a random moment, and restart each. Every job must end, succeed,
 * and leave no duplicate or orphan behind.
 */
export const crashScenario: Scenario = {
  id: '1',
  name: '1 crash',
  run: (ctx) =>
    runTimed('1 crash', () =>
      withScenarioEnv(ctx, { key: 's1', tenants: 3 }, async (env) => {
        const sizes = ctx.sizes.crash;
        const load = await prepareLoad(env, sizes, `c1-${ctx.runId}`);
        const baseline = await env.baseline();
        const kills = planKills(createPrng(`${ctx.seed}:kills:1`), SERVICE_NAMES, {
          minMs: 300,
          maxMs: Math.max(1_000, ctx.sizes.buildTimeMs * 3),
          gapMs: 500,
        });
        const started = Date.now();
        const killed: ServiceName[] = [];
        const killing = (async () => {
          for (const kill of kills) {
            const wait = started + kill.atMs - Date.now();
            if (wait > 0) await sleep(wait);
            ctx.log(`  SIGKILL ${kill.target} at +${Date.now() - started} ms`);
            await env.stack.killAndRestart(kill.target);
            killed.push(kill.target);
          }
        })();
        await submitAll(env, load.jobs);
        await killing;
        const allEnded = await waitAllTerminal(env, sizes.timeoutMs);
        const final = await finalState(env, load.groups, baseline);
        const checks: CheckResult[] = [
          {
            name: 'each service SIGKILLed and restarted',
            ok: SERVICE_NAMES.every((name) => killed.includes(name)),
            detail: kills.map((kill) => `${kill.target}@${kill.atMs}ms`).join(', '),
          },
          {
            name: 'all jobs ended before the timeout',
            ok: allEnded,
            detail: `${final.terminal}/${env.submitted.length}`,
          },
          succeededCheck(final.records),
          ...commonChecks(env),
        ];
        return {
          status: statusOf(final.violations, checks),
          load: { submitted: env.submitted.length, terminal: final.terminal },
          faults: { survived: killed.length, detail: `SIGKILL + restart: ${killed.join(', ')}` },
          badInputs: 0,
          violations: final.violations,
          checks,
          notes: [...load.notes, ...failureReasons(env)],
        };
      }),
    ),
};
