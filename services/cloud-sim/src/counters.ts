/**
 * What the simulator counts, for assertions: requests per (service, method, route template), mutating
 * requests per CLB, Identity calls per tenant, injected faults, and calls whose token belonged to another
 * tenant than the URL's.
 */
export interface TenantMismatch {
  readonly service: string;
  readonly method: string;
  readonly route: string;
  readonly urlTenant: string;
  /** The token's tenant, or null for a tenant-less (admin) token. */
  readonly tokenTenant: string | null;
}

export interface CountersSnapshot {
  /** Keyed `"<service> <METHOD> <template>"`, e.g. `"nova GET /servers/{id}"`. */
  readonly requests: Readonly<Record<string, number>>;
  /** Mutating CLB requests per LB id (every attempt, whatever the answer). */
  readonly clbMutatingRequests: Readonly<Record<string, number>>;
  /** Mutations actually applied per LB id (the 202s). */
  readonly clbMutationsApplied: Readonly<Record<string, number>>;
  /** `POST /v2.0/tokens` per tenant (the tenant asked for, or the user's; `?` when unknown). */
  readonly authentications: Readonly<Record<string, number>>;
  readonly impersonations: Readonly<Record<string, number>>;
  readonly endpointLookups: Readonly<Record<string, number>>;
  readonly mossoLookups: Readonly<Record<string, number>>;
  readonly faultsInjected: number;
  readonly faultsByRule: Readonly<Record<string, number>>;
  /** Service calls answered 401 (unknown, missing or expired token). */
  readonly unauthorized: number;
  readonly tokenTenantMismatches: number;
  /** The most recent mismatches (at most 100). */
  readonly mismatches: readonly TenantMismatch[];
}

const MAX_MISMATCHES = 100;

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export class Counters {
  readonly requests = new Map<string, number>();
  readonly clbMutatingRequests = new Map<string, number>();
  readonly clbMutationsApplied = new Map<string, number>();
  readonly authentications = new Map<string, number>();
  readonly impersonations = new Map<string, number>();
  readonly endpointLookups = new Map<string, number>();
  readonly mossoLookups = new Map<string, number>();
  readonly faultsByRule = new Map<string, number>();
  faultsInjected = 0;
  unauthorized = 0;
  tokenTenantMismatches = 0;
  mismatches: TenantMismatch[] = [];

  count(map: Map<string, number>, key: string): void {
    bump(map, key);
  }

  fault(ruleId: string): void {
    this.faultsInjected += 1;
    bump(this.faultsByRule, ruleId);
  }

  mismatch(entry: TenantMismatch): void {
    this.tokenTenantMismatches += 1;
    this.mismatches.push(entry);
    if (this.mismatches.length > MAX_MISMATCHES) this.mismatches.shift();
  }

  /** Zeroes every counter. */
  clear(): void {
    for (const map of [
      this.requests,
      this.clbMutatingRequests,
      this.clbMutationsApplied,
      this.authentications,
      this.impersonations,
      this.endpointLookups,
      this.mossoLookups,
      this.faultsByRule,
    ]) {
      map.clear();
    }
    this.faultsInjected = 0;
    this.unauthorized = 0;
    this.tokenTenantMismatches = 0;
    this.mismatches = [];
  }

  snapshot(): CountersSnapshot {
    const obj = (map: Map<string, number>): Record<string, number> => Object.fromEntries(map);
    return {
      requests: obj(this.requests),
      clbMutatingRequests: obj(this.clbMutatingRequests),
      clbMutationsApplied: obj(this.clbMutationsApplied),
      authentications: obj(this.authentications),
      impersonations: obj(this.impersonations),
      endpointLookups: obj(this.endpointLookups),
      mossoLookups: obj(this.mossoLookups),
      faultsInjected: this.faultsInjected,
      faultsByRule: obj(this.faultsByRule),
      unauthorized: this.unauthorized,
      tokenTenantMismatches: this.tokenTenantMismatches,
      mismatches: [...this.mismatches],
    };
  }
}
