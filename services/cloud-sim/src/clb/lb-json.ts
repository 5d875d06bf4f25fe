/**
 * Wire forms of a load balancer (full and list) and of its nodes. `nodes` is omitted when empty.
 */
import { isoSeconds } from '../clock.js';
import type { ClbNodeRecord, LbRecord } from './lb-record.js';

export function nodeJson(node: ClbNodeRecord): Record<string, unknown> {
  return {
    id: node.id,
    address: node.address,
    port: node.port,
    condition: node.condition,
    type: node.type,
    weight: node.weight,
    status: node.status,
  };
}

export function lbFullJson(lb: LbRecord, status: string): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: lb.id,
    name: lb.name,
    protocol: lb.protocol,
    port: lb.port,
    algorithm: lb.algorithm,
    status,
    timeout: lb.timeout,
    cluster: { name: `ztm-n${String(lb.id % 20).padStart(2, '0')}.${lb.region.toLowerCase()}1.lbaas.example.net` },
    created: { time: isoSeconds(lb.created) },
    updated: { time: isoSeconds(lb.updated) },
    virtualIps: lb.virtualIps,
    sourceAddresses: {
      ipv4Servicenet: '10.183.252.25',
      ipv4Public: '198.18.200.25',
      ipv6Public: '2001:db8:cafe::25',
    },
    httpsRedirect: lb.httpsRedirect,
    halfClosed: lb.halfClosed,
    connectionLogging: { enabled: lb.connectionLogging },
    contentCaching: { enabled: false },
    nodeCount: lb.nodes.length,
  };
  if (lb.metadata.length > 0) json['metadata'] = lb.metadata;
  if (lb.nodes.length > 0) json['nodes'] = lb.nodes.map(nodeJson);
  return json;
}

export function lbShortJson(lb: LbRecord, status: string): Record<string, unknown> {
  return {
    id: lb.id,
    name: lb.name,
    protocol: lb.protocol,
    port: lb.port,
    algorithm: lb.algorithm,
    status,
    timeout: lb.timeout,
    created: { time: isoSeconds(lb.created) },
    updated: { time: isoSeconds(lb.updated) },
    virtualIps: lb.virtualIps,
    nodeCount: lb.nodes.length,
  };
}
