/**
 * Registering failure behaviours: Nova creation behaviours (per tenant and region), Identity behaviours
 * (global), server-delete failures, and injected faults.
 */
import { AppError } from '../../../../shared/errors/app-error.js';
import type { FaultRule } from '../faults.js';
import { parseFault } from '../faults.js';
import type { SimState } from '../state/sim-state.js';
import type { DeleteFailureInput, FaultInput, IdentityBehaviourInput, NovaBehaviourInput } from './control-schemas.js';
import { deleteFailureSchema, faultSchema, identityBehaviourSchema, novaBehaviourSchema } from './control-schemas.js';
import { validate } from './validate.js';

function registered(result: { ok: true; id: string } | { ok: false; message: string }): { id: string } {
  if (!result.ok) throw AppError.nonRetryable('decode', result.message);
  return { id: result.id };
}

function regionOf(state: SimState, region: string | undefined): string {
  const chosen = region ?? state.regions[0] ?? 'ORD';
  if (!state.regions.includes(chosen)) throw AppError.nonRetryable('decode', `unknown region ${chosen}`);
  return chosen;
}

export function addNovaBehaviour(state: SimState, raw: NovaBehaviourInput): { id: string } {
  const input = validate(novaBehaviourSchema, raw);
  const partition = state.partition(input.tenantId, regionOf(state, input.region));
  return registered(
    partition.creation.register({
      criteria: input.criteria ?? [],
      name: input.name,
      parameters: input.parameters ?? {},
      ...(input.times === undefined ? {} : { times: input.times }),
    }),
  );
}

export function removeNovaBehaviour(state: SimState, id: string): void {
  for (const partition of state.partitions.values()) if (partition.creation.remove(id)) return;
  throw AppError.nonRetryable('not-found', `behaviour ${id} not found`);
}

export function addIdentityBehaviour(state: SimState, raw: IdentityBehaviourInput): { id: string } {
  const input = validate(identityBehaviourSchema, raw);
  return registered(
    state.identityBehaviours.register({
      criteria: input.criteria ?? [],
      name: input.name,
      parameters: input.parameters ?? {},
      ...(input.times === undefined ? {} : { times: input.times }),
    }),
  );
}

export function removeIdentityBehaviour(state: SimState, id: string): void {
  if (!state.identityBehaviours.remove(id)) throw AppError.nonRetryable('not-found', `behaviour ${id} not found`);
}

export function failServerDeletes(state: SimState, raw: DeleteFailureInput): { id: string } {
  const input = validate(deleteFailureSchema, raw);
  const id = state.random.uuid();
  state.partition(input.tenantId, regionOf(state, input.region)).deleteFailures.push({
    id,
    serverId: input.serverId ?? null,
    status: input.status ?? 500,
    body: input.body,
    remaining: input.times ?? 1,
  });
  return { id };
}

export function addFault(state: SimState, raw: FaultInput): { id: string } {
  const input = validate(faultSchema, raw);
  const parsed = parseFault(input, state.random.uuid());
  if (!parsed.ok) throw AppError.nonRetryable('decode', parsed.message);
  state.faults.push(parsed.rule);
  return { id: parsed.rule.id };
}

export function removeFault(state: SimState, id: string): void {
  const index = state.faults.findIndex((f) => f.id === id);
  if (index === -1) throw AppError.nonRetryable('not-found', `fault ${id} not found`);
  state.faults.splice(index, 1);
}

export interface FaultView {
  readonly id: string;
  readonly service: string | null;
  readonly method: string | null;
  readonly route: string | null;
  readonly path: string | null;
  readonly tenantId: string | null;
  readonly status: number;
  readonly remaining: number | null;
  readonly probability: number;
  readonly injected: number;
}

export function listFaults(state: SimState): FaultView[] {
  return state.faults.map((f: FaultRule) => ({
    id: f.id,
    service: f.service,
    method: f.method,
    route: f.route,
    path: f.path?.source ?? null,
    tenantId: f.tenantId,
    status: f.status,
    remaining: f.remaining,
    probability: f.probability,
    injected: f.injected,
  }));
}
