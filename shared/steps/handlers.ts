import type { StepHandler } from './attempt.js';
import { addNodesToClbHandler } from './clb/add-nodes-to-clb.js';
import { changeClbNodeHandler } from './clb/change-clb-node.js';
import { removeNodesFromClbHandler } from './clb/remove-nodes-from-clb.js';
import { convergeLaterHandler, failConvergenceHandler } from './convergence/no-io-steps.js';
import { createServerHandler } from './nova/create-server.js';
import { deleteServerHandler } from './nova/delete-server.js';
import { setMetadataItemOnServerHandler } from './nova/set-metadata-item-on-server.js';
import { bulkAddToRcv3Handler } from './rcv3/bulk-add-to-rcv3.js';
import { bulkRemoveFromRcv3Handler } from './rcv3/bulk-remove-from-rcv3.js';
import type { Step, StepOfType, StepType } from './step.js';

/** One handler per step type: a step type without one is a compile error. */
export type StepHandlers = { readonly [K in StepType]: StepHandler<StepOfType<K>> };

export const STEP_HANDLERS: StepHandlers = {
  CreateServer: createServerHandler,
  DeleteServer: deleteServerHandler,
  SetMetadataItemOnServer: setMetadataItemOnServerHandler,
  AddNodesToCLB: addNodesToClbHandler,
  RemoveNodesFromCLB: removeNodesFromClbHandler,
  ChangeCLBNode: changeClbNodeHandler,
  BulkAddToRCv3: bulkAddToRcv3Handler,
  BulkRemoveFromRCv3: bulkRemoveFromRcv3Handler,
  ConvergeLater: convergeLaterHandler,
  FailConvergence: failConvergenceHandler,
};

/** The handler for a step, typed for that step (the one cast lives here). */
export function handlerFor<S extends Step>(step: S): StepHandler<S> {
  return STEP_HANDLERS[step.type] as unknown as StepHandler<S>;
}
