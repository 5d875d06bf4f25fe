import type {
  AddNodesToCLB,
  BulkAddToRCv3,
  BulkRemoveFromRCv3,
  ChangeCLBNode,
  RemoveNodesFromCLB,
} from '../../../../shared/steps/step.js';
import type { WorkItem } from './work-item.js';

/** One step's share of a merged request. */
export interface Member<S> {
  readonly item: WorkItem;
  /** The step as this request performs it (for a removal: only the ids in this request). */
  readonly step: S;
}

/** A removal's share: the ids in this request, and the ids it still has to remove afterwards. */
export interface RemoveMember extends Member<RemoveNodesFromCLB> {
  readonly rest: readonly string[];
}

/** The steps one lane sends next, as one request (plus the resends partial answers call for). */
export type Batch =
  | {
      readonly kind: 'clb-add';
      readonly tenantId: string;
      readonly lbId: string;
      readonly members: readonly Member<AddNodesToCLB>[];
    }
  | {
      readonly kind: 'clb-remove';
      readonly tenantId: string;
      readonly lbId: string;
      readonly members: readonly RemoveMember[];
    }
  | {
      readonly kind: 'clb-change';
      readonly tenantId: string;
      readonly lbId: string;
      readonly members: readonly [Member<ChangeCLBNode>];
    }
  | { readonly kind: 'rcv3-add'; readonly tenantId: string; readonly members: readonly Member<BulkAddToRCv3>[] }
  | {
      readonly kind: 'rcv3-remove';
      readonly tenantId: string;
      readonly members: readonly Member<BulkRemoveFromRCv3>[];
    };

export type BatchKind = Batch['kind'];

export const BATCH_KINDS: readonly BatchKind[] = ['clb-add', 'clb-remove', 'clb-change', 'rcv3-add', 'rcv3-remove'];

export function batchItems(batch: Batch): readonly WorkItem[] {
  return batch.members.map((member) => member.item);
}

/** True for the batch kinds that change a CLB (and so make it immutable for a while). */
export function isClbBatch(batch: Batch): batch is Extract<Batch, { lbId: string }> {
  return batch.kind === 'clb-add' || batch.kind === 'clb-remove' || batch.kind === 'clb-change';
}
