/**
 * Nova's route table (paths below `/v2/{tenant}`), plus the small read-only catalogue endpoints.
 */
import type { ServiceRoute, TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { jsonReply } from '../http/reply.js';
import { Router } from '../http/router.js';
import type { SimState } from '../state/sim-state.js';
import { MAX_METADATA_ITEMS } from './metadata-rules.js';
import {
  deleteMetadataItem,
  getMetadata,
  getMetadataItem,
  mergeMetadata,
  replaceMetadata,
  setMetadataItem,
} from './metadata-routes.js';
import { NOVA_TEXTS, novaError, novaErrorReply } from './nova-errors.js';
import {
  createServer,
  deleteServer,
  getServer,
  getServerIps,
  listServersDetail,
  listServersPlain,
} from './server-routes.js';

function getImage(state: SimState, req: TenantRequest): Reply {
  const image = state.images.get(req.params['id'] ?? '');
  if (image === undefined) return novaErrorReply(novaError(404, 'Image not found.'));
  return jsonReply(200, { image: { id: image.id, name: image.name, status: 'ACTIVE' } });
}

function getFlavor(state: SimState, req: TenantRequest): Reply {
  const id = req.params['id'] ?? '';
  if (!state.flavors.has(id)) return novaErrorReply(novaError(404, NOVA_TEXTS.resourceNotFound));
  return jsonReply(200, { flavor: { id, name: id } });
}

function getLimits(state: SimState): Reply {
  return jsonReply(200, {
    limits: {
      rate: [],
      absolute: { maxTotalInstances: state.config.serverQuota, maxServerMeta: MAX_METADATA_ITEMS },
    },
  });
}

const route = (handle: ServiceRoute['handle']): ServiceRoute => ({ handle });

export function createNovaRouter(): Router<ServiceRoute> {
  return new Router<ServiceRoute>()
    .add('POST', '/servers', route(createServer))
    .add('GET', '/servers', route(listServersPlain))
    .add('GET', '/servers/detail', route(listServersDetail))
    .add('GET', '/servers/{id}', route(getServer))
    .add('DELETE', '/servers/{id}', route(deleteServer))
    .add('GET', '/servers/{id}/ips', route(getServerIps))
    .add('GET', '/servers/{id}/metadata', route(getMetadata))
    .add('PUT', '/servers/{id}/metadata', route(replaceMetadata))
    .add('POST', '/servers/{id}/metadata', route(mergeMetadata))
    .add('GET', '/servers/{id}/metadata/{key}', route(getMetadataItem))
    .add('PUT', '/servers/{id}/metadata/{key}', route(setMetadataItem))
    .add('DELETE', '/servers/{id}/metadata/{key}', route(deleteMetadataItem))
    .add('GET', '/images/{id}', route(getImage))
    .add('GET', '/flavors/{id}', route(getFlavor))
    .add('GET', '/limits', route(getLimits));
}
