import type { Logger } from '../../../shared/logging/logger.js';
import { errorReason, stepResult } from '../../../shared/steps/step-result.js';
import { batchItems, type Batch } from './core/batch.js';
import { abandon, type FlightDone } from './core/flight-common.js';
import { applyFactEvents, type FactEvent, type FactsPolicy, type LaneFacts } from './core/lane-facts.js';
import { decideLane, drainLane, enqueue, landed, type LaneState, type SchedulePolicy } from './core/lane-schedule.js';
import { clbLaneKey, laneOf, type Lane } from './core/lane.js';
import { planBatch } from './core/plan-batch.js';
import type { Disposition, Settled, WorkItem } from './core/work-item.js';
import type { LbMetrics } from './metrics.js';

/** Timers, injected so tests drive time by hand. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

type RealHandle = { readonly immediate: NodeJS.Immediate } | { readonly timeout: NodeJS.Timeout };

/** Node's timers; a delay of 0 runs after the I/O already read (`setImmediate`), not 1 ms later. */
export const REAL_TIMERS: Timers = {
  set: (callback, ms): RealHandle =>
    ms <= 0 ? { immediate: setImmediate(callback) } : { timeout: setTimeout(callback, ms) },
  clear: (handle) => {
    const real = handle as RealHandle;
    if ('immediate' in real) clearImmediate(real.immediate);
    else clearTimeout(real.timeout);
  },
};

export interface CoalescerDeps {
  readonly schedule: SchedulePolicy;
  readonly facts: FactsPolicy;
  readonly factsTtlMs: number;
  /** Off: every step is performed alone and at once (no lanes, no merging). */
  readonly coalesce: boolean;
  readonly performBatch: (batch: Batch) => Promise<FlightDone>;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  readonly timers: Timers;
  readonly metrics: LbMetrics;
  readonly logger: Logger;
}

export type StepRequest = Omit<WorkItem, 'id' | 'arrivedAt' | 'isolated'>;

interface LaneEntry {
  readonly lane: Lane;
  state: LaneState;
  timer: unknown;
  timerAt: number | null;
  /** A decision is due once the deliveries already read have been submitted (see `submit`). */
  kick: unknown;
}

/**
 * Holds step messages and performs them in lanes (see core/lane-schedule.ts): `submit` resolves with
 * what becomes of the message once its step is settled. The imperative shell around the pure lane
 * decisions: timers, flights, and the facts each lane's answers taught.
 */
export class Coalescer {
  private readonly lanes = new Map<string, LaneEntry>();
  private readonly facts = new Map<string, LaneFacts>();
  private readonly waiters = new Map<string, (disposition: Disposition) => void>();
  private readonly flights = new Set<Promise<void>>();
  private closed = false;
  private sequence = 0;
  private lastPrune = 0;

  constructor(private readonly deps: CoalescerDeps) {}

  submit(request: StepRequest): Promise<Disposition> {
    if (this.closed) return Promise.resolve({ kind: 'requeue' });
    const item: WorkItem = { ...request, id: `w${++this.sequence}`, arrivedAt: this.deps.now() };
    const settled = new Promise<Disposition>((resolve) => this.waiters.set(item.id, resolve));
    this.deps.metrics.held(this.waiters.size);
    if (!this.deps.coalesce) {
      this.track(this.performAlone(item));
      return settled;
    }
    const lane = laneOf(item.tenantId, item.step);
    const entry = this.lanes.get(lane.key) ?? {
      lane,
      state: { pending: [], inFlight: false, readyAt: null },
      timer: null,
      timerAt: null,
      kick: null,
    };
    this.lanes.set(lane.key, entry);
    entry.state = enqueue(entry.state, item);
    this.kick(entry);
    return settled;
  }

  /** Folds what a read taught about a CLB into its lane's facts (e.g. the node count). */
  learn(tenantId: string, lbId: string, events: readonly FactEvent[]): void {
    this.applyFacts(clbLaneKey(tenantId, lbId), 'clb', events);
  }

  /** Stops taking steps; every waiting step is handed back unprocessed. Flights in progress finish. */
  close(): void {
    this.closed = true;
    for (const entry of this.lanes.values()) {
      this.cancelTimer(entry);
      const drained = drainLane(entry.state);
      entry.state = drained.lane;
      this.settle(drained.settled);
      this.dropIfIdle(entry);
    }
  }

  /** Resolves when no flight is in progress. */
  async whenIdle(): Promise<void> {
    while (this.flights.size > 0) await Promise.allSettled([...this.flights]);
  }

  /** Steps held right now (waiting or in flight). */
  heldCount(): number {
    return this.waiters.size;
  }

  /**
   * Decides about the lane after the current turn of the event loop rather than per step: the deliveries
   * read from one socket read all join the lane before it decides, so a burst becomes one request.
   */
  private kick(entry: LaneEntry): void {
    if (entry.kick !== null) return;
    entry.kick = this.deps.timers.set(() => {
      entry.kick = null;
      if (this.lanes.get(entry.lane.key) === entry) this.pump(entry);
    }, 0);
  }

  private pump(entry: LaneEntry): void {
    const now = this.deps.now();
    const decision = decideLane(entry.state, this.facts.get(entry.lane.key), now, this.deps.schedule);
    entry.state = decision.lane;
    this.settle(decision.settled);
    if (decision.batch !== null) {
      this.cancelTimer(entry);
      this.track(this.fly(entry, decision.batch));
    } else if (decision.wakeAt !== null && decision.wakeAt !== entry.timerAt) {
      this.cancelTimer(entry);
      entry.timerAt = decision.wakeAt;
      entry.timer = this.deps.timers.set(
        () => {
          entry.timer = null;
          entry.timerAt = null;
          this.pump(entry);
        },
        Math.max(0, decision.wakeAt - now),
      );
    }
    this.dropIfIdle(entry);
  }

  private async fly(entry: LaneEntry, batch: Batch): Promise<void> {
    const result = await this.performSafely(batch);
    this.applyFacts(entry.lane.key, entry.lane.kind, result.facts);
    this.settle(result.settled);
    entry.state = landed(entry.state, result.requeue, this.deps.now());
    this.lanes.set(entry.lane.key, entry);
    if (this.closed) {
      const drained = drainLane(entry.state);
      entry.state = drained.lane;
      this.settle(drained.settled);
      this.dropIfIdle(entry);
      return;
    }
    this.pump(entry);
    this.pruneFacts();
  }

  /** Coalescing off: the step alone, now; a long removal goes on batch after batch. */
  private async performAlone(first: WorkItem): Promise<void> {
    let item: WorkItem | undefined = first;
    while (item !== undefined) {
      const { batch } = planBatch([item], undefined, this.deps.schedule.limits, this.deps.now());
      if (batch === null) return;
      const result = await this.performSafely(batch);
      this.settle(result.settled);
      item = result.requeue[0];
      if (item !== undefined && this.closed) {
        this.settle(result.requeue.map((held) => ({ item: held, disposition: { kind: 'requeue' } })));
        return;
      }
    }
  }

  private async performSafely(batch: Batch): Promise<FlightDone> {
    try {
      return await this.deps.performBatch(batch);
    } catch (error) {
      this.deps.logger.error('lb-batch-failed', { kind: batch.kind, error: String(error) });
      return abandon(batchItems(batch), stepResult('retry', [errorReason('LbServiceError', 'batch failed')]));
    }
  }

  private applyFacts(key: string, kind: Lane['kind'], events: readonly FactEvent[]): void {
    if (events.length === 0) return;
    const applied = applyFactEvents(this.facts.get(key), events, this.deps.now(), this.deps.facts);
    this.facts.set(key, applied.facts);
    if (applied.waitedMs !== null) this.deps.metrics.refusedWait(kind, applied.waitedMs);
  }

  private settle(settled: readonly Settled[]): void {
    for (const { item, disposition } of settled) {
      const resolve = this.waiters.get(item.id);
      this.waiters.delete(item.id);
      resolve?.(disposition);
    }
    if (settled.length > 0) this.deps.metrics.held(this.waiters.size);
  }

  private track(flight: Promise<void>): void {
    this.flights.add(flight);
    void flight.finally(() => this.flights.delete(flight));
  }

  private cancelTimer(entry: LaneEntry): void {
    if (entry.timer !== null) this.deps.timers.clear(entry.timer);
    entry.timer = null;
    entry.timerAt = null;
  }

  private dropIfIdle(entry: LaneEntry): void {
    if (!entry.state.inFlight && entry.state.pending.length === 0) {
      this.cancelTimer(entry);
      if (entry.kick !== null) this.deps.timers.clear(entry.kick);
      entry.kick = null;
      if (this.lanes.get(entry.lane.key) === entry) this.lanes.delete(entry.lane.key);
    }
  }

  /** Forgets facts of lanes idle for longer than the TTL (checked at most once a minute). */
  private pruneFacts(): void {
    const now = this.deps.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const [key, facts] of this.facts) {
      if (!this.lanes.has(key) && now - facts.touchedAt > this.deps.factsTtlMs) this.facts.delete(key);
    }
  }
}
