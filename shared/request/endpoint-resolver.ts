import { AppError } from '../errors/app-error.js';
import { findPublicUrl } from './catalog.js';
import type { CloudService } from './service-request.js';
import type { ServiceCatalog } from './token-source.js';

/** How one of Kelp's services is found: catalog name and region, or a fixed URL that skips the catalog. */
export interface ServiceEndpointConfig {
  readonly name: string;
  readonly region: string;
  readonly url?: string | undefined;
}

export type EndpointConfig = Readonly<Record<CloudService, ServiceEndpointConfig>>;

export type EndpointResolver = (catalog: ServiceCatalog, service: CloudService) => string;

/** The error for a catalog without the service in the region: not retryable, names service and region. */
export function missingEndpointError(service: CloudService, config: ServiceEndpointConfig): AppError {
  return AppError.nonRetryable(
    'endpoint',
    `no endpoint for service "${config.name}" in region "${config.region}" in the tenant's service catalog`,
    { details: { service, serviceName: config.name, region: config.region } },
  );
}

/**
 * Resolves base URLs: a configured URL wins; otherwise the catalog is searched by name and region. Results
 * are memoised per catalog object (catalogs are immutable and shared by every call with the same token).
 */
export function createEndpointResolver(config: EndpointConfig): EndpointResolver {
  const memo = new WeakMap<ServiceCatalog, Map<CloudService, string>>();
  return (catalog, service) => {
    const fixed = config[service].url;
    if (fixed !== undefined) return fixed;
    let perCatalog = memo.get(catalog);
    const known = perCatalog?.get(service);
    if (known !== undefined) return known;
    const found = findPublicUrl(catalog, config[service].name, config[service].region);
    if (found === undefined) throw missingEndpointError(service, config[service]);
    if (perCatalog === undefined) {
      perCatalog = new Map();
      memo.set(catalog, perCatalog);
    }
    perCatalog.set(service, found);
    return found;
  };
}
