/**
 * The wire form of a server (`GET /servers/{id}`, `servers/detail`). Serialisation of the full form is
 * cached per server until its state or the base URL changes: it is the simulator's hottest path.
 */
import { isoSeconds } from '../clock.js';
import type { ServerRecord, ServerView } from './server-record.js';
import { viewServer } from './server-record.js';

function links(serviceUrl: string, kind: string, id: string): { href: string; rel: string }[] {
  return [
    { href: `${serviceUrl}/${kind}/${id}`, rel: 'self' },
    { href: `${serviceUrl.replace(/\/v2\//, '/')}/${kind}/${id}`, rel: 'bookmark' },
  ];
}

export function serverLinks(serviceUrl: string, id: string): { href: string; rel: string }[] {
  return links(serviceUrl, 'servers', id);
}

export function addressesJson(server: ServerRecord): Record<string, { addr: string; version: number }[]> {
  return {
    private: [{ addr: server.addresses.private4, version: 4 }],
    public: [
      { addr: server.addresses.public4, version: 4 },
      { addr: server.addresses.public6, version: 6 },
    ],
  };
}

export function serverJson(server: ServerRecord, view: ServerView, serviceUrl: string): Record<string, unknown> {
  return {
    id: server.id,
    name: server.name,
    status: view.status,
    'OS-EXT-STS:vm_state': view.vmState,
    'OS-EXT-STS:task_state': view.taskState,
    'OS-EXT-STS:power_state': view.powerState,
    'OS-DCF:diskConfig': server.diskConfig,
    addresses: addressesJson(server),
    accessIPv4: server.addresses.public4,
    accessIPv6: server.addresses.public6,
    created: isoSeconds(server.created),
    updated: isoSeconds(view.updated),
    flavor: { id: server.flavorRef, links: links(serviceUrl, 'flavors', server.flavorRef).slice(1) },
    image: { id: server.imageRef, links: links(serviceUrl, 'images', server.imageRef).slice(1) },
    links: serverLinks(serviceUrl, server.id),
    key_name: server.keyName,
    metadata: server.metadata,
    tenant_id: server.tenantId,
    user_id: server.tenantId,
    hostId: server.hostId,
    progress: view.progress,
  };
}

/** The full server JSON as a string, reusing the cached serialisation when nothing changed. */
export function serverJsonText(server: ServerRecord, now: number, serviceUrl: string): string {
  const view = viewServer(server, now);
  const key = `${server.version}|${view.phaseIndex}|${view.deleting ? 1 : 0}|${serviceUrl}`;
  if (server.jsonCache !== null && server.jsonCache.key === key) return server.jsonCache.json;
  const json = JSON.stringify(serverJson(server, view, serviceUrl));
  server.jsonCache = { key, json };
  return json;
}
