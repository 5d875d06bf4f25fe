/**
 * The simulator's sense of time. Every state transition is computed lazily from `now()`, so a virtual clock
 * that tests advance and the wall clock behave the same way: nothing is scheduled, nothing needs a timer.
 */
export type ClockMode = 'real' | 'virtual';

export interface Clock {
  readonly mode: ClockMode;
  /** Milliseconds since the Unix epoch, as the simulator sees it. */
  now(): number;
  /** Moves a virtual clock forward; returns the new time, or null for a real clock (it cannot be moved). */
  advance(ms: number): number | null;
  /** Puts a virtual clock back at its start; a no-op for a real clock. */
  reset(): void;
}

/** A clock that only moves when told to. It starts at `startMs` (by default the wall time at creation). */
export function createVirtualClock(startMs: number): Clock {
  let now = startMs;
  return {
    mode: 'virtual',
    now: () => now,
    advance: (ms) => {
      now += Math.max(0, ms);
      return now;
    },
    reset: () => {
      now = startMs;
    },
  };
}

export function createRealClock(wallClock: () => number = Date.now): Clock {
  return { mode: 'real', now: wallClock, advance: () => null, reset: () => undefined };
}

/** Formats a time the way Nova, CLB and RCv3 do: `2026-11-25T15:38:34Z` (no fraction). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Formats a time with milliseconds: `2026-11-25T15:38:34.829Z` (Identity token expiry). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}
