import { AppError } from '../errors/app-error.js';
import { type Reason, type StepResult, type StepStatus, renderUserReasons, userReason } from '../steps/step-result.js';
import type { Step } from '../steps/step.js';
import { aggregateResults } from './aggregate-results.js';

/** What a converge-group job carries from one cycle to the next. */
export interface LoopState {
  /** Cycles completed so far. */
  readonly cycle: number;
  /** Consecutive cycles whose worst result was `limited-retry`. */
  readonly limitedRetries: number;
  /** Consecutive cycles in which no step made progress (only waits, or every step hit an error). */
  readonly idleCycles: number;
}

export const INITIAL_LOOP_STATE: LoopState = { cycle: 0, limitedRetries: 0, idleCycles: 0 };

export interface LoopLimits {
  /** Give up (group ERROR, "Timed out: …") after this many cycles without an empty plan. */
  readonly maxCycles: number;
  /** Consecutive `limited-retry` cycles allowed (otter `limited_retry_iterations`, default 10). */
  readonly limitedRetryCycles: number;
  /** Delay before the next cycle after progress; grows by `backoffMultiplier` per idle cycle. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly backoffMultiplier: number;
}

export const DEFAULT_LOOP_LIMITS: LoopLimits = {
  maxCycles: 1000,
  limitedRetryCycles: 10,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  backoffMultiplier: 1.5,
};

export type NextDecision =
  | { readonly action: 'done'; readonly groupStatus: 'ACTIVE'; readonly state: LoopState }
  | {
      readonly action: 'done';
      readonly groupStatus: 'ERROR';
      /** For the group's owner: rendered user-facing reasons (`renderUserReasons`). */
      readonly reasons: readonly string[];
      /** For operators: every reason of the worst results. */
      readonly detail: readonly Reason[];
      readonly state: LoopState;
    }
  | {
      readonly action: 'continue';
      readonly delayMs: number;
      readonly worst: StepStatus;
      readonly detail: readonly Reason[];
      readonly state: LoopState;
    };

/** A step moved things along: it did work (not a wait) and the API applied it (`done`). */
function madeProgress(step: Step, result: StepResult | undefined): boolean {
  return step.type !== 'ConvergeLater' && step.type !== 'FailConvergence' && result?.done === true;
}

/**
 * The convergence loop's decision after one cycle (otter `execute_convergence` outcome, behaviour 30),
 * with `results[i]` the result of `plan[i]`: an empty plan ⇒ done, ACTIVE; a failure ⇒ done, ERROR with
 * the rendered reasons; more than `limitedRetryCycles` limited retries in a row, or `maxCycles` cycles ⇒
 * done, ERROR with "Timed out: " reasons; anything else ⇒ continue after a delay that resets on progress,
 * grows over idle cycles up to `maxDelayMs`, and honours the largest `retryAfterMs` hint.
 */
export function decideNext(
  plan: readonly Step[],
  results: readonly StepResult[],
  state: LoopState,
  limits: LoopLimits = DEFAULT_LOOP_LIMITS,
): NextDecision {
  if (results.length !== plan.length) {
    throw new AppError('internal', `decideNext got ${results.length} results for ${plan.length} steps`);
  }
  if (plan.length === 0) return { action: 'done', groupStatus: 'ACTIVE', state };
  const outcome = aggregateResults(results);
  const progressed = plan.some((step, i) => madeProgress(step, results[i]));
  const next: LoopState = {
    cycle: state.cycle + 1,
    limitedRetries: outcome.worst === 'limited-retry' ? state.limitedRetries + 1 : 0,
    idleCycles: progressed ? 0 : state.idleCycles + 1,
  };
  const error = (reasons: readonly string[]): NextDecision => ({
    action: 'done',
    groupStatus: 'ERROR',
    reasons,
    detail: outcome.reasons,
    state: next,
  });
  if (outcome.worst === 'failure') return error(outcome.userReasons);
  if (next.limitedRetries > limits.limitedRetryCycles) return error(renderUserReasons(outcome.reasons, true));
  if (next.cycle >= limits.maxCycles) {
    const limit = userReason(`Convergence did not finish within ${limits.maxCycles} cycles`);
    return error(renderUserReasons([limit, ...outcome.reasons], true));
  }
  const backoff = limits.initialDelayMs * limits.backoffMultiplier ** next.idleCycles;
  const delayMs = Math.round(Math.max(Math.min(backoff, limits.maxDelayMs), outcome.retryAfterMs ?? 0));
  return { action: 'continue', delayMs, worst: outcome.worst, detail: outcome.reasons, state: next };
}
