import { planKills } from '../core/kill-plan.js';
import { createPrng } from '../core/prng.js';
import { statusOf, type CheckResult } from '../core/scenario-result.js';
import { sleep } from '../harness/http-probe.js';
import { MissingPrerequisite, SERVICE_NAMES } from '../harness/kelp-stack.js';
import * as rabbitmqctl from '../harness/rabbitmqctl.js';
import type { RunContext, Scenario } from '../harness/run-context.js';
import { runTimed } from '../harness/run-scenario.js';
import { withScenarioEnv, type ScenarioEnv } from '../harness/scenario-env.js';
import { prepareLoad, submitAll } from '../harness/standard-load.js';
import { failureReasons, finalState, commonChecks, succeededCheck, waitAllTerminal } from '../harness/workload.js';

/**
 * 2. Broker: the same load; in the middle of it the broker goes away — every connection of the scenario's
 * vhost is closed (twice), or with `--broker-outage stop-app` the whole node is stopped and started (this
 * disconnects everyone on the machine). Every job the broker confirmed must be processed to its end.
 */
async function outage(ctx: RunContext, env: ScenarioEnv): Promise<string> {
  if (ctx.brokerOutage === 'stop-app') {
    await rabbitmqctl.stopApp();
    await sleep(3_000);
    await rabbitmqctl.startApp();
    return 'stop_app/start_app';
  }
  await env.access.dropConnections('chaos: broker outage');
  return 'all vhost connections closed';
}

export const brokerScenario: Scenario = {
  id: '2',
  name: '2 broker',
  run: (ctx) =>
    runTimed('2 broker', async () => {
      if (!ctx.useCtl) throw new MissingPrerequisite('needs rabbitmqctl to take the broker away');
      return withScenarioEnv(ctx, { key: 's2', tenants: 3 }, async (env) => {
        const sizes = ctx.sizes.broker;
        const load = await prepareLoad(env, sizes, `c2-${ctx.runId}`);
        const baseline = await env.baseline();
        await submitAll(env, load.jobs);
        const started = Date.now();
        const outages = planKills(
          createPrng(`${ctx.seed}:outages:2`),
          ctx.brokerOutage === 'stop-app' ? ['broker'] : ['broker', 'broker-again'],
          { minMs: 200, maxMs: Math.max(1_000, ctx.sizes.buildTimeMs * 2), gapMs: 3_000 },
        );
        const done: string[] = [];
        const readiness: string[] = [];
        let notReady = 0;
        for (const planned of outages) {
          const wait = started + planned.atMs - Date.now();
          if (wait > 0) await sleep(wait);
          ctx.log(`  broker outage at +${Date.now() - started} ms`);
          const outageStarted = Date.now();
          done.push(await outage(ctx, env));
          const ready = await Promise.allSettled(SERVICE_NAMES.map((name) => env.stack.waitReady(name)));
          const failed = ready.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
          readiness.push(failed.length === 0 ? `ready after ${Date.now() - outageStarted} ms` : failed.join('; '));
          if (failed.length > 0) notReady += 1;
        }
        await env.reopenTools();
        const allEnded = await waitAllTerminal(env, sizes.timeoutMs);
        const final = await finalState(env, load.groups, baseline);
        const checks: CheckResult[] = [
          { name: 'services ready again after every outage', ok: notReady === 0, detail: readiness.join(', ') },
          {
            name: 'every confirmed job processed to its end',
            ok: allEnded,
            detail: `${final.terminal}/${env.submitted.length} (recorder reconnects: ${env.recorder.reconnects})`,
          },
          succeededCheck(final.records),
          ...commonChecks(env),
        ];
        return {
          status: statusOf(final.violations, checks),
          load: { submitted: env.submitted.length, terminal: final.terminal },
          faults: { survived: done.length, detail: done.join(', ') },
          badInputs: 0,
          violations: final.violations,
          checks,
          notes: [...load.notes, ...failureReasons(env)],
        };
      });
    }),
};
