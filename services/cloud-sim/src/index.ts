/**
 * The cloud simulator's public API: start it in-process, drive it, and the types and texts tests assert on.
 */
export { startCloudSim } from './cloud-sim.js';
export type { CloudSim, CloudSimControl } from './cloud-sim.js';
export type { CloudSimOptions, SimConfig, SimConfigPatch, SimService } from './config.js';
export { DEFAULT_ADMIN, DEFAULT_CONFIG, DEFAULT_REGIONS } from './config.js';
export type {
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
export type { SeededTenant, SeededUser } from './control/seed-ops.js';
export type { Inventory, InventoryServer } from './control/inventory.js';
export type { FaultView } from './control/behaviour-ops.js';
export type { CountersSnapshot, TenantMismatch } from './counters.js';
export { defaultCredentials } from './identity/identity-state.js';
export { DEFAULT_FLAVORS, DEFAULT_IMAGES } from './nova/images-flavors.js';
export { CLB_TEXTS } from './clb/clb-errors.js';
export { RCV3_TEXTS } from './rcv3/bulk-pairs.js';
export { NOVA_TEXTS } from './nova/nova-errors.js';
export { IDENTITY_TEXTS } from './identity/identity-errors.js';
export { CloudSimClient } from './control-client.js';
