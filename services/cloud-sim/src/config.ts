/**
 * The simulator's tunables: the options `startCloudSim` takes, and the runtime config that `configure()` /
 * `PUT /sim/config` change while it runs. `resolveConfig` is pure and applies the documented defaults.
 */
import type { Logger } from '../../../shared/logging/logger.js';
import type { ClockMode } from './clock.js';

/** The simulated APIs. `control` is the simulator's own control API (never latency- or fault-injected). */
export type SimService = 'identity' | 'nova' | 'clb' | 'rcv3';

export const SIM_SERVICES: readonly SimService[] = ['identity', 'nova', 'clb', 'rcv3'];

export type ClbPendingSpelling = 'underscore' | 'hyphen';

/** Everything `configure()` can change at run time. Durations in milliseconds. */
export interface SimConfig {
  /** How long a new server stays in BUILD before ACTIVE (0 = ACTIVE at once, like mimic). */
  readonly buildTimeMs: number;
  /** How long a deleted server shows `task_state: deleting` before it is gone (404). */
  readonly deleteTimeMs: number;
  /** How long a CLB stays PENDING_UPDATE after each mutation (and BUILD after create, PENDING_DELETE after delete). */
  readonly clbImmutableMs: number;
  /** How long a DELETED CLB is still listed before it is purged (404). */
  readonly clbDeletedRetentionMs: number;
  /** How long a new RCv3 node stays ADDING before ACTIVE. */
  readonly rcv3AddTimeMs: number;
  /** Extra wall-clock delay before each API answers, per service. */
  readonly latencyMs: Readonly<Record<SimService, number>>;
  /** Lifetime of an Identity token. */
  readonly tokenTtlMs: number;
  /** Per tenant and region: the most servers Nova lets a tenant have (403 quota beyond it). */
  readonly serverQuota: number;
  /** The most nodes one CLB may hold (413 beyond it). */
  readonly clbNodeLimit: number;
  /** `PENDING_UPDATE` (the real API) or `PENDING-UPDATE` (mimic's knob spelling, for parity runs). */
  readonly clbPendingSpelling: ClbPendingSpelling;
  /** The most servers one `servers/detail` page returns (Nova's `osapi_max_limit`). */
  readonly novaMaxLimit: number;
}

export interface CloudSimOptions extends Partial<Omit<SimConfig, 'latencyMs'>> {
  /** TCP port; 0 (the default) picks an ephemeral one. */
  readonly port?: number;
  /** Interface to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Seed for every id, token and dice roll; default `kelp`. */
  readonly seed?: string;
  /** `virtual` (default: time moves only when advanced) or `real` (wall clock). */
  readonly clock?: ClockMode;
  /** Start of a virtual clock (ms since epoch); default the wall time at start. */
  readonly clockStartMs?: number;
  /** Per-service latency; services left out get 0. */
  readonly latencyMs?: Partial<Record<SimService, number>>;
  /** Regions every service is offered in; default ORD, DFW, IAD. */
  readonly regions?: readonly string[];
  /** Adds mimic's control-plane catalog entries, which share the real services' types; default true. */
  readonly catalogDecoys?: boolean;
  /** The identity admin used for impersonation; created at start (and after every reset). */
  readonly admin?: { readonly username?: string; readonly password?: string; readonly apiKey?: string };
  /** Tenants seeded at start (and after every reset), with default credentials. */
  readonly tenants?: readonly string[];
  readonly logger?: Logger;
}

export const DEFAULT_CONFIG: SimConfig = {
  buildTimeMs: 5000,
  deleteTimeMs: 1000,
  clbImmutableMs: 1000,
  clbDeletedRetentionMs: 3_600_000,
  rcv3AddTimeMs: 0,
  latencyMs: { identity: 0, nova: 0, clb: 0, rcv3: 0 },
  tokenTtlMs: 86_400_000,
  serverQuota: 1000,
  clbNodeLimit: 25,
  clbPendingSpelling: 'underscore',
  novaMaxLimit: 1000,
};

export const DEFAULT_REGIONS: readonly string[] = ['ORD', 'DFW', 'IAD'];

export const DEFAULT_ADMIN = { username: 'identity-admin', password: 'admin-password', apiKey: 'admin-api-key' };

/** A partial update of the runtime config (what `configure()` and `PUT /sim/config` accept). */
export type SimConfigPatch = { readonly [K in Exclude<keyof SimConfig, 'latencyMs'>]?: SimConfig[K] | undefined } & {
  readonly latencyMs?: { readonly [S in SimService]?: number | undefined } | undefined;
};

/** Applies a patch to a config; unknown keys are ignored, `undefined` leaves a value as it is. */
export function applyConfigPatch(base: SimConfig, patch: SimConfigPatch): SimConfig {
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([key, value]) => value !== undefined && key !== 'latencyMs' && key in DEFAULT_CONFIG),
  ) as Partial<SimConfig>;
  const latency = Object.fromEntries(
    Object.entries(patch.latencyMs ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<Record<SimService, number>>;
  return { ...base, ...defined, latencyMs: { ...base.latencyMs, ...latency } };
}

export function resolveConfig(options: CloudSimOptions): SimConfig {
  const { latencyMs, ...rest } = options;
  const patch: SimConfigPatch = latencyMs === undefined ? rest : { ...rest, latencyMs };
  return applyConfigPatch(DEFAULT_CONFIG, patch);
}
