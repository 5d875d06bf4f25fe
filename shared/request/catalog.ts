import type { ServiceCatalog } from './token-source.js';

/**
 * The public URL of a service in a region: the first endpoint in `region` among the catalog entries named
 * `name` (otter `public_endpoint_url`, except that every entry with the name is searched, not only the
 * first, since Identity may list one service in several non-adjacent entries). Never matches by `type`.
 */
export function findPublicUrl(catalog: ServiceCatalog, name: string, region: string): string | undefined {
  for (const entry of catalog) {
    if (entry.name !== name) continue;
    for (const endpoint of entry.endpoints) {
      if (endpoint.region === region) return endpoint.publicURL;
    }
  }
  return undefined;
}
