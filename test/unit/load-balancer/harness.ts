import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import type { RequestOutcome, ServiceRequest } from '../../../shared/request/service-request.js';
import { Coalescer, type Timers } from '../../../services/load-balancer/src/coalescer.js';
import type { LbMetrics } from '../../../services/load-balancer/src/metrics.js';
import { performBatch, type PerformRequest } from '../../../services/load-balancer/src/perform-batch.js';
import { LIMITS, POLICY, response } from './fixtures.js';
import { requestLine } from './run-flight.js';

/** Timers a test drives by hand: `advance(ms)` fires what is due, in order. */
export class ManualTimers implements Timers {
  now = 0;
  private nextId = 0;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  set(callback: () => void, ms: number): unknown {
    const id = ++this.nextId;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }

  get armed(): number {
    return this.pending.size;
  }
}

/** Metrics that remember what was recorded. */
export class RecordingMetrics implements LbMetrics {
  readonly steps: string[] = [];
  readonly batches: string[] = [];
  readonly requests: string[] = [];
  readonly waits: number[] = [];
  readonly reads: string[] = [];
  heldNow = 0;
  step(type: string, status: string): void {
    this.steps.push(`${type} ${status}`);
  }
  batch(kind: string, steps: number): void {
    this.batches.push(`${kind} ${steps}`);
  }
  request(kind: string, status: string): void {
    this.requests.push(`${kind} ${status}`);
  }
  refusedWait(_lane: 'clb' | 'rcv3', ms: number): void {
    this.waits.push(ms);
  }
  read(kind: string, ok: boolean): void {
    this.reads.push(`${kind} ${ok}`);
  }
  held(count: number): void {
    this.heldNow = count;
  }
}

/** A request function scripted per test; `hold()` makes the next requests wait until `release()`. */
export class ScriptedCloud {
  readonly sent: string[] = [];
  respond: (request: ServiceRequest) => RequestOutcome = () => response(202);
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  readonly perform: PerformRequest = async (_tenantId, request) => {
    this.sent.push(requestLine(request));
    if (this.gate !== null) await this.gate;
    return this.respond(request);
  };

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }
}

export interface Harness {
  readonly timers: ManualTimers;
  readonly cloud: ScriptedCloud;
  readonly metrics: RecordingMetrics;
  readonly coalescer: Coalescer;
}

export interface HarnessOptions {
  readonly coalesce?: boolean;
  readonly windowMs?: number;
  readonly quietMs?: number;
  /** How long a CLB settles after a change (default 0: not at all). */
  readonly settleMs?: number;
  readonly settleHoldLimit?: number;
}

export function harness(options: HarnessOptions = {}): Harness {
  const timers = new ManualTimers();
  const cloud = new ScriptedCloud();
  const metrics = new RecordingMetrics();
  const logger = createSilentLogger();
  const coalescer = new Coalescer({
    schedule: {
      windowMs: options.windowMs ?? 50,
      quietMs: options.quietMs ?? options.windowMs ?? 50,
      refusalMemoryMs: 60_000,
      limits: LIMITS,
      maxAttempts: POLICY.maxAttempts,
      settleHoldLimit: options.settleHoldLimit ?? 50,
    },
    facts: {
      rememberRemovedMs: 600_000,
      maxRemembered: 1000,
      settleMs: options.settleMs ?? 0,
      maxSettleMs: Math.max(options.settleMs ?? 0, 5_000),
    },
    factsTtlMs: 600_000,
    coalesce: options.coalesce ?? true,
    now: () => timers.now,
    timers,
    metrics,
    logger,
    performBatch: (batch) =>
      performBatch(batch, { perform: cloud.perform, policy: POLICY, maxRequests: 20, metrics, logger }),
  });
  return { timers, cloud, metrics, coalescer };
}
