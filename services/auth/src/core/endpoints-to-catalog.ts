import type { CatalogEntry, ServiceCatalog } from '../../../../shared/request/token-source.js';

/** One entry of Identity's `GET tokens/{token}/endpoints` list (flat: name and type on every endpoint). */
export interface FlatEndpoint {
  readonly name: string;
  readonly type: string;
  readonly region?: string | undefined;
  readonly publicURL: string;
  readonly internalURL?: string | undefined;
  readonly tenantId?: string | undefined;
}

/**
 * Turns the flat endpoints list into a service catalog: consecutive entries with equal (name, type) become
 * one catalog entry, in order (otter's conversion; lookups search every entry with a name, so non-adjacent
 * duplicates are still found). Pure.
 */
export function endpointsToCatalog(endpoints: readonly FlatEndpoint[]): ServiceCatalog {
  const catalog: CatalogEntry[] = [];
  let current: { name: string; type: string; endpoints: CatalogEntry['endpoints'][number][] } | undefined;
  for (const endpoint of endpoints) {
    if (current === undefined || current.name !== endpoint.name || current.type !== endpoint.type) {
      current = { name: endpoint.name, type: endpoint.type, endpoints: [] };
      catalog.push(current);
    }
    current.endpoints.push({
      publicURL: endpoint.publicURL,
      ...(endpoint.region === undefined ? {} : { region: endpoint.region }),
      ...(endpoint.internalURL === undefined ? {} : { internalURL: endpoint.internalURL }),
      ...(endpoint.tenantId === undefined ? {} : { tenantId: endpoint.tenantId }),
    });
  }
  return catalog;
}
