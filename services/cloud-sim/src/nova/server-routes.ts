/**
 * Nova server endpoints: create, get, list (plain and detail), delete, ips.
 */
import { isRecord, parseJson } from '../http/body.js';
import type { TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { emptyReply, jsonReply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import { knobBehaviour, planCreate } from './creation-behaviours.js';
import { listServers } from './list-servers.js';
import { NOVA_TEXTS, novaError, novaErrorReply } from './nova-errors.js';
import { parseCreateServer } from './parse-create.js';
import { addressesJson, serverJsonText, serverLinks } from './server-json.js';
import { addServer, countQuotaServers, findLiveServer, requestDelete } from './server-store.js';

const notFound = (message: string = NOVA_TEXTS.notFound): Reply => novaErrorReply(novaError(404, message));

export function quotaText(used: number, quota: number): string {
  return `Quota exceeded for instances: Requested 1, but already used ${used} of ${quota} instances`;
}

export function createServer(state: SimState, req: TenantRequest): Reply {
  const parsed = parseJson(req.body);
  if (!parsed.ok) return novaErrorReply(novaError(400, NOVA_TEXTS.invalidJson));
  const checked = parseCreateServer(parsed.value, state.images, state.flavors);
  if (!checked.ok) return novaErrorReply(checked.error);
  const input = checked.input;
  const partition = state.partition(req.tenantId, req.region);
  const used = countQuotaServers(partition, req.now);
  if (used >= state.config.serverQuota) {
    return novaErrorReply(novaError(403, quotaText(used, state.config.serverQuota)));
  }
  const behaviour =
    knobBehaviour(input.metadata) ?? partition.creation.resolve({ serverName: input.name, metadata: input.metadata });
  const plan = planCreate(behaviour);
  const server = plan.build === null ? null : addServer(state, partition, input, plan.build, req.now);
  if (plan.error !== null || server === null)
    return plan.error ?? novaErrorReply(novaError(500, NOVA_TEXTS.computeFault));
  const links = serverLinks(req.serviceUrl, server.id);
  return jsonReply(
    202,
    { server: { id: server.id, links, adminPass: server.adminPass, 'OS-DCF:diskConfig': server.diskConfig } },
    { location: links[0]?.href ?? '' },
  );
}

export function getServer(state: SimState, req: TenantRequest): Reply {
  const server = findLiveServer(state, req.tenantId, req.region, req.params['id'] ?? '', req.now);
  if (server === undefined) return notFound();
  return { status: 200, rawJson: `{"server":${serverJsonText(server, req.now, req.serviceUrl)}}` };
}

export function getServerIps(state: SimState, req: TenantRequest): Reply {
  const server = findLiveServer(state, req.tenantId, req.region, req.params['id'] ?? '', req.now);
  if (server === undefined) return notFound(NOVA_TEXTS.ipsNotFound);
  return jsonReply(200, { addresses: addressesJson(server) });
}

function listHandler(detail: boolean) {
  return (state: SimState, req: TenantRequest): Reply => {
    const q = req.query;
    const get = (key: string): string | undefined => q.get(key) ?? undefined;
    const partition = state.findPartition(req.tenantId, req.region);
    const result = listServers(
      partition?.servers.values() ?? [],
      req.now,
      {
        name: get('name'),
        status: get('status'),
        changesSince: get('changes-since'),
        limit: get('limit'),
        marker: get('marker'),
      },
      state.config.novaMaxLimit,
    );
    if (!result.ok) return novaErrorReply(novaError(400, result.message));
    const path = detail ? '/servers/detail' : '/servers';
    const rows = result.page.map(({ server }) =>
      detail
        ? serverJsonText(server, req.now, req.serviceUrl)
        : JSON.stringify({ id: server.id, name: server.name, links: serverLinks(req.serviceUrl, server.id) }),
    );
    let links = '';
    if (result.nextMarker !== null) {
      const params = new URLSearchParams(q);
      params.set('marker', result.nextMarker);
      links = `,"servers_links":${JSON.stringify([{ href: `${req.serviceUrl}${path}?${params.toString()}`, rel: 'next' }])}`;
    }
    return { status: 200, rawJson: `{"servers":[${rows.join(',')}]${links}}` };
  };
}

export const listServersDetail = listHandler(true);
export const listServersPlain = listHandler(false);

/** Mimic's `delete_server_failure` knob: `{"times": N, "code": C}`; counts down inside the metadata. */
function knobDeleteFailure(metadata: Record<string, string>): number | null {
  const knob = metadata['delete_server_failure'];
  if (knob === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(knob);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed['times'] !== 'number' || parsed['times'] <= 0) return null;
  metadata['delete_server_failure'] = JSON.stringify({ ...parsed, times: parsed['times'] - 1 });
  return typeof parsed['code'] === 'number' ? parsed['code'] : 500;
}

export function deleteServer(state: SimState, req: TenantRequest): Reply {
  const id = req.params['id'] ?? '';
  const server = findLiveServer(state, req.tenantId, req.region, id, req.now);
  if (server === undefined) return notFound();
  const knobCode = knobDeleteFailure(server.metadata);
  if (knobCode !== null) {
    server.version += 1;
    return novaErrorReply(novaError(knobCode, NOVA_TEXTS.computeFault));
  }
  const rules = state.partition(req.tenantId, req.region).deleteFailures;
  const index = rules.findIndex((r) => r.serverId === null || r.serverId === id);
  const rule = rules[index];
  if (rule !== undefined) {
    rule.remaining -= 1;
    if (rule.remaining <= 0) rules.splice(index, 1);
    return rule.body === undefined
      ? novaErrorReply(novaError(rule.status, NOVA_TEXTS.computeFault))
      : jsonReply(rule.status, rule.body);
  }
  requestDelete(server, req.now, state.config.deleteTimeMs);
  return emptyReply(204);
}
