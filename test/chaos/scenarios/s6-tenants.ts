import { launchServerJob, type BuiltJob } from '../core/job-builders.js';
import { statusOf, type CheckResult } from '../core/scenario-result.js';
import type { Scenario } from '../harness/run-context.js';
import { runTimed } from '../harness/run-scenario.js';
import { FLAVOR, IMAGE, withScenarioEnv } from '../harness/scenario-env.js';
import { submitAll } from '../harness/standard-load.js';
import {
  failureReasons,
  finalState,
  loadBalancersFor,
  commonChecks,
  succeededCheck,
  waitAllTerminal,
} from '../harness/workload.js';

/**
 * 6. Tenants: concurrent jobs for many tenants, each into its own CLB and RCv3 pool; the simulator checks
 * that every call carries a token of the tenant in its URL: zero mismatches (and zero requests refused for
 * an unknown token of another tenant).
 */
export const tenantsScenario: Scenario = {
  id: '6',
  name: '6 tenants',
  run: (ctx) =>
    runTimed('6 tenants', () =>
      withScenarioEnv(ctx, { key: 's6', tenants: ctx.sizes.tenants.tenants }, async (env) => {
        const sizes = ctx.sizes.tenants;
        const jobs: BuiltJob[] = [];
        for (const tenant of env.tenants) {
          const loadBalancers = await loadBalancersFor(env, tenant.tenantId);
          for (let n = 0; n < sizes.jobsPerTenant; n += 1) {
            jobs.push(
              launchServerJob(`c6-${ctx.runId}-${tenant.tenantId}-${n}`, tenant.tenantId, `g-${tenant.tenantId}`, {
                imageRef: IMAGE,
                flavorRef: FLAVOR,
                loadBalancers,
              }),
            );
          }
        }
        const baseline = await env.baseline();
        await env.stack.client.resetCounters();
        // Interleave tenants so their jobs really run at the same time.
        const interleaved = [...jobs].sort(
          (a, b) => Number(a.submitted.jobId.split('-').at(-1)) - Number(b.submitted.jobId.split('-').at(-1)),
        );
        await submitAll(env, interleaved, 50);
        const allEnded = await waitAllTerminal(env, sizes.timeoutMs);
        const counters = await env.stack.client.counters();
        const final = await finalState(env, [], baseline);
        const calls = Object.values(counters.requests).reduce((sum, n) => sum + n, 0);
        const checks: CheckResult[] = [
          { name: 'all jobs ended', ok: allEnded, detail: `${final.terminal}/${env.submitted.length}` },
          succeededCheck(final.records),
          {
            name: 'zero token-tenant mismatches',
            ok: counters.tokenTenantMismatches === 0,
            detail: `${counters.tokenTenantMismatches} in ${calls} calls${counters.mismatches.length === 0 ? '' : `: ${JSON.stringify(counters.mismatches.slice(0, 3))}`}`,
          },
          ...commonChecks(env),
        ];
        return {
          status: statusOf(final.violations, checks),
          load: { submitted: env.submitted.length, terminal: final.terminal },
          faults: { survived: 0, detail: '' },
          badInputs: 0,
          violations: final.violations,
          checks,
          notes: [
            `${env.tenants.length} tenants, ${calls} cloud calls, ${counters.unauthorized} answered 401`,
            ...failureReasons(env),
          ],
        };
      }),
    ),
};
