import type { GroupTargets } from './group-targets.js';
import type { ObservedIndex } from './observed-index.js';
import type { PlanSink } from './plan-sink.js';

/**
 * Everything the converge pass's helpers share for one plan: the index (which addresses a server by its
 * position in `observed.servers`), the group's targets, the clock and the output.
 */
export interface PlanWorld {
  readonly index: ObservedIndex;
  readonly targets: GroupTargets;
  readonly nowMs: number;
  /** `nowMs` as ISO 8601, for the drain-start metadata. */
  readonly nowIso: string;
  readonly sink: PlanSink;
}
