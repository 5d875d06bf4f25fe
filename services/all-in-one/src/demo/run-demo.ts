import type { Writable } from 'node:stream';
import { DEFAULT_IMAGES } from '../../../cloud-sim/src/index.js';
import { KelpClient } from '../../../../shared/client/kelp-client.js';
import type { Env } from '../../../../shared/config/parse-env.js';
import { ensureAppError } from '../../../../shared/errors/app-error.js';
import { ConfigError } from '../../../../shared/errors/config-error.js';
import type { ConvergeGroupJobInput } from '../../../../shared/messages/converge-messages.js';
import type { DemoTenant } from '../demo-tenant.js';
import { DEMO_SETTINGS, demoEnv } from './demo-env.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { groupProblems, groupView } from './group-view.js';
import { renderGroup } from './render-group.js';
import { renderProgress } from './render-progress.js';

export interface DemoIo {
  /** Where the story goes (stdout). */
  readonly out: (line: string) => void;
  /** Where the services' logs go (stderr). */
  readonly logStream: Writable & { isTTY?: boolean };
  /** Monotonic milliseconds. */
  readonly now: () => number;
}

const GROUP_ID = 'demo-group';
const JOB_TIMEOUT_MS = 60_000;

/**
 * `npm run demo`: starts the all-in-one stack on the in-process bus with the simulator, converges a group
 * to 3 servers behind a CLB and an RCv3 pool, shows it, scales it to 1, shows it again, stops. Resolves
 * with the exit code: 0 when the group looked right both times, 1 otherwise, 2 for a bad environment.
 */
export async function runDemo(env: Env, io: DemoIo): Promise<number> {
  const started = io.now();
  const { out } = io;
  if ((env['AMQP_URL'] ?? '') !== '')
    out('(AMQP_URL is set; the demo runs on the in-process bus anyway: npm start uses it)');
  let demo: DemoStack;
  try {
    demo = await startDemoStack(demoEnv(env), io.logStream);
  } catch (error) {
    out(`demo failed to start: ${error instanceof ConfigError ? error.message : ensureAppError(error).message}`);
    return error instanceof ConfigError ? 2 : 1;
  }
  const { stack } = demo;
  let code = 0;
  try {
    const { sim, demoTenant } = stack;
    if (sim === undefined || demoTenant === undefined) throw new Error('the demo needs the embedded simulator');
    out('Kelp demo: auth, load-balancer and supervisor services plus the cloud simulator in one process,');
    out(`on the in-process bus. Simulated server build time ${Number(DEMO_SETTINGS['SIM_BUILD_TIME_MS']) / 1000}s.`);
    out(`Seeded tenant ${demoTenant.tenantId} (region ${demoTenant.region}) with`);
    out(
      `  CLB ${demoTenant.clbId} "demo-clb" (HTTP, port ${demoTenant.clbPort}) and RCv3 pool ${demoTenant.poolId} "demo-pool".`,
    );
    const client = new KelpClient({ bus: demo.bus });
    for (const capacity of [3, 1]) {
      out('');
      out(`Converging group ${GROUP_ID} to ${capacity} server${capacity === 1 ? '' : 's'}:`);
      const submitted = io.now();
      const outcome = await client.submitAndWait(
        { type: 'converge-group', job: convergeJob(demoTenant, capacity) },
        {
          timeoutMs: JOB_TIMEOUT_MS,
          onEvent: (event) => {
            const line = renderProgress(event, io.now() - submitted);
            if (line !== undefined) out(line);
          },
        },
      );
      if (outcome.status !== 'succeeded')
        throw new Error(`the converge-group job failed: ${outcome.reasons.join('; ')}`);
      const view = groupView(sim.inventory({ tenantId: demoTenant.tenantId }), { ...demoTenant, groupId: GROUP_ID });
      out('');
      renderGroup(view).forEach(out);
      const problems = groupProblems(view, capacity);
      if (problems.length > 0) throw new Error(`the group is not as converged: ${problems.join('; ')}`);
    }
  } catch (error) {
    out('');
    out(`demo failed: ${ensureAppError(error).message}`);
    code = 1;
  }
  out('');
  out('Stopping the stack.');
  try {
    await demo.close();
  } catch (error) {
    out(`demo failed to stop cleanly: ${ensureAppError(error).message}`);
    code = 1;
  }
  if (code === 0) out(`Demo finished in ${((io.now() - started) / 1000).toFixed(1)}s.`);
  return code;
}

/** The demo group's desired state: `capacity` servers of Ubuntu on general1-1, in the CLB (port 80) and the pool. */
export function convergeJob(tenant: DemoTenant, capacity: number): ConvergeGroupJobInput {
  return {
    tenantId: tenant.tenantId,
    groupId: GROUP_ID,
    desired: {
      capacity,
      launchConfig: {
        server: { name: 'demo', flavorRef: 'general1-1', imageRef: DEFAULT_IMAGES[0]?.id ?? '' },
        loadBalancers: [
          { type: 'CloudLoadBalancer', loadBalancerId: Number(tenant.clbId), port: tenant.clbPort },
          { type: 'RackConnectV3', loadBalancerId: tenant.poolId },
        ],
      },
    },
  };
}
