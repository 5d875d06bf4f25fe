/**
 * Seeding: tenants (with credentials and default pools), identity admins, images, pools, load balancers.
 */
import { AppError } from '../../../../shared/errors/app-error.js';
import { lbFullJson } from '../clb/lb-json.js';
import { forceLbStatus, lbStatusAt } from '../clb/lb-record.js';
import { addLoadBalancer } from '../clb/lb-store.js';
import { DEFAULT_ADMIN } from '../config.js';
import { defaultCredentials } from '../identity/identity-state.js';
import { poolJson } from '../rcv3/pool-record.js';
import { addPool } from '../rcv3/pool-store.js';
import type { SimState } from '../state/sim-state.js';
import type {
  SeedAdminInput,
  SeedImageInput,
  SeedLoadBalancerInput,
  SeedPoolInput,
  SeedTenantInput,
} from './control-schemas.js';
import {
  seedAdminSchema,
  seedImageSchema,
  seedLoadBalancerSchema,
  seedPoolSchema,
  seedTenantSchema,
} from './control-schemas.js';
import { validate } from './validate.js';

export interface SeededUser {
  readonly username: string;
  readonly password: string;
  readonly apiKey: string;
  readonly userId: string;
}

export interface SeededTenant extends SeededUser {
  readonly tenantId: string;
}

export function seedTenant(state: SimState, raw: SeedTenantInput): SeededTenant {
  const input = validate(seedTenantSchema, raw);
  const defaults = defaultCredentials(input.tenantId);
  const existing = state.identity.userOfTenant(input.tenantId);
  const differs =
    existing !== undefined &&
    ((input.username !== undefined && input.username !== existing.username) ||
      (input.password !== undefined && input.password !== existing.password) ||
      (input.apiKey !== undefined && input.apiKey !== existing.apiKey));
  if (differs)
    throw AppError.nonRetryable('conflict', `tenant ${input.tenantId} already exists with other credentials`);
  const user =
    existing ??
    state.identity.addUser({
      username: input.username ?? defaults.username,
      password: input.password ?? defaults.password,
      apiKey: input.apiKey ?? defaults.apiKey,
      tenantId: input.tenantId,
      admin: false,
    });
  if (typeof user === 'string') throw AppError.nonRetryable('conflict', user);
  if (existing === undefined && input.pools !== false) {
    for (const region of state.regions) addPool(state, state.partition(input.tenantId, region), {});
  }
  return {
    tenantId: input.tenantId,
    username: user.username,
    password: user.password,
    apiKey: user.apiKey,
    userId: user.userId,
  };
}

export function seedAdmin(state: SimState, raw: SeedAdminInput = {}): SeededUser {
  const input = validate(seedAdminSchema, raw);
  const user = state.identity.addUser({
    username: input.username ?? DEFAULT_ADMIN.username,
    password: input.password ?? DEFAULT_ADMIN.password,
    apiKey: input.apiKey ?? DEFAULT_ADMIN.apiKey,
    tenantId: null,
    admin: true,
  });
  if (typeof user === 'string') throw AppError.nonRetryable('conflict', user);
  return { username: user.username, password: user.password, apiKey: user.apiKey, userId: user.userId };
}

export function seedImage(state: SimState, raw: SeedImageInput): void {
  const input = validate(seedImageSchema, raw);
  state.images.set(input.id, { id: input.id, name: input.name ?? input.id });
}

function regionOf(state: SimState, region: string | undefined): string {
  const chosen = region ?? state.regions[0] ?? 'ORD';
  if (!state.regions.includes(chosen)) throw AppError.nonRetryable('decode', `unknown region ${chosen}`);
  return chosen;
}

function requireTenant(state: SimState, tenantId: string): void {
  if (!state.identity.tenants.has(tenantId)) throw AppError.nonRetryable('not-found', `tenant ${tenantId} not found`);
}

export function seedPool(state: SimState, raw: SeedPoolInput): Record<string, unknown> {
  const input = validate(seedPoolSchema, raw);
  requireTenant(state, input.tenantId);
  if (input.id !== undefined && state.pools.has(input.id.toLowerCase())) {
    throw AppError.nonRetryable('conflict', `pool ${input.id} already exists`);
  }
  const partition = state.partition(input.tenantId, regionOf(state, input.region));
  const pool = addPool(state, partition, {
    ...(input.id === undefined ? {} : { id: input.id }),
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.port === undefined ? {} : { port: input.port }),
    ...(input.status === undefined ? {} : { status: input.status }),
  });
  return { tenantId: pool.tenantId, region: pool.region, ...poolJson(pool) };
}

export function seedLoadBalancer(state: SimState, raw: SeedLoadBalancerInput, now: number): Record<string, unknown> {
  const input = validate(seedLoadBalancerSchema, raw);
  requireTenant(state, input.tenantId);
  const partition = state.partition(input.tenantId, regionOf(state, input.region));
  const protocol = input.protocol ?? 'HTTP';
  const lb = addLoadBalancer(
    state,
    partition,
    {
      name: input.name ?? `lb-${state.lbs.size + 1}`,
      protocol,
      port: input.port ?? (protocol === 'HTTPS' ? 443 : 80),
      algorithm: 'RANDOM',
      timeout: 30,
      halfClosed: false,
      httpsRedirect: false,
      connectionLogging: false,
      virtualIps: [{ type: 'PUBLIC' }],
      metadata: [],
      nodes: (input.nodes ?? []).map((n) => ({
        address: n.address,
        port: n.port,
        condition: n.condition ?? 'ENABLED',
        type: n.type ?? 'PRIMARY',
        weight: n.weight ?? 1,
      })),
    },
    now,
    0,
  );
  if (input.healthMonitor !== undefined) lb.healthMonitor = input.healthMonitor;
  if (input.status !== undefined) forceLbStatus(lb, input.status, now);
  const status = lbStatusAt(lb, now, state.config.clbPendingSpelling).status;
  return { tenantId: lb.tenantId, region: lb.region, ...lbFullJson(lb, status) };
}
