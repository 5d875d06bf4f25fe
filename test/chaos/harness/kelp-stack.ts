import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { CloudSimClient } from '../../../services/cloud-sim/src/control-client.js';
import { freePort, httpGet, waitFor } from './http-probe.js';
import { ManagedProcess } from './managed-process.js';

/**
 * The system under test as separate processes: the standalone simulator and the three services, each
 * configured by environment for one run (its namespace, broker URL, health port, log level). Logs of every
 * process go to files under `logDir`.
 */
export const SERVICE_NAMES = ['auth', 'load-balancer', 'supervisor'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface TenantSeed {
  readonly tenantId: string;
  readonly username: string;
  /** Exactly one of password and apiKey is set. */
  readonly password?: string;
  readonly apiKey?: string;
}

export interface StackOptions {
  readonly root: string;
  readonly logDir: string;
  readonly namespace: string;
  readonly amqpUrl: string;
  readonly logLevel: 'error' | 'warn' | 'info' | 'debug';
  readonly seed: string;
  readonly tenants: readonly TenantSeed[];
  readonly simAdminPassword: string;
  readonly simEnv?: Readonly<Record<string, string>>;
  readonly serviceEnv?: Partial<Record<ServiceName, Readonly<Record<string, string>>>>;
  readonly readyTimeoutMs?: number;
}

/** A prerequisite (a built entry point) is missing: the scenario is skipped, not failed. */
export class MissingPrerequisite extends Error {
  override readonly name = 'MissingPrerequisite';
}

export function entryPointOf(root: string, name: ServiceName | 'cloud-sim'): string {
  return `${root}/dist/services/${name}/src/main.js`;
}

export function missingEntryPoints(root: string): string[] {
  return (['cloud-sim', ...SERVICE_NAMES] as const)
    .map((name) => entryPointOf(root, name))
    .filter((path) => !existsSync(path));
}

const SERVICE_DEFAULTS: Readonly<Record<ServiceName, Readonly<Record<string, string>>>> = {
  auth: { AUTH_STRATEGY: 'credentials', AUTH_RETRY_INITIAL_DELAY_MS: '100', AUTH_RETRY_MAX_DELAY_MS: '1000' },
  'load-balancer': { LB_IMMUTABLE_RETRY_MS: '500', LB_RATE_LIMIT_RETRY_MS: '1000' },
  supervisor: {
    SUPERVISOR_POLL_INTERVAL_MS: '500',
    SUPERVISOR_CREATE_RETRY_DELAY_MS: '1000',
    SUPERVISOR_LB_RETRY_DELAY_MS: '1000',
    SUPERVISOR_LB_STEP_TIMEOUT_MS: '20000',
    SUPERVISOR_DELETE_RETRY_DELAY_MS: '500',
    SUPERVISOR_DELETE_RETRY_MAX_DELAY_MS: '5000',
  },
};

export class KelpStack {
  readonly services = new Map<ServiceName, { readonly process: ManagedProcess; readonly port: number }>();
  sim!: ManagedProcess;
  simUrl = '';
  client!: CloudSimClient;

  private constructor(readonly options: StackOptions) {}

  /** Starts the simulator, seeds the tenants, starts the services and waits until each is ready. */
  static async start(options: StackOptions): Promise<KelpStack> {
    const missing = missingEntryPoints(options.root);
    if (missing.length > 0) throw new MissingPrerequisite(`not built yet: ${missing.join(', ')}`);
    const stack = new KelpStack(options);
    try {
      await stack.startSim();
      await stack.seedTenants();
      for (const name of SERVICE_NAMES) await stack.createService(name);
      await Promise.all(SERVICE_NAMES.map((name) => stack.startService(name)));
    } catch (error) {
      await stack.stop();
      throw error;
    }
    return stack;
  }

  private async startSim(): Promise<void> {
    const port = await freePort();
    this.simUrl = `http://127.0.0.1:${port}`;
    this.sim = new ManagedProcess({
      name: 'cloud-sim',
      command: process.execPath,
      args: [entryPointOf(this.options.root, 'cloud-sim')],
      cwd: this.options.root,
      logDir: this.options.logDir,
      env: {
        SIM_PORT: String(port),
        SIM_HOST: '127.0.0.1',
        SIM_SEED: this.options.seed,
        SIM_CLOCK: 'real',
        SIM_ADMIN_PASSWORD: this.options.simAdminPassword,
        ...this.options.simEnv,
      },
    });
    this.sim.start();
    this.client = new CloudSimClient(this.simUrl);
    await waitFor(
      'cloud-sim /healthz',
      async () => ((await httpGet(`${this.simUrl}/healthz`))?.status === 200 ? true : undefined),
      20_000,
    );
  }

  private async seedTenants(): Promise<void> {
    const file: Record<string, Record<string, string>> = {};
    for (const tenant of this.options.tenants) {
      await this.client.seedTenant({
        tenantId: tenant.tenantId,
        username: tenant.username,
        ...(tenant.password === undefined ? {} : { password: tenant.password }),
        ...(tenant.apiKey === undefined ? {} : { apiKey: tenant.apiKey }),
      });
      file[tenant.tenantId] =
        tenant.password !== undefined
          ? { username: tenant.username, password: tenant.password }
          : { username: tenant.username, apiKey: tenant.apiKey ?? '' };
    }
    writeFileSync(this.credentialsPath, JSON.stringify({ tenants: file }), { mode: 0o600 });
  }

  get credentialsPath(): string {
    return `${this.options.logDir}/credentials.json`;
  }

  private async createService(name: ServiceName): Promise<void> {
    const port = await freePort();
    const process_ = new ManagedProcess({
      name,
      command: process.execPath,
      args: ['--enable-source-maps', entryPointOf(this.options.root, name)],
      cwd: this.options.root,
      logDir: this.options.logDir,
      env: {
        AMQP_URL: this.options.amqpUrl,
        KELP_NAMESPACE: this.options.namespace,
        HEALTH_PORT: String(port),
        HEALTH_HOST: '127.0.0.1',
        LOG_LEVEL: this.options.logLevel,
        LOG_FORMAT: 'json',
        SHUTDOWN_DEADLINE_MS: '3000',
        CLOUD_REGION: 'ORD',
        IDENTITY_URL: `${this.simUrl}/identity/v2.0`,
        AUTH_CREDENTIALS_FILE: this.credentialsPath,
        ...SERVICE_DEFAULTS[name],
        ...this.options.serviceEnv?.[name],
      },
    });
    this.services.set(name, { process: process_, port });
  }

  private serviceOf(name: ServiceName): { readonly process: ManagedProcess; readonly port: number } {
    const service = this.services.get(name);
    if (service === undefined) throw new Error(`no service ${name}`);
    return service;
  }

  healthUrl(name: ServiceName): string {
    return `http://127.0.0.1:${this.serviceOf(name).port}`;
  }

  /** Starts (or restarts) a service and waits for /readyz. */
  async startService(name: ServiceName): Promise<void> {
    this.serviceOf(name).process.start();
    await this.waitReady(name);
  }

  /**
   * Waits for a service's /readyz; fails at once, naming how it ended, when its process is gone (an exit
   * the harness did not ask for is reported as such).
   */
  async waitReady(name: ServiceName, timeoutMs = this.options.readyTimeoutMs ?? 60_000): Promise<void> {
    const { process: managed } = this.serviceOf(name);
    await waitFor(
      `${name} /readyz`,
      async () => {
        if (!managed.running) throw new Error(managed.describeExit());
        return (await httpGet(`${this.healthUrl(name)}/readyz`))?.status === 200 ? true : undefined;
      },
      timeoutMs,
    );
  }

  /** SIGKILL, then start again and wait until ready. */
  async killAndRestart(name: ServiceName): Promise<void> {
    await this.serviceOf(name).process.kill();
    await this.startService(name);
  }

  processes(): ManagedProcess[] {
    return [this.sim, ...[...this.services.values()].map((service) => service.process)].filter((p) => p !== undefined);
  }

  /** Every log file the processes wrote. */
  logFiles(): string[] {
    return this.processes().flatMap((p) => [p.stdoutPath, p.stderrPath]);
  }

  /** Graceful stop of every process (services first), closes the log files, removes the credentials file. */
  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.process.close()));
    if (this.sim !== undefined) await this.sim.close();
    rmSync(this.credentialsPath, { force: true });
  }
}
