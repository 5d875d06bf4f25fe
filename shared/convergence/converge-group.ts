import { infoReason, userReason } from '../steps/step-result.js';
import type { ServerConfig, Step } from '../steps/step.js';
import { convergeKeptServer, resolveTargets } from './converge-lb-state.js';
import type { DesiredGroupState } from './desired-state.js';
import { destinyOf } from './destiny.js';
import { deleteNow, drainAndDelete, removeAllMemberships } from './drain-and-delete.js';
import { groupTargets } from './group-targets.js';
import { indexObserved } from './observed-index.js';
import type { ObservedServer, ObservedState } from './observed-state.js';
import { createPlanSink, noteReason, sinkSteps } from './plan-sink.js';
import type { PlanWorld } from './plan-world.js';
import { newServerMetadata } from './server-metadata.js';
import { type ServerSuffixes, serverName } from './server-name.js';

export interface ConvergeContext {
  readonly groupId: string;
  /** Name suffixes for the servers this plan creates (see `seededServerSuffixes`). */
  readonly serverSuffixes: ServerSuffixes;
}

/** Newest first; equal `created` → larger id first, so among equals the smaller id is deleted first. */
function compareNewestFirst(a: ObservedServer, b: ObservedServer): number {
  return b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function createSteps(desired: DesiredGroupState, context: ConvergeContext, count: number, steps: Step[]): void {
  const { name, ...server } = desired.launchConfig.server;
  const metadata = newServerMetadata(context.groupId, desired.launchConfig);
  for (let i = 0; i < count; i++) {
    const serverConfig: ServerConfig = {
      server: { ...server, name: serverName(name, context.serverSuffixes(i)), metadata },
    };
    steps.push({ type: 'CreateServer', serverConfig });
  }
}

/**
 * The converge pass (otter `converge_launch_server`, reference §7.4): every step that closes the gap
 * between `desired` and `observed` at `nowMs`, unlimited and unmerged. In decision order: replacements of
 * broken servers, creates, scale-down and draining, clean-up of vanished servers, then LB convergence and
 * metadata fixes of the servers kept; waits and failures last as ConvergeLater / FailConvergence.
 */
export function convergeGroup(
  desired: DesiredGroupState,
  observed: ObservedState,
  nowMs: number,
  context: ConvergeContext,
): Step[] {
  const targets = groupTargets(context.groupId, desired);
  const world: PlanWorld = {
    index: indexObserved(observed, targets),
    targets,
    nowMs,
    nowIso: new Date(nowMs).toISOString(),
    sink: createPlanSink(),
  };
  const { sink } = world;
  const servers = observed.servers;
  const available: number[] = [];
  const building: number[] = [];
  const waiting: number[] = [];
  const avoidReplacing: number[] = [];
  const draining: number[] = [];
  for (let pos = 0; pos < servers.length; pos++) {
    const server = servers[pos] as ObservedServer;
    switch (destinyOf(server)) {
      case 'available':
        available.push(pos);
        break;
      case 'build':
        if (nowMs - server.createdMs >= targets.buildTimeoutMs) deleteNow(world, server, pos);
        else building.push(pos);
        break;
      case 'wait':
        waiting.push(pos);
        break;
      case 'avoid-replacing':
        avoidReplacing.push(pos);
        break;
      case 'delete':
        deleteNow(world, server, pos);
        break;
      case 'cleanup':
        removeAllMemberships(world, server, pos);
        break;
      case 'drain':
        draining.push(pos);
        break;
      case 'ignore':
        break;
    }
  }

  const counted = available.length + building.length + waiting.length + avoidReplacing.length;
  if (counted < desired.capacity) createSteps(desired, context, desired.capacity - counted, sink.steps);

  // Scale down: keep the first `capacity` of active ++ avoid-replacing ++ wait ++ building, each newest
  // first, so deletion takes building servers first, then wait, avoid-replacing, active; oldest first.
  const victim = new Uint8Array(servers.length);
  const newestFirst = (a: number, b: number) =>
    compareNewestFirst(servers[a] as ObservedServer, servers[b] as ObservedServer);
  if (counted > desired.capacity) {
    const order = [available, avoidReplacing, waiting, building].flatMap((group) => [...group].sort(newestFirst));
    for (const pos of order.slice(desired.capacity)) victim[pos] = 1;
  }
  for (let pos = 0; pos < servers.length; pos++) {
    if (victim[pos] === 1) drainAndDelete(world, servers[pos] as ObservedServer, pos, desired.drainingTimeoutSec);
  }
  for (const pos of draining) drainAndDelete(world, servers[pos] as ObservedServer, pos, desired.drainingTimeoutSec);

  const resolved = resolveTargets(world);
  for (const pos of available) {
    if (victim[pos] !== 1) convergeKeptServer(world, resolved, servers[pos] as ObservedServer, pos);
  }

  const stillBuilding = building.filter((pos) => victim[pos] !== 1).length;
  if (stillBuilding > 0) {
    noteReason(sink.waits, infoReason('waiting for servers to finish building', { servers: stillBuilding }));
  }
  for (const pos of waiting) {
    const server = servers[pos];
    if (victim[pos] === 1 || server === undefined) continue;
    noteReason(
      sink.limitedWaits,
      userReason(`Waiting for server ${server.id} to transition to ACTIVE from ${server.state}`),
    );
  }
  return sinkSteps(sink);
}
