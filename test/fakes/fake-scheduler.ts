import type { Scheduler } from '../../shared/amqp/scheduler.js';

interface FakeTimer {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/**
 * A manual clock for code that takes a `Scheduler`: time moves only in `advance`, which fires due
 * timers in order and lets the promise jobs and `setImmediate` callbacks they cause run in between.
 */
export class FakeScheduler implements Scheduler {
  private time: number;
  private order = 0;
  private readonly timers = new Map<number, FakeTimer>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    this.order += 1;
    this.timers.set(this.order, { at: this.time + Math.max(0, ms), order: this.order, callback });
    return this.order;
  }

  clearTimeout(timer: unknown): void {
    if (typeof timer === 'number') this.timers.delete(timer);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([, a], [, b]) => a.at - b.at || a.order - b.order)[0];
      if (due === undefined) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.time = timer.at;
      timer.callback();
      await settle();
    }
    this.time = target;
    await settle();
  }
}

/** Lets pending promise jobs and a few rounds of `setImmediate` callbacks run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
