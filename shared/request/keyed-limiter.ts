const SWEEP_AT = 1024;

interface Lane {
  active: number;
  nextStartAt: number;
  readonly waiting: (() => void)[];
}

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface LaneLimits {
  readonly concurrency: number;
  readonly minIntervalMs: number;
}

/**
 * Concurrency and spacing limits kept per key: `run` waits for a free slot, then until `minIntervalMs`
 * after the previous start in that lane, then runs the task (otter holds its lock for the delay and the
 * call; with concurrency 1 this is the same). Idle lanes are forgotten.
 */
export class KeyedLimiter {
  readonly #lanes = new Map<string, Lane>();
  readonly #clock: LimiterClock;

  constructor(clock: LimiterClock) {
    this.#clock = clock;
  }

  async run<T>(key: string, limits: LaneLimits, task: () => Promise<T>): Promise<T> {
    let lane = this.#lanes.get(key);
    if (lane === undefined) {
      if (this.#lanes.size >= SWEEP_AT) this.#sweep();
      lane = { active: 0, nextStartAt: 0, waiting: [] };
      this.#lanes.set(key, lane);
    }
    if (lane.active >= limits.concurrency) {
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    } else {
      lane.active += 1;
    }
    try {
      const wait = lane.nextStartAt - this.#clock.now();
      lane.nextStartAt = Math.max(lane.nextStartAt, this.#clock.now()) + limits.minIntervalMs;
      if (wait > 0) await this.#clock.sleep(wait);
      return await task();
    } finally {
      this.#release(key, lane);
    }
  }

  /** Lanes currently remembered (for tests and metrics). */
  get size(): number {
    return this.#lanes.size;
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [key, lane] of this.#lanes) {
      if (lane.active === 0 && lane.nextStartAt <= now) this.#lanes.delete(key);
    }
  }

  #release(key: string, lane: Lane): void {
    const next = lane.waiting.shift();
    if (next !== undefined) {
      next(); // the slot passes straight to the next waiter
      return;
    }
    lane.active -= 1;
    if (lane.active === 0 && lane.nextStartAt <= this.#clock.now()) this.#lanes.delete(key);
  }
}
