import { findPublicUrl } from '../../../../shared/request/catalog.js';
import type { EndpointConfig } from '../../../../shared/request/endpoint-resolver.js';
import type { CloudService } from '../../../../shared/request/service-request.js';
import type { ServiceCatalog } from '../../../../shared/request/token-source.js';

export interface MissingEndpoint {
  readonly service: CloudService;
  readonly name: string;
  readonly region: string;
}

/**
 * The configured services (without a fixed URL) that a catalog lacks in their region: the calls the
 * request function would refuse with an `endpoint` error. Pure.
 */
export function missingEndpoints(catalog: ServiceCatalog, endpoints: EndpointConfig): readonly MissingEndpoint[] {
  const missing: MissingEndpoint[] = [];
  for (const [service, config] of Object.entries(endpoints) as [CloudService, EndpointConfig[CloudService]][]) {
    if (config.url !== undefined) continue;
    if (findPublicUrl(catalog, config.name, config.region) === undefined)
      missing.push({ service, name: config.name, region: config.region });
  }
  return missing;
}
