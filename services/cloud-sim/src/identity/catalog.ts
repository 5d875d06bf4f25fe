/**
 * The service catalog. URLs are built from the request's Host header, so they point back at whatever
 * address the client used, and end in the tenant id. The first path segment of each service carries a
 * seed-derived suffix (like mimic's `NovaApi-0871f7`), so clients must read URLs from the catalog.
 */
import { stableHex } from '../random.js';

export type CatalogServiceKey = 'nova' | 'clb' | 'rcv3' | 'novaControl' | 'clbControl';

export interface CatalogServiceSpec {
  readonly key: CatalogServiceKey;
  readonly name: string;
  readonly type: string;
  readonly version: 'v2' | 'v3';
  /** Decoys are mimic's control-plane entries: same type as a real service, different name. */
  readonly decoy: boolean;
}

/** Catalog order: decoys first, so a client that picks by type alone lands on the wrong one. */
export const CATALOG_SERVICES: readonly CatalogServiceSpec[] = [
  { key: 'novaControl', name: 'cloudServersBehavior', type: 'compute', version: 'v2', decoy: true },
  { key: 'clbControl', name: 'cloudLoadBalancerControl', type: 'rax:load-balancer', version: 'v2', decoy: true },
  { key: 'nova', name: 'cloudServersOpenStack', type: 'compute', version: 'v2', decoy: false },
  { key: 'clb', name: 'cloudLoadBalancers', type: 'rax:load-balancer', version: 'v2', decoy: false },
  { key: 'rcv3', name: 'rackconnect', type: 'rax:rackconnect', version: 'v3', decoy: false },
];

export type ServiceSegments = Readonly<Record<CatalogServiceKey, string>>;

/** The first URL path segment of each service, derived from the seed (e.g. `nova-3fa2c1`). */
export function serviceSegments(seed: string): ServiceSegments {
  const segment = (prefix: string): string => `${prefix}-${stableHex(`${seed}:${prefix}`, 6)}`;
  return {
    nova: segment('nova'),
    clb: segment('clb'),
    rcv3: segment('rcv3'),
    novaControl: segment('nova-control'),
    clbControl: segment('clb-control'),
  };
}

export function serviceUrl(
  baseUrl: string,
  segments: ServiceSegments,
  key: CatalogServiceKey,
  region: string,
  tenantId: string,
): string {
  const spec = CATALOG_SERVICES.find((s) => s.key === key);
  return `${baseUrl}/${segments[key]}/${region}/${spec?.version ?? 'v2'}/${encodeURIComponent(tenantId)}`;
}

export interface CatalogEndpoint {
  readonly region: string;
  readonly tenantId: string;
  readonly publicURL: string;
  readonly internalURL: string;
}

export interface CatalogEntry {
  readonly name: string;
  readonly type: string;
  readonly endpoints: readonly CatalogEndpoint[];
}

export interface CatalogLayout {
  readonly segments: ServiceSegments;
  readonly regions: readonly string[];
  readonly decoys: boolean;
}

export function buildCatalog(baseUrl: string, tenantId: string, layout: CatalogLayout): CatalogEntry[] {
  return CATALOG_SERVICES.filter((spec) => layout.decoys || !spec.decoy).map((spec) => ({
    name: spec.name,
    type: spec.type,
    endpoints: layout.regions.map((region) => {
      const url = serviceUrl(baseUrl, layout.segments, spec.key, region, tenantId);
      return { region, tenantId, publicURL: url, internalURL: url };
    }),
  }));
}

/** The flat `endpoints` list of `GET tokens/{token}/endpoints`; entries of one service stay adjacent. */
export function flattenCatalog(catalog: readonly CatalogEntry[]): Record<string, unknown>[] {
  let id = 0;
  return catalog.flatMap((entry) =>
    entry.endpoints.map((endpoint) => {
      id += 1;
      return { ...endpoint, name: entry.name, type: entry.type, id };
    }),
  );
}
