/**
 * A Nova server as the simulator stores it, and its pure state machine. A server's status is a timeline of
 * phases fixed at creation (BUILD at t0, ACTIVE at t0 + build time, ...), so the status at any instant is a
 * lookup: no timers, and a virtual clock works for free. Deletion adds a `deleting` window, then the server
 * is gone (404; DELETED only in `changes-since` listings).
 */
export interface StatusPhase {
  readonly at: number;
  readonly status: string;
}

export interface ServerAddresses {
  readonly private4: string;
  readonly public4: string;
  readonly public6: string;
}

export interface ServerRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly region: string;
  readonly name: string;
  readonly imageRef: string;
  readonly flavorRef: string;
  readonly diskConfig: string;
  readonly keyName: string | null;
  readonly adminPass: string;
  readonly created: number;
  /** Creation order within the simulator (pagination order). */
  readonly seq: number;
  readonly addresses: ServerAddresses;
  readonly hostId: string;
  metadata: Record<string, string>;
  metadataUpdatedAt: number;
  phases: StatusPhase[];
  deleteRequestedAt: number | null;
  goneAt: number | null;
  /** Bumped on every change, to invalidate `jsonCache`. */
  version: number;
  jsonCache: { readonly key: string; readonly json: string } | null;
}

/** How a new server's life goes, decided at creation (see `plan-create.ts`). */
export type BuildPlan =
  | { readonly kind: 'normal' }
  | { readonly kind: 'build'; readonly durationMs: number }
  | { readonly kind: 'error' }
  | { readonly kind: 'active-then-error'; readonly afterMs: number }
  | { readonly kind: 'error-during-build'; readonly durationMs: number }
  | { readonly kind: 'stuck-in-build' };

export function buildPhases(plan: BuildPlan, created: number, buildTimeMs: number): StatusPhase[] {
  const built = (durationMs: number): StatusPhase[] =>
    durationMs <= 0
      ? [{ at: created, status: 'ACTIVE' }]
      : [
          { at: created, status: 'BUILD' },
          { at: created + durationMs, status: 'ACTIVE' },
        ];
  switch (plan.kind) {
    case 'normal':
      return built(buildTimeMs);
    case 'build':
      return built(plan.durationMs);
    case 'error':
      return [{ at: created, status: 'ERROR' }];
    case 'active-then-error': {
      const phases = built(buildTimeMs);
      const activeAt = phases[phases.length - 1]?.at ?? created;
      return [...phases, { at: activeAt + plan.afterMs, status: 'ERROR' }];
    }
    case 'error-during-build':
      return [
        { at: created, status: 'BUILD' },
        { at: created + plan.durationMs, status: 'ERROR' },
      ];
    case 'stuck-in-build':
      return [{ at: created, status: 'BUILD' }];
  }
}

export interface ServerView {
  readonly status: string;
  readonly vmState: string;
  readonly taskState: string | null;
  readonly powerState: number;
  readonly progress: number;
  readonly updated: number;
  /** Deleted and past the deleting window: 404 on GET, DELETED in `changes-since` listings. */
  readonly gone: boolean;
  readonly deleting: boolean;
  /** Index of the current phase (part of the serialisation cache key). */
  readonly phaseIndex: number;
}

const VM_STATES: Readonly<Record<string, string>> = {
  ACTIVE: 'active',
  BUILD: 'building',
  ERROR: 'error',
  DELETED: 'deleted',
  SHUTOFF: 'stopped',
  SUSPENDED: 'suspended',
};

export function viewServer(server: ServerRecord, now: number): ServerView {
  if (server.goneAt !== null && now >= server.goneAt) {
    return {
      status: 'DELETED',
      vmState: 'deleted',
      taskState: null,
      powerState: 0,
      progress: 0,
      updated: server.goneAt,
      gone: true,
      deleting: false,
      phaseIndex: -1,
    };
  }
  let phaseIndex = 0;
  for (let i = 1; i < server.phases.length; i++) {
    if ((server.phases[i] as StatusPhase).at <= now) phaseIndex = i;
  }
  const phase = server.phases[phaseIndex] ?? { at: server.created, status: 'BUILD' };
  const deleting = server.deleteRequestedAt !== null && now >= server.deleteRequestedAt;
  const updated = Math.max(phase.at, server.metadataUpdatedAt, deleting ? (server.deleteRequestedAt ?? 0) : 0);
  const building = phase.status === 'BUILD';
  return {
    status: phase.status,
    vmState: VM_STATES[phase.status] ?? phase.status.toLowerCase(),
    taskState: deleting ? 'deleting' : building ? 'spawning' : null,
    powerState: phase.status === 'ACTIVE' ? 1 : 0,
    progress: building ? 0 : 100,
    updated,
    gone: false,
    deleting,
    phaseIndex,
  };
}

/** Sets a status from `now` on, dropping any later scheduled phases (an out-of-band change). */
export function forceStatus(server: ServerRecord, status: string, now: number): void {
  server.phases = [...server.phases.filter((p) => p.at < now), { at: now, status }];
  server.version += 1;
}
