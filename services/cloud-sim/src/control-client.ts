/**
 * A typed HTTP client for the control API (`/sim/...`), for tests and processes that drive a simulator
 * running elsewhere. Mirrors the in-process `CloudSim` accessors; every method returns a promise and
 * rejects with an AppError (kind `api`) carrying the status when the simulator refuses.
 */
import { AppError } from '../../../shared/errors/app-error.js';
import type { FaultView } from './control/behaviour-ops.js';
import type {
  ConfigPatchInput,
  DeleteFailureInput,
  FaultInput,
  IdentityBehaviourInput,
  InventoryFilter,
  NovaBehaviourInput,
  SeedAdminInput,
  SeedImageInput,
  SeedLoadBalancerInput,
  SeedPoolInput,
  SeedTenantInput,
} from './control/control-schemas.js';
import type { Inventory } from './control/inventory.js';
import type { SeededTenant, SeededUser } from './control/seed-ops.js';
import type { SimConfig } from './config.js';
import type { CountersSnapshot } from './counters.js';

export interface ClockInfo {
  readonly mode: 'real' | 'virtual';
  readonly now: string;
  readonly nowMs: number;
}

export class CloudSimClient {
  private readonly base: string;

  /** `url` is the simulator's root, e.g. `http://127.0.0.1:8900`. */
  constructor(url: string) {
    this.base = url.replace(/\/+$/, '');
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    }
    const res = await fetch(`${this.base}/sim${path}`, init);
    const text = await res.text();
    const json: unknown = text === '' ? undefined : JSON.parse(text);
    if (!res.ok) {
      const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? text;
      throw AppError.nonRetryable('api', `control ${method} ${path} failed with status ${res.status}: ${message}`, {
        details: { status: res.status },
      });
    }
    return json as T;
  }

  async health(): Promise<boolean> {
    const res = await fetch(`${this.base}/healthz`);
    await res.arrayBuffer();
    return res.ok;
  }

  reset = (): Promise<void> => this.call('POST', '/reset');
  config = (): Promise<SimConfig> => this.call('GET', '/config');
  configure = (patch: ConfigPatchInput): Promise<SimConfig> => this.call('PUT', '/config', patch);
  seedTenant = (input: SeedTenantInput): Promise<SeededTenant> => this.call('POST', '/tenants', input);
  seedAdmin = (input: SeedAdminInput = {}): Promise<SeededUser> => this.call('POST', '/admins', input);
  seedImage = (input: SeedImageInput): Promise<void> => this.call('POST', '/images', input);
  seedPool = (input: SeedPoolInput): Promise<Record<string, unknown>> => this.call('POST', '/pools', input);
  seedLoadBalancer = (input: SeedLoadBalancerInput): Promise<Record<string, unknown>> =>
    this.call('POST', '/load-balancers', input);
  expireTokens = async (tenantId: string): Promise<number> =>
    (await this.call<{ expired: number }>('POST', `/tenants/${encodeURIComponent(tenantId)}/expire-tokens`)).expired;
  addNovaBehaviour = (input: NovaBehaviourInput): Promise<{ id: string }> =>
    this.call('POST', '/nova/behaviors', input);
  removeNovaBehaviour = (id: string): Promise<void> => this.call('DELETE', `/nova/behaviors/${encodeURIComponent(id)}`);
  addIdentityBehaviour = (input: IdentityBehaviourInput): Promise<{ id: string }> =>
    this.call('POST', '/identity/behaviors', input);
  removeIdentityBehaviour = (id: string): Promise<void> =>
    this.call('DELETE', `/identity/behaviors/${encodeURIComponent(id)}`);
  failServerDeletes = (input: DeleteFailureInput): Promise<{ id: string }> =>
    this.call('POST', '/nova/delete-failures', input);
  addFault = (input: FaultInput): Promise<{ id: string }> => this.call('POST', '/faults', input);
  removeFault = (id: string): Promise<void> => this.call('DELETE', `/faults/${encodeURIComponent(id)}`);
  listFaults = async (): Promise<FaultView[]> => (await this.call<{ faults: FaultView[] }>('GET', '/faults')).faults;
  clearFaults = (): Promise<void> => this.call('DELETE', '/faults');
  deleteServer = (serverId: string): Promise<void> => this.call('DELETE', `/servers/${encodeURIComponent(serverId)}`);
  setServerStatus = (serverId: string, status: string): Promise<void> =>
    this.call('PUT', `/servers/${encodeURIComponent(serverId)}/status`, { status });
  deleteLoadBalancer = (lbId: number): Promise<void> => this.call('DELETE', `/load-balancers/${lbId}`);
  setLoadBalancerStatus = (lbId: number, status: string | null): Promise<void> =>
    this.call('PUT', `/load-balancers/${lbId}/status`, { status });
  removeClbNode = (lbId: number, nodeId: number): Promise<void> =>
    this.call('DELETE', `/load-balancers/${lbId}/nodes/${nodeId}`);
  setClbNodeStatus = (lbId: number, nodeId: number, status: 'ONLINE' | 'OFFLINE'): Promise<void> =>
    this.call('PUT', `/load-balancers/${lbId}/nodes/${nodeId}/status`, { status });
  setPoolStatus = (poolId: string, status: string): Promise<void> =>
    this.call('PUT', `/pools/${encodeURIComponent(poolId)}/status`, { status });
  inventory = (filter: InventoryFilter = {}): Promise<Inventory> => {
    const params = new URLSearchParams();
    if (filter.tenantId !== undefined) params.set('tenantId', filter.tenantId);
    if (filter.region !== undefined) params.set('region', filter.region);
    const qs = params.toString();
    return this.call('GET', `/inventory${qs === '' ? '' : `?${qs}`}`);
  };
  counters = (): Promise<CountersSnapshot> => this.call('GET', '/counters');
  resetCounters = (): Promise<void> => this.call('DELETE', '/counters');
  clockInfo = (): Promise<ClockInfo> => this.call('GET', '/clock');
  advanceClock = async (ms: number): Promise<number> =>
    (await this.call<ClockInfo>('POST', '/clock/advance', { ms })).nowMs;
  serviceUrl = async (service: 'nova' | 'clb' | 'rcv3', tenantId: string, region = 'ORD'): Promise<string> =>
    (await this.call<{ url: string }>('GET', `/urls/${service}/${region}/${encodeURIComponent(tenantId)}`)).url;
}
