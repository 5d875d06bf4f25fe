import type { DesiredGroupState } from '../../../../../shared/convergence/desired-state.js';
import { isRcV3Config } from '../../../../../shared/convergence/desired-state.js';
import {
  normaliseClbNodes,
  hasHealthMonitor,
  normaliseRcV3PoolNodes,
} from '../../../../../shared/convergence/normalise-lb.js';
import type {
  ObservedClb,
  ObservedRcV3Pool,
  ObservedServer,
} from '../../../../../shared/convergence/observed-state.js';
import type { GroupRecord } from '../../../../../shared/messages/converge-messages.js';
import type { LbReadResultPayload } from '../../../../../shared/messages/lb-messages.js';
import { noSuchEndpointText } from '../../../../../shared/steps/fault-reason.js';
import { errorReason, userReason, type Reason } from '../../../../../shared/steps/step-result.js';

/** The load balancers a gather reads: CLB ids and (lower-cased) RCv3 pool ids. */
export interface LbSet {
  readonly clbs: readonly string[];
  readonly pools: readonly string[];
}

/**
 * What to read before the servers are known: the launch config's load balancers and the ones the group
 * record says the group used (so nodes of servers that vanished with their metadata are still found).
 */
export function initialLbSet(desired: DesiredGroupState, record: GroupRecord | undefined): LbSet {
  const clbs = new Set<string>(record?.lbs.clb ?? []);
  const pools = new Set<string>((record?.lbs.rcv3 ?? []).map((p) => p.toLowerCase()));
  for (const lb of desired.launchConfig.loadBalancers) {
    if (isRcV3Config(lb)) pools.add(lb.loadBalancerId.toLowerCase());
    else clbs.add(lb.loadBalancerId);
  }
  return { clbs: [...clbs], pools: [...pools] };
}

/** Load balancers the servers' metadata names that `read` does not hold yet (otter reads all the tenant's). */
export function missingLbs(servers: readonly ObservedServer[], read: LbSet): LbSet {
  const clbs = new Set<string>();
  const pools = new Set<string>();
  const haveClb = new Set(read.clbs);
  const havePool = new Set(read.pools);
  for (const server of servers) {
    for (const { lbId } of server.metadataLbs.clb) if (!haveClb.has(lbId)) clbs.add(lbId);
    for (const poolId of server.metadataLbs.rcv3) if (!havePool.has(poolId)) pools.add(poolId);
  }
  return { clbs: [...clbs], pools: [...pools] };
}

/** A load balancer as gathering found it: there, gone, or unreadable (the cycle cannot plan). */
export type Reading<T> =
  | { readonly kind: 'present'; readonly value: T; readonly problems: readonly string[] }
  | { readonly kind: 'absent' }
  | { readonly kind: 'failed'; readonly reason: Reason; readonly fatal: boolean };

type ReadFailure = Extract<LbReadResultPayload, { ok: false }>['error'];

const GONE_CLB_ERRORS = new Set(['NoSuchCLBError', 'CLBDeletedError']);

function failed(what: string, error: ReadFailure, serviceName: string): Reading<never> {
  if (error.kind === 'endpoint') {
    return { kind: 'failed', reason: userReason(noSuchEndpointText(serviceName), 'NoSuchEndpoint'), fatal: true };
  }
  const status = error.status === undefined ? '' : ` (${error.status})`;
  return {
    kind: 'failed',
    reason: errorReason('GatherError', `reading ${what} failed${status}: ${error.message}`),
    fatal: false,
  };
}

/**
 * A CLB from its nodes and health-monitor reads (otter gathering §7.3): a CLB that is not found or
 * deleted is absent; an endpoint missing from the catalog is fatal; anything else fails this gather.
 */
export function readClb(lbId: string, nodes: LbReadResultPayload, monitor: LbReadResultPayload): Reading<ObservedClb> {
  for (const read of [nodes, monitor]) {
    if (!read.ok && (GONE_CLB_ERRORS.has(read.error.kind) || read.error.status === 404 || read.error.status === 410)) {
      return { kind: 'absent' };
    }
  }
  if (!nodes.ok) return failed(`the nodes of Cloud Load Balancer ${lbId}`, nodes.error, 'cloudLoadBalancers');
  if (!monitor.ok)
    return failed(`the health monitor of Cloud Load Balancer ${lbId}`, monitor.error, 'cloudLoadBalancers');
  const normalised = normaliseClbNodes(nodes.body);
  return {
    kind: 'present',
    value: { lbId, healthMonitor: hasHealthMonitor(monitor.body), nodes: normalised.items },
    problems: normalised.problems.map((p) => `CLB ${lbId}: ${p}`),
  };
}

/** An RCv3 pool from its nodes read: 404 (or an id RCv3 cannot parse, 400) means it does not exist. */
export function readPool(poolId: string, nodes: LbReadResultPayload): Reading<ObservedRcV3Pool> {
  if (!nodes.ok) {
    if (nodes.error.status === 404 || nodes.error.status === 400) return { kind: 'absent' };
    return failed(`the nodes of RackConnect v3 pool ${poolId}`, nodes.error, 'rackconnect');
  }
  const normalised = normaliseRcV3PoolNodes(nodes.body);
  return {
    kind: 'present',
    value: { poolId: poolId.toLowerCase(), members: normalised.items },
    problems: normalised.problems.map((p) => `pool ${poolId}: ${p}`),
  };
}
