/**
 * Time for the in-process bus (delays, RPC deadlines, drain deadlines), injectable so tests can use a
 * fake clock (`test/fakes/fake-scheduler.ts`) instead of waiting.
 */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export const SYSTEM_SCHEDULER: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
