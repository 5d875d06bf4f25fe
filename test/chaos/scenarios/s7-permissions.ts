import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { probesFor, type AccessService } from '../core/expected-access.js';
import { convergeGroupJob, launchServerJob } from '../core/job-builders.js';
import { statusOf, type CheckResult, type ScenarioResult } from '../core/scenario-result.js';
import { deploymentPermissions, PERMISSIONS_SOURCE } from '../harness/deployment-permissions.js';
import { MissingPrerequisite, type ServiceName } from '../harness/kelp-stack.js';
import { runProbes, type ProbeResult } from '../harness/permission-probes.js';
import * as rabbitmqctl from '../harness/rabbitmqctl.js';
import type { Scenario } from '../harness/run-context.js';
import { runTimed } from '../harness/run-scenario.js';
import { FLAVOR, IMAGE, withScenarioEnv, type PrepareContext, type Prepared } from '../harness/scenario-env.js';
import {
  commonChecks,
  failureReasons,
  finalState,
  loadBalancersFor,
  succeededCheck,
  waitAllTerminal,
} from '../harness/workload.js';

/**
 * 7. Permissions: a broker user per role (auth, load-balancer, supervisor, producer) with the deployment's
 * permissions (shared/amqp/broker-permissions.ts for the run's namespace) is created with rabbitmqctl in the
 * scenario's vhost, where the harness declared the topology as its admin. Each user must be refused
 * consuming another service's queue, publishing to an exchange it does not own, and reaching another
 * work queue through the default exchange, while its own consumes and publishes work; then the
 * services run with those users (AMQP_DECLARE_TOPOLOGY=false), the harness submits as the producer, and a
 * launch and a converge job go through. The users and the vhost are deleted afterwards.
 */
const ROLES: readonly AccessService[] = ['auth', 'load-balancer', 'supervisor', 'producer'];
const SERVICES: readonly ServiceName[] = ['auth', 'load-balancer', 'supervisor'];

function describeProbe(role: string, probe: ProbeResult): string {
  return `${role} ${probe.action} ${probe.target}: ${probe.outcome} (expected ${probe.expected})`;
}

/** The five permission checks over every user's probe results. */
export function probeChecks(probeResults: ReadonlyMap<AccessService, readonly ProbeResult[]>): CheckResult[] {
  const all = [...probeResults].flatMap(([role, results]) => results.map((probe) => ({ role, probe })));
  const check = (name: string, action: ProbeResult['action'], expected: ProbeResult['expected']): CheckResult => {
    const probes = all.filter(({ probe }) => probe.action === action && probe.expected === expected);
    const failures = probes
      .filter(({ probe }) => probe.outcome !== expected)
      .map(({ role, probe }) => describeProbe(role, probe));
    return {
      name,
      ok: failures.length === 0,
      detail:
        failures.length === 0
          ? `${probes.length}/${probes.length}`
          : `${failures.length} of ${probes.length} wrong: ${failures.slice(0, 6).join('; ')}`,
    };
  };
  return [
    check("no user consumes another service's queue", 'consume', 'refused'),
    check('no user publishes to an exchange it does not own', 'publish', 'refused'),
    check('no user reaches any work queue through the default exchange', 'default-exchange', 'refused'),
    check('each user consumes its own queues', 'consume', 'allowed'),
    check('each user publishes to its own exchanges', 'publish', 'allowed'),
  ];
}

function probesOnlyResult(
  probeResults: ReadonlyMap<AccessService, readonly ProbeResult[]>,
  error: unknown,
): Omit<ScenarioResult, 'name' | 'durationMs'> {
  return {
    status: 'failed',
    load: { submitted: 0, terminal: 0 },
    faults: { survived: 0, detail: '' },
    badInputs: 0,
    violations: [],
    checks: [
      ...probeChecks(probeResults),
      {
        name: 'services run with their own users and jobs go through',
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      },
    ],
    notes: [`permissions from ${PERMISSIONS_SOURCE}`],
  };
}

export const permissionsScenario: Scenario = {
  id: '7',
  name: '7 permissions',
  run: (ctx) =>
    runTimed('7 permissions', async () => {
      if (!ctx.useCtl) throw new MissingPrerequisite('needs rabbitmqctl to create users');
      const probeResults = new Map<AccessService, ProbeResult[]>();
      const prepare = async ({ access, namespace, addCleanup }: PrepareContext): Promise<Prepared> => {
        const urls = new Map<AccessService, string>();
        for (const role of ROLES) {
          const user = `${namespace}-${role}`;
          const password = randomBytes(18).toString('base64url');
          await rabbitmqctl.addUser(user, password);
          addCleanup(() => rabbitmqctl.deleteUser(user));
          await rabbitmqctl.setPermissions(access.vhost ?? '/', user, deploymentPermissions(role, namespace));
          const url = new URL(access.url);
          url.username = encodeURIComponent(user);
          url.password = encodeURIComponent(password);
          urls.set(role, url.toString());
          probeResults.set(role, await runProbes(url.toString(), probesFor(role, namespace)));
          writeFileSync(
            `${ctx.runDir}/${namespace}-probes-${role}.json`,
            JSON.stringify(probeResults.get(role), null, 2),
          );
        }
        const serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {};
        for (const service of SERVICES)
          serviceEnv[service] = { AMQP_URL: urls.get(service) ?? '', AMQP_DECLARE_TOPOLOGY: 'false' };
        return { serviceEnv, producerUrl: urls.get('producer') ?? '' };
      };
      try {
        return await withScenarioEnv(ctx, { key: 's7', tenants: 1, prepare }, async (env) => {
          const tenantId = env.tenants[0]?.tenantId ?? '';
          const baseline = await env.baseline();
          const loadBalancers = await loadBalancersFor(env, tenantId);
          const spec = { imageRef: IMAGE, flavorRef: FLAVOR, loadBalancers };
          await env.submit(launchServerJob(`c7-${ctx.runId}-launch`, tenantId, 'g-perm-launch', spec));
          await env.submit(convergeGroupJob(`c7-${ctx.runId}-converge`, tenantId, 'g-perm-conv', 1, spec));
          const allEnded = await waitAllTerminal(env, 60_000);
          const final = await finalState(env, [{ tenantId, groupId: 'g-perm-conv', capacity: 1 }], baseline);
          const checks: CheckResult[] = [
            ...probeChecks(probeResults),
            {
              name: 'services run with their own users and jobs go through',
              ok: allEnded,
              detail: `${final.terminal}/${env.submitted.length} jobs ended`,
            },
            succeededCheck(final.records),
            ...commonChecks(env),
          ];
          return {
            status: statusOf(final.violations, checks),
            load: { submitted: env.submitted.length, terminal: final.terminal },
            faults: { survived: 0, detail: '' },
            badInputs: 0,
            violations: final.violations,
            checks,
            notes: [`permissions from ${PERMISSIONS_SOURCE}`, ...failureReasons(env)],
          };
        });
      } catch (error) {
        // The services could not run with their users: the probes still tell what the permissions allow.
        if (probeResults.size < ROLES.length) throw error;
        return probesOnlyResult(probeResults, error);
      }
    }),
};
