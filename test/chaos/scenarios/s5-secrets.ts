import { deleteServerJob, launchServerJob } from '../core/job-builders.js';
import { describeHit } from '../core/secret-scan.js';
import { statusOf, type CheckResult } from '../core/scenario-result.js';
import type { Scenario } from '../harness/run-context.js';
import { runTimed } from '../harness/run-scenario.js';
import { FLAVOR, IMAGE, withScenarioEnv } from '../harness/scenario-env.js';
import { captureHealthBodies, currentTokens, scanFiles, SIM_TOKEN_PATTERN } from '../harness/secrets-probe.js';
import {
  failureReasons,
  finalState,
  loadBalancersFor,
  commonChecks,
  succeededCheck,
  waitAllTerminal,
} from '../harness/workload.js';

/**
 * 5. Secrets: a run at debug level (launch jobs, then deletes of some of the servers they made); every
 * service log, every job event, every /metrics, /readyz and /healthz body is searched for the actual token,
 * password and API-key values of the run, and for anything shaped like a simulator token: zero hits.
 * A canary scan of the credentials file proves the scanner finds the values when they are there.
 */
export const secretsScenario: Scenario = {
  id: '5',
  name: '5 secrets',
  run: (ctx) =>
    runTimed('5 secrets', () =>
      withScenarioEnv(ctx, { key: 's5', tenants: 4, logLevel: 'debug' }, async (env) => {
        const sizes = ctx.sizes.secrets;
        const baseline = await env.baseline();
        const specs = new Map<string, Awaited<ReturnType<typeof loadBalancersFor>>>();
        for (const tenant of env.tenants) specs.set(tenant.tenantId, await loadBalancersFor(env, tenant.tenantId));
        const launches = Array.from({ length: sizes.launchJobs }, (_, index) => {
          const tenantId = env.tenants[index % env.tenants.length]?.tenantId ?? '';
          return launchServerJob(`c5-${ctx.runId}-launch-${index}`, tenantId, `g-${tenantId}`, {
            imageRef: IMAGE,
            flavorRef: FLAVOR,
            loadBalancers: specs.get(tenantId) ?? [],
          });
        });
        await Promise.all(launches.map((job) => env.submit(job)));
        const httpFiles = await captureHealthBodies(env, 'mid');
        let allEnded = await waitAllTerminal(env, sizes.timeoutMs);
        const launched = env.recorder.events.filter((event) => event.event === 'succeeded');
        const deletes = launched.slice(0, sizes.deleteJobs).flatMap((event, index) => {
          const job = env.submitted.find((candidate) => candidate.jobId === event.jobId);
          const serverId = (event.payload['result'] as { serverId?: unknown } | undefined)?.serverId;
          return job === undefined || typeof serverId !== 'string'
            ? []
            : [deleteServerJob(`c5-${ctx.runId}-delete-${index}`, job.tenantId, job.groupId, serverId)];
        });
        await Promise.all(deletes.map((job) => env.submit(job)));
        allEnded = (await waitAllTerminal(env, sizes.timeoutMs)) && allEnded;
        const tokens = await currentTokens(env);
        httpFiles.push(...(await captureHealthBodies(env, 'end')));
        const final = await finalState(env, [], baseline);
        const serviceLogs = [...env.stack.services.values()].flatMap((s) => [
          s.process.stdoutPath,
          s.process.stderrPath,
        ]);
        const files = [...serviceLogs, `${env.logDir}/events.log`, ...httpFiles];
        const secrets = [...env.secrets, ...tokens];
        const scan = scanFiles(files, secrets, [SIM_TOKEN_PATTERN]);
        const canary = scanFiles([env.stack.credentialsPath], secrets, []);
        const checks: CheckResult[] = [
          { name: 'all jobs ended', ok: allEnded, detail: `${final.terminal}/${env.submitted.length}` },
          succeededCheck(final.records),
          {
            name: 'actual tokens obtained from the auth service',
            ok: tokens.length === env.tenants.length,
            detail: `${tokens.length}/${env.tenants.length}`,
          },
          {
            name: 'canary: the scanner finds the secrets in the credentials file',
            ok: canary.hits.length >= env.tenants.length,
            detail: `${canary.hits.length} hits`,
          },
          {
            name: 'no secret values too short to scan',
            ok: scan.unscannable.length === 0,
            detail: scan.unscannable.join(', ') || 'none',
          },
          {
            name: 'zero secret hits in logs, events, metrics and health bodies',
            ok: scan.hits.length === 0,
            detail: `${scan.hits.length} hits in ${scan.scannedFiles} files (${Math.round(scan.scannedBytes / 1024)} KiB, ${secrets.length} secrets)${scan.hits.length === 0 ? '' : `: ${scan.hits.slice(0, 10).map(describeHit).join('; ')}`}`,
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
          notes: failureReasons(env),
        };
      }),
    ),
};
