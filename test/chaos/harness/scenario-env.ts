import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { baselineOf, type Baseline, type InventoryView } from '../core/invariant-input.js';
import { jobEnvelope, type BuiltJob } from '../core/job-builders.js';
import type { SubmittedJob } from '../core/job-outcomes.js';
import type { Secret } from '../core/secret-scan.js';
import { openBrokerAccess, type BrokerAccess } from './broker-access.js';
import { BrokerTools } from './broker-tools.js';
import { EventRecorder } from './event-recorder.js';
import { KelpStack, type ServiceName, type TenantSeed } from './kelp-stack.js';
import { Producer } from './producer.js';
import type { RunContext } from './run-context.js';

/**
 * Everything one scenario runs against: its broker vhost (or namespace), the topology declared, an event
 * recorder, the simulator and services started, seeded tenants with random credentials, and the secrets
 * the run knows. `withScenarioEnv` tears all of it down (processes, queues, exchanges, vhost, user) even
 * when the scenario throws.
 */
export interface EnvSpec {
  /** Short key in names, e.g. `s1`. */
  readonly key: string;
  readonly tenants: number;
  readonly logLevel?: 'error' | 'warn' | 'info' | 'debug';
  readonly simEnv?: Readonly<Record<string, string>>;
  readonly serviceEnv?: Partial<Record<ServiceName, Readonly<Record<string, string>>>>;
  /**
   * Runs once the vhost and topology exist, before any service starts; may return extra environment per
   * service (e.g. its own broker URL) and register cleanups.
   */
  readonly prepare?: (setup: PrepareContext) => Promise<Prepared>;
}

export interface Prepared {
  readonly serviceEnv?: Partial<Record<ServiceName, Readonly<Record<string, string>>>>;
  /** The harness's producer connects with this URL, without declaring the topology. */
  readonly producerUrl?: string;
}

export interface PrepareContext {
  readonly access: BrokerAccess;
  readonly tools: BrokerTools;
  readonly namespace: string;
  readonly addCleanup: (cleanup: () => Promise<void>) => void;
}

export interface ScenarioEnv {
  readonly ctx: RunContext;
  readonly namespace: string;
  readonly logDir: string;
  readonly access: BrokerAccess;
  readonly stack: KelpStack;
  tools: BrokerTools;
  readonly recorder: EventRecorder;
  readonly tenants: readonly TenantSeed[];
  /** Passwords, API keys and the broker password of this scenario. */
  readonly secrets: Secret[];
  readonly submitted: SubmittedJob[];
  /** Submits a job through shared/client (confirmed) and records it as submitted. */
  submit(job: BuiltJob): Promise<void>;
  inventory(): Promise<InventoryView>;
  baseline(): Promise<Baseline>;
  /** Re-opens the harness's own broker connection (after an outage closed it). */
  reopenTools(): Promise<void>;
}

export const FLAVOR = 'general1-1';
export const IMAGE = '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60';

function secret(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

function tenantsFor(runId: string, key: string, count: number): TenantSeed[] {
  return Array.from({ length: count }, (_, index) => {
    const tenantId = `${900_000 + index}${key.replace(/\D/g, '')}`;
    const username = `chaos-${runId}-${key}-u${index}`;
    return index % 2 === 0 ? { tenantId, username, password: secret() } : { tenantId, username, apiKey: secret(24) };
  });
}

export async function withScenarioEnv<T>(
  ctx: RunContext,
  spec: EnvSpec,
  body: (env: ScenarioEnv) => Promise<T>,
): Promise<T> {
  const namespace = `chaos-${ctx.runId}-${spec.key}`;
  const logDir = `${ctx.runDir}/${namespace}`;
  mkdirSync(logDir, { recursive: true });
  const access = await openBrokerAccess(namespace, ctx.amqpUrl, ctx.useCtl);
  const cleanups: (() => Promise<void>)[] = [() => access.cleanup()];
  const recorderQueue = `${namespace}.chaos.events`;
  try {
    let tools = await BrokerTools.open(access.url, namespace);
    cleanups.unshift(async () => {
      await tools.deleteTopology([recorderQueue]);
      await tools.close();
    });
    await tools.declare();
    const recorder = new EventRecorder(
      access.url,
      recorderQueue,
      tools.topology.exchanges.events,
      `${logDir}/events.log`,
    );
    await recorder.start();
    cleanups.unshift(() => recorder.close());
    const prepared: Prepared =
      spec.prepare === undefined
        ? {}
        : await spec.prepare({ access, tools, namespace, addCleanup: (cleanup) => cleanups.unshift(cleanup) });
    const serviceEnv: Partial<Record<ServiceName, Readonly<Record<string, string>>>> = {};
    for (const name of ['auth', 'load-balancer', 'supervisor'] as const) {
      serviceEnv[name] = { ...spec.serviceEnv?.[name], ...prepared.serviceEnv?.[name] };
    }
    const tenants = tenantsFor(ctx.runId, spec.key, spec.tenants);
    const simAdminPassword = secret();
    const stack = await KelpStack.start({
      root: ctx.root,
      logDir,
      namespace,
      amqpUrl: access.url,
      logLevel: spec.logLevel ?? 'info',
      seed: `${ctx.seed}-${spec.key}`,
      tenants,
      simAdminPassword,
      simEnv: { SIM_BUILD_TIME_MS: String(ctx.sizes.buildTimeMs), ...spec.simEnv },
      serviceEnv,
    });
    cleanups.unshift(() => stack.stop());
    const producer = await Producer.start(prepared.producerUrl ?? access.url, namespace, `${logDir}/producer.log`, {
      declareTopology: prepared.producerUrl === undefined,
    });
    cleanups.unshift(() => producer.close());
    const secrets: Secret[] = [
      ...tenants.map((tenant) =>
        tenant.password !== undefined
          ? { label: `password of tenant ${tenant.tenantId}`, value: tenant.password }
          : { label: `API key of tenant ${tenant.tenantId}`, value: tenant.apiKey ?? '' },
      ),
      { label: 'simulator identity-admin password', value: simAdminPassword },
      ...(access.password === null ? [] : [{ label: 'broker password', value: access.password }]),
    ];
    const submitted: SubmittedJob[] = [];
    const env: ScenarioEnv = {
      ctx,
      namespace,
      logDir,
      access,
      stack,
      tools,
      recorder,
      tenants,
      secrets,
      submitted,
      async submit(job) {
        if (Producer.supports(job)) {
          await producer.submit(job);
        } else {
          // A job type shared/client does not offer yet (converge-group): published as a producer would.
          const envelope = jobEnvelope(job, randomUUID(), new Date());
          await env.tools.publishRaw('kelp.supervisor.jobs', Buffer.from(JSON.stringify(envelope)), {
            messageId: envelope.id,
            type: envelope.type,
          });
        }
        submitted.push(job.submitted);
      },
      async inventory() {
        if (!stack.sim.running) throw new Error(`no inventory: ${stack.sim.describeExit()}`);
        return (await stack.client.inventory()) as unknown as InventoryView;
      },
      async baseline() {
        return baselineOf(await env.inventory());
      },
      async reopenTools() {
        await env.tools.close();
        tools = await BrokerTools.open(access.url, namespace);
        env.tools = tools;
      },
    };
    return await body(env);
  } finally {
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        ctx.log(`cleanup in ${namespace} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
