/**
 * Nova server-metadata endpoints: get all, replace all (PUT), merge (POST), get/set/delete one item.
 * Every change bumps the server's `updated` (so `changes-since` sees it).
 */
import { isRecord, parseJson } from '../http/body.js';
import type { TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { emptyReply, jsonReply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import { checkMetadata, checkMetadataItem, METADATA_TEXTS } from './metadata-rules.js';
import { NOVA_TEXTS, novaError, novaErrorReply } from './nova-errors.js';
import type { ServerRecord } from './server-record.js';
import { findLiveServer } from './server-store.js';

type MetadataHandler = (state: SimState, req: TenantRequest, server: ServerRecord) => Reply;

function withServer(handler: MetadataHandler) {
  return (state: SimState, req: TenantRequest): Reply => {
    const server = findLiveServer(state, req.tenantId, req.region, req.params['id'] ?? '', req.now);
    if (server === undefined) return novaErrorReply(novaError(404, NOVA_TEXTS.metadataServerNotFound));
    return handler(state, req, server);
  };
}

function touch(server: ServerRecord, now: number): void {
  server.metadataUpdatedAt = now;
  server.version += 1;
}

function readMetadataBody(req: TenantRequest): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  const parsed = parseJson(req.body);
  if (!parsed.ok || !isRecord(parsed.value) || !('metadata' in parsed.value)) {
    return { ok: false, reply: novaErrorReply(novaError(400, METADATA_TEXTS.malformed)) };
  }
  return { ok: true, value: parsed.value['metadata'] };
}

export const getMetadata = withServer((_state, _req, server) => jsonReply(200, { metadata: server.metadata }));

export const replaceMetadata = withServer((_state, req, server) => {
  const body = readMetadataBody(req);
  if (!body.ok) return body.reply;
  const checked = checkMetadata(body.value);
  if (!checked.ok) return novaErrorReply(checked.error);
  server.metadata = checked.metadata;
  touch(server, req.now);
  return jsonReply(200, { metadata: server.metadata });
});

export const mergeMetadata = withServer((_state, req, server) => {
  const body = readMetadataBody(req);
  if (!body.ok) return body.reply;
  const incoming = checkMetadata(body.value);
  if (!incoming.ok) return novaErrorReply(incoming.error);
  const merged = checkMetadata({ ...server.metadata, ...incoming.metadata });
  if (!merged.ok) return novaErrorReply(merged.error);
  server.metadata = merged.metadata;
  touch(server, req.now);
  return jsonReply(200, { metadata: server.metadata });
});

export const getMetadataItem = withServer((_state, req, server) => {
  const key = req.params['key'] ?? '';
  const value = server.metadata[key];
  if (value === undefined) return novaErrorReply(novaError(404, NOVA_TEXTS.metadataItemNotFound));
  return jsonReply(200, { meta: { [key]: value } });
});

export const setMetadataItem = withServer((_state, req, server) => {
  const key = req.params['key'] ?? '';
  const parsed = parseJson(req.body);
  if (!parsed.ok) return novaErrorReply(novaError(400, METADATA_TEXTS.malformed));
  const checked = checkMetadataItem(parsed.value, key, server.metadata);
  if (!checked.ok) return novaErrorReply(checked.error);
  server.metadata = { ...server.metadata, [key]: checked.value };
  touch(server, req.now);
  return jsonReply(200, { meta: { [key]: checked.value } });
});

export const deleteMetadataItem = withServer((_state, req, server) => {
  const key = req.params['key'] ?? '';
  if (!(key in server.metadata)) return novaErrorReply(novaError(404, NOVA_TEXTS.metadataItemNotFound));
  const { [key]: _removed, ...rest } = server.metadata;
  server.metadata = rest;
  touch(server, req.now);
  return emptyReply(204);
});
