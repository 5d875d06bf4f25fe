/**
 * CLB's error bodies and the exact texts clients parse (otter-behaviour.md §6.7, cloud-apis.md §4.4).
 */
import type { Reply } from '../http/reply.js';
import { jsonReply } from '../http/reply.js';

export const CLB_TEXTS = {
  lbNotFound: 'Load balancer not found',
  nodeNotFound: 'Node not found',
  nodeNotFoundForUpdate: (nodeId: string, lbId: string): string =>
    `Node with id #${nodeId} not found for loadbalancer #${lbId}`,
  immutable: (lbId: number, status: string): string =>
    `Load Balancer '${lbId}' has a status of '${status}' and is considered immutable.`,
  deletedImmutable: 'The load balancer is deleted and considered immutable.',
  notActive: 'LoadBalancer is not ACTIVE',
  markedDeleted: 'The loadbalancer is marked as deleted.',
  invalidJson: 'Invalid JSON request body',
  nodeLimit: (limit: number): string => `Nodes must not exceed ${limit} per load balancer.`,
  duplicateNodes: 'Duplicate nodes detected. One or more nodes already configured on load balancer.',
  noIds: "Must supply one or more id's to process this request.",
  notPartOf: (ids: readonly string[]): string => `Node ids ${ids.join(',')} are not a part of your loadbalancer`,
  batchLimit: (count: number): string =>
    `Request to delete ${count} nodes exceeds the account limit BATCH_DELETE_LIMIT of 10 please attempt to delete fewer then 10 nodes`,
  schema: 'JSON does not match the expected schema',
  ipImmutable: 'Node ip field cannot be modified.',
  portImmutable: 'Port field cannot be modified.',
  idImmutable: 'Node id field cannot be modified.',
  weightRange: 'Node weight is invalid. Range is 1-100. Please specify a valid weight.',
  unknownError: 'An unknown exception has occurred. Please contact support.',
} as const;

export function clbError(status: number, message: string): Reply {
  return jsonReply(status, { message, code: status });
}

/** The "Validation Failure" envelope. */
export function clbValidationError(messages: readonly string[]): Reply {
  return jsonReply(400, {
    validationErrors: { messages },
    message: 'Validation Failure',
    code: 400,
    details: 'The object is not valid',
  });
}

/** The node-PUT schema error (note: `message` is a list and there is no `code`). */
export function clbSchemaError(): Reply {
  return jsonReply(400, { message: [CLB_TEXTS.schema] });
}
