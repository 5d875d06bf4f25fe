import type { BenchCase } from '../bench-case.js';
import { authBench } from './auth.js';
import { busBenchCase } from './bus.js';
import { coalesceLbCase } from './coalesce-lb.js';
import { coalesceCase } from './coalesce.js';
import { fleetCase } from './fleet.js';
import { lbStepsCase } from './lb-steps.js';
import { memoryBenchCase } from './memory.js';
import { planBenchCase } from './plan.js';
import { requestBench } from './request.js';
import { simBenchCase } from './sim.js';

/** Every benchmark case, in the order `npm run bench` runs them. */
export const BENCH_CASES: readonly BenchCase[] = [
  busBenchCase,
  requestBench,
  authBench,
  lbStepsCase,
  coalesceLbCase,
  coalesceCase,
  fleetCase,
  planBenchCase,
  memoryBenchCase,
  simBenchCase,
];
