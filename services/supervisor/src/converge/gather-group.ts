import { ensureAppError } from '../../../../shared/errors/app-error.js';
import { markVanishedServers, normaliseServerPages } from '../../../../shared/convergence/normalise-servers.js';
import type { ObservedClb, ObservedRcV3Pool, ObservedState } from '../../../../shared/convergence/observed-state.js';
import type { ConvergeGroupJob, GroupRecord } from '../../../../shared/messages/converge-messages.js';
import type { RequestFunction } from '../../../../shared/request/request-fn.js';
import { requestOutcome } from '../../../../shared/request/request-outcome.js';
import type { QueryValue } from '../../../../shared/request/service-request.js';
import { errorReason, type Reason } from '../../../../shared/steps/step-result.js';
import { fatalReason } from '../performers/perform-nova.js';
import { initialLbSet, missingLbs, readClb, readPool, type LbSet, type Reading } from './core/lb-readings.js';
import { listServersRequest, nextPageQuery } from './core/nova-listing.js';
import { recordedServers } from './core/server-cache.js';
import type { LbCaller } from './lb-caller.js';

export interface GatherDeps {
  readonly request: RequestFunction;
  readonly lb: Pick<LbCaller, 'read'>;
  readonly novaPageSize: number;
  readonly maxNovaPages: number;
  readonly correlationId: string;
}

export type GatherResult =
  | {
      readonly ok: true;
      readonly observed: ObservedState;
      /** The load balancers read that exist (for the group record). */
      readonly lbs: LbSet;
      /** Entries the normalisers skipped, for the log. */
      readonly problems: readonly string[];
    }
  | { readonly ok: false; readonly reason: Reason; readonly fatal: boolean };

type Failure = Extract<GatherResult, { ok: false }>;

/**
 * Gathers a group's observed state (otter gathering, reference §7.3): Nova's full server listing, page by
 * page, through the request function, kept to this group by metadata and merged with the group record's
 * server cache (vanished servers become DELETED); and, at the same time, the CLB nodes and health monitors
 * and RCv3 pool members of every load balancer the launch config, the record or a server's metadata
 * names, read through the load-balancer service. Fails as a whole when any read fails: planning on a
 * partial view could delete or add the wrong things.
 */
export async function gatherGroup(
  deps: GatherDeps,
  job: Pick<ConvergeGroupJob, 'tenantId' | 'groupId' | 'desired'>,
  record: GroupRecord | undefined,
): Promise<GatherResult> {
  const initial = initialLbSet(job.desired, record);
  const clbReads = new Map<string, Promise<Reading<ObservedClb>>>();
  const poolReads = new Map<string, Promise<Reading<ObservedRcV3Pool>>>();
  const startReads = (set: LbSet): void => {
    for (const lbId of set.clbs) {
      if (clbReads.has(lbId)) continue;
      const nodes = deps.lb.read({ kind: 'clb-nodes', lbId });
      const monitor = deps.lb.read({ kind: 'clb-health-monitor', lbId });
      clbReads.set(
        lbId,
        Promise.all([nodes, monitor]).then(([n, m]) => readClb(lbId, n, m)),
      );
    }
    for (const poolId of set.pools) {
      if (poolReads.has(poolId)) continue;
      poolReads.set(
        poolId,
        deps.lb.read({ kind: 'rcv3-pool-nodes', poolId }).then((n) => readPool(poolId, n)),
      );
    }
  };
  startReads(initial);
  const pages = await listAllServers(deps, job.tenantId);
  if (!Array.isArray(pages)) {
    await Promise.all([...clbReads.values(), ...poolReads.values()]);
    return pages;
  }
  const fresh = normaliseServerPages(pages, job.groupId);
  startReads(missingLbs(fresh.items, initial));
  const clbs = await settle([...clbReads.values()]);
  const pools = await settle([...poolReads.values()]);
  if ('reason' in clbs) return clbs;
  if ('reason' in pools) return pools;
  return {
    ok: true,
    observed: {
      servers: markVanishedServers(recordedServers(record), fresh.items),
      clbs: clbs.values,
      rcv3Pools: pools.values,
    },
    lbs: { clbs: clbs.values.map((c) => c.lbId), pools: pools.values.map((p) => p.poolId) },
    problems: [...fresh.problems, ...clbs.problems, ...pools.problems],
  };
}

async function settle<T>(
  reads: readonly Promise<Reading<T>>[],
): Promise<{ readonly values: T[]; readonly problems: string[] } | Failure> {
  const values: T[] = [];
  const problems: string[] = [];
  let failure: Failure | undefined;
  for (const reading of await Promise.all(reads)) {
    if (reading.kind === 'present') {
      values.push(reading.value);
      problems.push(...reading.problems);
    } else if (reading.kind === 'failed' && (failure === undefined || (reading.fatal && !failure.fatal))) {
      failure = { ok: false, reason: reading.reason, fatal: reading.fatal };
    }
  }
  return failure ?? { values, problems };
}

/** Every page of `GET servers/detail`, or why the listing failed. */
async function listAllServers(deps: GatherDeps, tenantId: string): Promise<unknown[] | Failure> {
  const pages: unknown[] = [];
  let query: Readonly<Record<string, QueryValue>> | undefined = { limit: deps.novaPageSize };
  while (query !== undefined) {
    if (pages.length >= deps.maxNovaPages) {
      return {
        ok: false,
        reason: errorReason('GatherError', `Nova listed more than ${deps.maxNovaPages} pages`),
        fatal: false,
      };
    }
    const request = listServersRequest(query);
    let outcome;
    try {
      outcome = await requestOutcome(deps.request, tenantId, request, { correlationId: deps.correlationId });
    } catch (error) {
      return { ok: false, reason: fatalReason(ensureAppError(error), tenantId), fatal: true };
    }
    if (outcome.kind === 'transport-error') {
      return {
        ok: false,
        reason: errorReason('GatherError', `listing servers failed: ${outcome.message}`),
        fatal: false,
      };
    }
    if (!request.okStatus.includes(outcome.status)) {
      const text = `listing servers failed: Nova answered ${outcome.status}`;
      return { ok: false, reason: errorReason('GatherError', text), fatal: false };
    }
    pages.push(outcome.body);
    query = nextPageQuery(outcome.body);
  }
  return pages;
}
