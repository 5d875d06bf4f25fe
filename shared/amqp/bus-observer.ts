import type { HandlerOutcome } from './bus.js';

/** How a delivery ended: the handler's outcome, `invalid` (dead-lettered unread) or `failed` (returned). */
export type ConsumeResult = HandlerOutcome['action'] | 'invalid' | 'failed';

/**
 * Optional hooks a runtime can use for metrics (the bus itself imports no metrics library). Queue names
 * are logical (`kelp.lb.steps`); `target` of a publish is the logical queue or `events`.
 */
export interface BusObserver {
  published?(target: string): void;
  consumed?(queue: string, result: ConsumeResult): void;
  /** `kind`: `oversize` | `invalid-json` | `schema` (invalid envelopes) or `handler`. */
  deadLettered?(queue: string, kind: string): void;
  retried?(queue: string): void;
  /** The bus lost (false) or regained (true) its broker connection. */
  connectionChanged?(connected: boolean): void;
}

export const NO_OBSERVER: BusObserver = {};
