/**
 * The simulator's control operations, the same whether called in-process (`CloudSim`) or over HTTP
 * (`/sim/...`). Invalid input throws an AppError of kind `decode`, unknown ids `not-found`, clashes
 * `conflict`.
 */
import { AppError } from '../../../../shared/errors/app-error.js';
import type { Clock } from '../clock.js';
import { isoMillis } from '../clock.js';
import type { SimConfig } from '../config.js';
import { applyConfigPatch } from '../config.js';
import type { CountersSnapshot } from '../counters.js';
import type { CatalogServiceKey } from '../identity/catalog.js';
import { serviceUrl } from '../identity/catalog.js';
import type { SimStateInit } from '../state/sim-state.js';
import { SimState } from '../state/sim-state.js';
import * as behaviours from './behaviour-ops.js';
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
} from './control-schemas.js';
import { advanceSchema, configPatchSchema } from './control-schemas.js';
import type { Inventory } from './inventory.js';
import { inventory } from './inventory.js';
import * as oob from './out-of-band-ops.js';
import type { SeededTenant, SeededUser } from './seed-ops.js';
import * as seed from './seed-ops.js';
import { validate } from './validate.js';

export interface SimControlInit extends SimStateInit {
  readonly admin: SeedAdminInput;
  readonly tenants: readonly string[];
}

export type PublicService = 'nova' | 'clb' | 'rcv3';

export class SimControl {
  private current: SimState;

  constructor(
    private readonly init: SimControlInit,
    private readonly clock: Clock,
  ) {
    this.current = this.fresh();
  }

  /** The live state (replaced by `reset`). */
  get state(): SimState {
    return this.current;
  }

  /** Forgets everything: state, behaviours, faults, counters, config changes; the virtual clock restarts. */
  reset(): void {
    this.clock.reset();
    this.current = this.fresh();
  }

  private fresh(): SimState {
    const state = new SimState(this.init);
    seed.seedAdmin(state, this.init.admin);
    for (const tenantId of this.init.tenants) seed.seedTenant(state, { tenantId });
    return state;
  }

  // Seeding
  seedTenant = (input: SeedTenantInput): SeededTenant => seed.seedTenant(this.current, input);
  seedAdmin = (input: SeedAdminInput = {}): SeededUser => seed.seedAdmin(this.current, input);
  seedImage = (input: SeedImageInput): void => seed.seedImage(this.current, input);
  seedPool = (input: SeedPoolInput): Record<string, unknown> => seed.seedPool(this.current, input);
  seedLoadBalancer = (input: SeedLoadBalancerInput): Record<string, unknown> =>
    seed.seedLoadBalancer(this.current, input, this.clock.now());

  // Behaviours and faults
  addNovaBehaviour = (input: NovaBehaviourInput): { id: string } => behaviours.addNovaBehaviour(this.current, input);
  removeNovaBehaviour = (id: string): void => behaviours.removeNovaBehaviour(this.current, id);
  addIdentityBehaviour = (input: IdentityBehaviourInput): { id: string } =>
    behaviours.addIdentityBehaviour(this.current, input);
  removeIdentityBehaviour = (id: string): void => behaviours.removeIdentityBehaviour(this.current, id);
  failServerDeletes = (input: DeleteFailureInput): { id: string } => behaviours.failServerDeletes(this.current, input);
  addFault = (input: FaultInput): { id: string } => behaviours.addFault(this.current, input);
  removeFault = (id: string): void => behaviours.removeFault(this.current, id);
  listFaults = (): behaviours.FaultView[] => behaviours.listFaults(this.current);
  clearFaults = (): void => {
    this.current.faults.length = 0;
  };

  // Out of band
  deleteServer = (serverId: string): void => oob.deleteServerOutOfBand(this.current, serverId, this.clock.now());
  setServerStatus = (serverId: string, status: string): void =>
    oob.setServerStatus(this.current, serverId, status, this.clock.now());
  deleteLoadBalancer = (lbId: number): void => oob.deleteLoadBalancerOutOfBand(this.current, lbId, this.clock.now());
  setLoadBalancerStatus = (lbId: number, status: string | null): void =>
    oob.setLoadBalancerStatus(this.current, lbId, status, this.clock.now());
  removeClbNode = (lbId: number, nodeId: number): void =>
    oob.removeClbNode(this.current, lbId, nodeId, this.clock.now());
  setClbNodeStatus = (lbId: number, nodeId: number, status: 'ONLINE' | 'OFFLINE'): void =>
    oob.setClbNodeStatus(this.current, lbId, nodeId, status, this.clock.now());
  setPoolStatus = (poolId: string, status: string): void => oob.setPoolStatus(this.current, poolId, status);
  /** Revokes every live token of the tenant; returns how many. */
  expireTokens = (tenantId: string): number => oob.expireTokens(this.current, tenantId);

  // Config, inspection, clock
  config = (): SimConfig => this.current.config;
  configure = (patch: ConfigPatchInput): SimConfig => {
    const input = validate(configPatchSchema, patch);
    this.current.config = applyConfigPatch(this.current.config, input);
    return this.current.config;
  };
  inventory = (filter: InventoryFilter = {}): Inventory => inventory(this.current, filter, this.clock.now());
  counters = (): CountersSnapshot => this.current.counters.snapshot();
  resetCounters = (): void => this.current.counters.clear();
  now = (): number => this.clock.now();
  clockInfo = (): { mode: string; now: string; nowMs: number } => ({
    mode: this.clock.mode,
    now: isoMillis(this.clock.now()),
    nowMs: this.clock.now(),
  });
  /** Moves the virtual clock forward; a conflict in real-time mode. */
  advanceClock = (ms: number): number => {
    const input = validate(advanceSchema, { ms });
    const now = this.clock.advance(input.ms);
    if (now === null) throw AppError.nonRetryable('conflict', 'the clock is real-time and cannot be advanced');
    return now;
  };
  /** The catalog URL of a service for a tenant and region, as seen from `baseUrl`. */
  serviceUrl = (
    baseUrl: string,
    service: PublicService | CatalogServiceKey,
    region: string,
    tenantId: string,
  ): string => {
    if (!(service in this.current.segments))
      throw AppError.nonRetryable('decode', `unknown service ${String(service)}`);
    if (!this.current.regions.includes(region)) throw AppError.nonRetryable('decode', `unknown region ${region}`);
    return serviceUrl(baseUrl, this.current.segments, service, region, tenantId);
  };
}
