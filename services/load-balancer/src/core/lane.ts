import type { LbStep } from '../../../../shared/steps/step.js';

/**
 * Steps are grouped into lanes; each lane has at most one request in flight, and the steps waiting in a
 * lane are merged into its next request. A CLB lane holds every mutation of one load balancer (the CLB
 * is immutable for a while after each change); an RCv3 lane holds a tenant's bulk calls.
 */
export type Lane =
  | { readonly kind: 'clb'; readonly key: string; readonly tenantId: string; readonly lbId: string }
  | { readonly kind: 'rcv3'; readonly key: string; readonly tenantId: string };

/** The lane key of one CLB of a tenant. */
export const clbLaneKey = (tenantId: string, lbId: string): string => JSON.stringify([tenantId, 'clb', lbId]);

export function laneOf(tenantId: string, step: LbStep): Lane {
  switch (step.type) {
    case 'AddNodesToCLB':
    case 'RemoveNodesFromCLB':
    case 'ChangeCLBNode':
      return { kind: 'clb', key: clbLaneKey(tenantId, step.lbId), tenantId, lbId: step.lbId };
    case 'BulkAddToRCv3':
    case 'BulkRemoveFromRCv3':
      return { kind: 'rcv3', key: JSON.stringify([tenantId, 'rcv3']), tenantId };
  }
}
