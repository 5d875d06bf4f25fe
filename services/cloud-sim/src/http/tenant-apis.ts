/**
 * The tenant-scoped APIs by their first URL path segment: Nova, CLB, RCv3 and mimic's two control planes.
 */
import { createClbRouter } from '../clb/clb-router.js';
import type { SimService } from '../config.js';
import { createClbControlRouter, createNovaControlRouter } from '../control/mimic-routes.js';
import type { CatalogServiceKey, ServiceSegments } from '../identity/catalog.js';
import { createNovaRouter } from '../nova/nova-router.js';
import { createRcv3Router } from '../rcv3/rcv3-routes.js';
import type { ServiceRoute } from './request-info.js';
import type { Router } from './router.js';

export interface TenantApi {
  readonly key: CatalogServiceKey;
  /** The simulated service, or null for a control plane (no token check, latency or faults). */
  readonly service: SimService | null;
  readonly version: string;
  readonly router: Router<ServiceRoute>;
}

export function createTenantApis(segments: ServiceSegments): Map<string, TenantApi> {
  const apis: TenantApi[] = [
    { key: 'nova', service: 'nova', version: 'v2', router: createNovaRouter() },
    { key: 'clb', service: 'clb', version: 'v2', router: createClbRouter() },
    { key: 'rcv3', service: 'rcv3', version: 'v3', router: createRcv3Router() },
    { key: 'novaControl', service: null, version: 'v2', router: createNovaControlRouter() },
    { key: 'clbControl', service: null, version: 'v2', router: createClbControlRouter() },
  ];
  return new Map(apis.map((api) => [segments[api.key], api]));
}
