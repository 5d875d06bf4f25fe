import type { RcV3Pair } from '../step.js';
import type { Rcv3BulkError } from '../rcv3-errors.js';
import { normalizePairs, withoutPairs } from './rcv3-request.js';

/**
 * The pairs a bulk answer says need no more work: on add, the pairs already members; on remove, pairs not
 * members, and every attempted pair whose pool or server does not exist.
 */
export function settledPairs(attempted: readonly RcV3Pair[], errors: readonly Rcv3BulkError[]): readonly RcV3Pair[] {
  const pairs = normalizePairs(attempted);
  return errors.flatMap((error): readonly RcV3Pair[] => {
    switch (error.kind) {
      case 'already-member':
      case 'not-member':
        return [{ poolId: error.poolId.toLowerCase(), serverId: error.serverId }];
      case 'pool-missing':
        return pairs.filter((pair) => pair.poolId === error.poolId.toLowerCase());
      case 'server-missing':
        return pairs.filter((pair) => pair.serverId === error.serverId);
      case 'pool-inactive':
      case 'server-unprocessable':
        return [];
    }
  });
}

/** What to resend after dropping settled pairs; `null` when that would not shrink the request. */
export function pairsToResend(
  attempted: readonly RcV3Pair[],
  settled: readonly RcV3Pair[],
): readonly RcV3Pair[] | null {
  const remaining = withoutPairs(attempted, settled);
  return remaining.length < normalizePairs(attempted).length ? remaining : null;
}
