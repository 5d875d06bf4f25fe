import { readFileSync } from 'node:fs';
import { QUEUES } from '../../../shared/messages/routing.js';
import { summariseDeadLetters } from '../core/dlq-report.js';
import type { HostilePlan } from '../core/hostile-input.js';
import { launchServerJob } from '../core/job-builders.js';
import { nonJsonLines } from '../core/prometheus-text.js';
import { queueProfiles } from '../core/queue-profiles.js';
import { statusOf, type CheckResult } from '../core/scenario-result.js';
import { drainDeadLetters, feedHostile } from '../harness/hostile-feed.js';
import { waitFor } from '../harness/http-probe.js';
import { SERVICE_NAMES } from '../harness/kelp-stack.js';
import { MemorySampler } from '../harness/metrics-sampler.js';
import type { Scenario } from '../harness/run-context.js';
import { runTimed } from '../harness/run-scenario.js';
import { FLAVOR, IMAGE, withScenarioEnv } from '../harness/scenario-env.js';
import {
  failureReasons,
  finalState,
  loadBalancersFor,
  commonChecks,
  succeededCheck,
  waitAllTerminal,
} from '../harness/workload.js';

/**
 * 4. Hostile input: N messages onto each service's queues (invalid JSON, wrong schema, wrong types, 10 MB
 * bodies, unknown types, `__proto__`/`constructor` keys, huge arrays, bad numbers, control characters),
 * interleaved with valid jobs and requests. Every bad message is dead-lettered with a reason, every valid
 * job completes, no service restarts, memory stays bounded, every log line stays one JSON object.
 */
export const MEMORY_LIMIT_BYTES = 400 * 1024 * 1024;
const WORK_QUEUES: readonly string[] = Object.values(QUEUES);

export const hostileInputScenario: Scenario = {
  id: '4',
  name: '4 hostile input',
  run: (ctx) =>
    runTimed('4 hostile input', () =>
      withScenarioEnv(ctx, { key: 's4', tenants: 1 }, async (env) => {
        const sizes = ctx.sizes.hostile;
        const tenantId = env.tenants[0]?.tenantId ?? '';
        const lbs = await loadBalancersFor(env, tenantId);
        const clb = lbs.find((lb) => lb.type === 'CloudLoadBalancer');
        const pool = lbs.find((lb) => lb.type === 'RackConnectV3');
        const refs = {
          tenantId,
          groupId: 'g-hostile',
          imageRef: IMAGE,
          flavorRef: FLAVOR,
          clbId: String(clb?.loadBalancerId ?? '1'),
          poolId: String(pool?.loadBalancerId ?? 'no-pool'),
        };
        // A CLB takes at most 25 nodes: spread the valid launch jobs over enough CLBs (20 jobs each at most).
        const extraLbSets = await Promise.all(
          Array.from({ length: Math.ceil(sizes.validJobs / 20) - 1 }, () => loadBalancersFor(env, tenantId)),
        );
        const lbSets = [lbs, ...extraLbSets];
        const baseline = await env.baseline();
        const plan: HostilePlan = {
          seed: `${ctx.seed}-${ctx.runId}`,
          count: sizes.perQueue,
          oversizeCount: sizes.oversizePerQueue,
          oversizeBytes: sizes.oversizeBytes,
          createdAt: new Date().toISOString(),
        };
        const sampler = new MemorySampler(new Map(SERVICE_NAMES.map((name) => [name, env.stack.healthUrl(name)])));
        sampler.start();
        const validEvery = Math.max(1, Math.floor(sizes.perQueue / sizes.validJobs));
        const started = Date.now();
        const fed = await feedHostile(env, queueProfiles(refs), plan, validEvery, (queue, n) => {
          if (queue === 'kelp.supervisor.jobs') {
            return {
              job: launchServerJob(`c4-${ctx.runId}-valid-${n}`, tenantId, 'g-valid', {
                imageRef: IMAGE,
                flavorRef: FLAVOR,
                loadBalancers: lbSets[n % lbSets.length] ?? lbs,
              }),
            };
          }
          if (queue === 'kelp.lb.steps')
            return { type: 'lb.read', payload: { read: { kind: 'clb-nodes', lbId: refs.clbId } } };
          if (queue === 'kelp.auth.rpc') return { type: 'get-token', payload: { tenantId } };
          return null;
        });
        ctx.log(
          `  published ${fed.hostile.size} hostile + ${fed.valid.size} valid messages in ${Date.now() - started} ms`,
        );
        const expected = fed.hostile.size;
        const settled = await waitFor(
          'work queues drained and DLQs filled',
          async () => {
            const depths = await Promise.all(WORK_QUEUES.map((queue) => env.tools.depth(env.tools.queueOf(queue))));
            const dead = await Promise.all(WORK_QUEUES.map((queue) => env.tools.depth(env.tools.dlqOf(queue))));
            const deadTotal = dead.reduce((sum, n) => sum + n, 0);
            return depths.every((depth) => depth === 0) && deadTotal >= expected ? true : undefined;
          },
          sizes.timeoutMs,
          1_000,
        ).catch(() => false);
        const allEnded = await waitAllTerminal(env, Math.min(60_000, sizes.timeoutMs));
        await sampler.stop();
        const letters = await drainDeadLetters(env, WORK_QUEUES, expected * 2 + 1_000);
        const report = summariseDeadLetters(fed.hostile, letters, fed.valid);
        const final = await finalState(env, [], baseline);
        const brokenLogLines = SERVICE_NAMES.flatMap((name) => {
          const service = env.stack.services.get(name);
          return service === undefined
            ? []
            : nonJsonLines(readFileSync(service.process.stdoutPath, 'utf8')).map((bad) => `${name}:${bad.line}`);
        });
        const overLimit = [...sampler.peak].filter(([, bytes]) => bytes > MEMORY_LIMIT_BYTES).map(([name]) => name);
        const missingByVariant = new Map<string, number>();
        for (const m of report.missing)
          missingByVariant.set(
            `${m.queue} ${m.category}/${m.variant}`,
            (missingByVariant.get(`${m.queue} ${m.category}/${m.variant}`) ?? 0) + 1,
          );
        const checks: CheckResult[] = [
          {
            name: 'queues drained and DLQs filled before the timeout',
            ok: settled,
            detail: `${report.deadLettered}/${expected} hostile messages dead-lettered`,
          },
          {
            name: 'every bad message dead-lettered',
            ok: report.missing.length === 0,
            detail:
              report.missing.length === 0
                ? `${expected}/${expected}`
                : `missing ${report.missing.length}: ${JSON.stringify(Object.fromEntries([...missingByVariant].slice(0, 10)))}`,
          },
          {
            name: 'every dead-lettered message has a reason',
            ok: report.withoutReason.length === 0,
            detail: `${report.withoutReason.length} without`,
          },
          {
            name: 'no handler failed on bad input (nothing dead-lettered by the broker for a delivery limit)',
            ok: Object.keys(report.brokerDeadLettered).length === 0,
            detail: JSON.stringify(report.brokerDeadLettered),
          },
          {
            name: 'no valid message dead-lettered',
            ok: report.validDeadLettered.length === 0,
            detail: `${report.validDeadLettered.length} of ${fed.valid.size}`,
          },
          { name: 'valid jobs ended', ok: allEnded, detail: `${final.terminal}/${env.submitted.length}` },
          succeededCheck(final.records),
          ...commonChecks(env),
          {
            name: `memory bounded (peak RSS <= ${MEMORY_LIMIT_BYTES / 1024 / 1024} MB)`,
            ok: overLimit.length === 0,
            detail: sampler.describe(),
          },
          {
            name: 'every service log line is one JSON object',
            ok: brokenLogLines.length === 0,
            detail: brokenLogLines.length === 0 ? 'yes' : brokenLogLines.slice(0, 5).join(', '),
          },
        ];
        return {
          status: statusOf(final.violations, checks),
          load: { submitted: env.submitted.length, terminal: final.terminal },
          faults: { survived: 0, detail: '' },
          badInputs: expected,
          violations: final.violations,
          checks,
          notes: [
            `per queue (sent / dead-lettered by Kelp / by the broker's delivery limit / missing): ${Object.entries(
              report.byQueue,
            )
              .map(([queue, n]) => `${queue} ${n.sent}/${n.kelp}/${n.broker}/${n.missing}`)
              .join(', ')}`,
            `reasons by category: ${JSON.stringify(report.reasonsByCategory)}`,
            `duplicate DLQ copies: ${report.duplicates}, unmatched DLQ messages: ${report.unmatched}`,
            ...failureReasons(env),
          ],
        };
      }),
    ),
};
