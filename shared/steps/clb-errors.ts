import { errorRule, type ErrorRule } from './match-errors.js';
import type { Fault } from './fault.js';

/**
 * CLB error tables (otter `cloud_client/clb.py`); reference: otter-behaviour §6.7, cloud-apis §4.4.
 * Kelp extensions beyond otter's rows, each because our simulator (mimic parity) answers that way:
 * - `PENDING-DELETE` (hyphen) counts as deleted like `PENDING_DELETE`;
 * - duplicate nodes are recognised at 413 as well as 422;
 * - `Node not found` (404) is a missing node for ChangeCLBNode.
 */

const LB = String.raw`load\s*balancer`;

const fault =
  (error: string) =>
  (message: string): Fault => ({ error, message });

/** Applied, in this order, to add, change, remove and the LB reads. */
export const CLB_COMMON_ERRORS: readonly ErrorRule<Fault>[] = [
  errorRule(413, ['overLimit', 'message'], String.raw`OverLimit Retry\.{3}`, fault('CLBRateLimitError')),
  errorRule(
    422,
    ['message'],
    String.raw`(Load\s*Balancer '\d+' has a status of 'PENDING[_-]DELETE' and is|The load balancer is deleted and) considered immutable`,
    fault('CLBDeletedError'),
  ),
  errorRule(410, ['message'], String.raw`The ${LB} is marked as deleted`, fault('CLBDeletedError')),
  errorRule(
    422,
    ['message'],
    String.raw`Load\s*Balancer '\d+' has a status of '[^']+' and is considered immutable`,
    fault('CLBImmutableError'),
  ),
  errorRule(422, ['message'], String.raw`Load\s*Balancer is not ACTIVE`, fault('CLBNotActiveError')),
  errorRule(404, ['message'], String.raw`Load\s*balancer not found`, fault('NoSuchCLBError')),
];

const DUPLICATE_NODES = String.raw`Duplicate nodes detected\. One or more nodes already configured on ${LB}`;

export const ADD_NODES_ERRORS: readonly ErrorRule<Fault>[] = [
  errorRule(422, ['message'], DUPLICATE_NODES, fault('CLBDuplicateNodesError')),
  errorRule(413, ['message'], DUPLICATE_NODES, fault('CLBDuplicateNodesError')),
  ...CLB_COMMON_ERRORS,
  errorRule(413, ['message'], String.raw`Nodes must not exceed (\d+) per ${LB}`, (message, groups) => ({
    error: 'CLBNodeLimitError',
    message,
    nodeLimit: Number(groups[0]),
  })),
];

export const CHANGE_NODE_ERRORS: readonly ErrorRule<Fault>[] = [
  ...CLB_COMMON_ERRORS,
  errorRule(404, ['message'], String.raw`Node with id #\d+ not found for ${LB} #\d+$`, fault('NoSuchCLBNodeError')),
  errorRule(404, ['message'], String.raw`Node not found`, fault('NoSuchCLBNodeError')),
];

/** Bulk removal: the validation error listing ids not on the LB (checked before the common table). */
export const REMOVE_NODES_ERRORS: readonly ErrorRule<Fault>[] = [
  errorRule(
    400,
    ['validationErrors', 'messages', 0],
    String.raw`Node ids ((?:\d+,)*(?:\d+)) are not a part of your ${LB}`,
    (message, groups) => ({
      error: 'CLBNodesNotOnLoadBalancer',
      message,
      nodeIds: (groups[0] ?? '').split(','),
    }),
  ),
  ...CLB_COMMON_ERRORS,
];

/** Errors that mean the load balancer is gone or going (otter's `CLBNotFoundError` family). */
export const CLB_NOT_FOUND_ERRORS: readonly string[] = ['NoSuchCLBError', 'CLBDeletedError'];
