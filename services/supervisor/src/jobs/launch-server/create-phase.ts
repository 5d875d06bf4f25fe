import { AppError } from '../../../../../shared/errors/app-error.js';
import { isRetryableStatus } from '../../../../../shared/request/api-error.js';
import type { RequestOutcome, ServiceRequest } from '../../../../../shared/request/service-request.js';
import { retryAfterMs } from '../../../../../shared/steps/fault.js';
import { firstAttempt, nextAttempt } from '../../../../../shared/steps/run-step.js';
import type { CreateServer } from '../../../../../shared/steps/step.js';
import type { JobInput, MachineContext } from '../../core/job-machine.js';
import { listServersByNameRequest, parseServerList } from '../../core/nova-reads.js';
import { firstReasonText, reasonsForUser } from '../../core/user-reasons.js';
import { retryLater } from '../common/phase-move.js';
import { serverConfigFor, serversOfJob } from './launch-server-config.js';
import { beginRollback } from './undo-phases.js';
import { move, type LaunchMove, type LaunchState } from './launch-state.js';
import { startWaitActive } from './active-phase.js';

/**
 * Creating this generation's server: first list servers by the generation's name and adopt one this job
 * already made (a redelivered message, or a create that failed after Nova made the server); only when
 * there is none, POST. A create that fails without a server is retried after `createRetryDelayMs`, up to
 * `createRetries` times; Nova's 4xx answers (bad image, flavor, quota) fail the job at once. A search that
 * fails for a passing reason (no answer, 5xx, 413/429 with its Retry-After) is retried up to
 * `searchRetries` times before it counts as a failed attempt: a rate limit must not use up the creates.
 */
export function createStep(state: LaunchState): CreateServer {
  return { type: 'CreateServer', serverConfig: serverConfigFor(state.job, state.jobId, state.generation) };
}

export function enterFind(state: LaunchState): LaunchMove {
  const name = createStep(state).serverConfig.server.name;
  return move(state, [], { kind: 'nova', request: listServersByNameRequest(name) });
}

export function enterCreate(state: LaunchState): LaunchMove {
  return move(state, [], { kind: 'nova', request: createRequest(createStep(state)) });
}

/** The catalog's CreateServer makes exactly one request. */
function createRequest(step: CreateServer): ServiceRequest {
  const first = firstAttempt(step);
  if (first.kind !== 'send') throw new AppError('internal', 'CreateServer makes a request');
  return first.request;
}

export function onFind(state: LaunchState, input: JobInput, ctx: MachineContext): LaunchMove | undefined {
  if (input.kind !== 'nova' || state.phase.name !== 'find') return undefined;
  const attempt = state.phase.attempt;
  const outcome = input.outcome;
  if (outcome.kind === 'response' && (outcome.status === 200 || outcome.status === 203)) {
    const name = createStep(state).serverConfig.server.name;
    const [mine, ...extras] = serversOfJob(parseServerList(outcome.body), name, state.jobId);
    if (mine === undefined) return move({ ...state, phase: { name: 'create', attempt } });
    const adopted = {
      ...state,
      server: { id: mine.id, name: mine.name },
      discard: [...state.discard, ...extras.map((s) => s.id)],
    };
    return startWaitActive(adopted, ctx, [
      { event: 'step-finished', step: 'create-server', detail: `found server ${mine.id} this job created earlier` },
    ]);
  }
  const reason = outcome.kind === 'transport-error' ? outcome.message : `listing servers answered ${outcome.status}`;
  const searchRetries = state.phase.searchRetries ?? 0;
  if (isPassingSearchFailure(outcome) && searchRetries < ctx.settings.searchRetries) {
    // A search only reads: retry it without spending a create attempt, as long as the API asks.
    const delayMs = Math.max(ctx.settings.createRetryDelayMs, retryAfterMs(outcome) ?? 0);
    const phase = { name: 'find', attempt, searchRetries: searchRetries + 1 } as const;
    return retryLater({ ...state, phase }, 'find-server', { reason, attempt: phase.searchRetries, delayMs });
  }
  return retryCreate(state, attempt, [reason], ctx);
}

/**
 * No answer, or a status worth trying again (`isRetryableStatus`), or Nova's 413 `overLimit`, which on a
 * read is always a rate limit: worth searching again. Other 4xx answers are not.
 */
export function isPassingSearchFailure(outcome: RequestOutcome): boolean {
  if (outcome.kind === 'transport-error') return true;
  return isRetryableStatus(outcome.status) || outcome.status === 413;
}

export function onCreate(state: LaunchState, input: JobInput, ctx: MachineContext): LaunchMove | undefined {
  if (input.kind !== 'nova' || state.phase.name !== 'create') return undefined;
  const step = createStep(state);
  const next = nextAttempt(step, createRequest(step), input.outcome);
  if (next.kind === 'send') return undefined;
  const result = next.result;
  const serverId = result.output?.['serverId'];
  if (result.done && typeof serverId === 'string') {
    const created = { ...state, server: { id: serverId, name: step.serverConfig.server.name } };
    return startWaitActive(created, ctx, [
      { event: 'step-finished', step: 'create-server', detail: `server ${serverId}` },
    ]);
  }
  if (result.status === 'failure') return beginRollback(state, reasonsForUser(result.reasons));
  return retryCreate(state, state.phase.attempt, [firstReasonText(result.reasons, 'create failed')], ctx);
}

function retryCreate(state: LaunchState, attempt: number, reasons: readonly string[], ctx: MachineContext): LaunchMove {
  const next = attempt + 1;
  if (next > ctx.settings.createRetries) {
    return beginRollback(state, [`Server could not be created after ${next} attempts: ${reasons.join('; ')}`]);
  }
  const delayMs = ctx.settings.createRetryDelayMs;
  return retryLater({ ...state, phase: { name: 'find', attempt: next } }, 'create-server', {
    reason: reasons.join('; '),
    attempt: next,
    delayMs,
  });
}
