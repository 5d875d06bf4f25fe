/**
 * Benchmark `coalesce-lb`: 25 concurrent AddNodesToCLB steps for one CLB that is immutable for 1 s after
 * each change, through RabbitMQ and the load-balancer service, with coalescing on and then off (every
 * step sent alone at once, as otter's job-per-server code did). Reports the mutating requests the CLB
 * received (target with coalescing: <= 3) and the wall time until every step was answered.
 */
import { benchResult, type BenchCase, type BenchResult } from '../bench-case.js';
import { startLbBenchStack } from './lb-bench-stack.js';

const STEPS = 25;
const IMMUTABLE_MS = 1_000;

interface Run {
  readonly mutatingRequests: number;
  readonly wallMs: number;
  readonly applied: number;
}

async function runOnce(coalesce: boolean): Promise<Run> {
  const stack = await startLbBenchStack({
    simEnv: { SIM_CLB_IMMUTABLE_MS: String(IMMUTABLE_MS) },
    // Enough delayed retries for 25 steps fighting over one CLB one at a time.
    lbEnv: { LB_COALESCE: String(coalesce), LB_MAX_ATTEMPTS: '100' },
  });
  try {
    const lbId = await stack.seedClb();
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: STEPS }, (_, i) =>
        stack.step({ type: 'AddNodesToCLB', lbId, nodes: [{ address: `10.20.0.${i + 1}`, port: 80 }] }),
      ),
    );
    const wallMs = performance.now() - started;
    return {
      mutatingRequests: await stack.mutatingRequests(lbId),
      applied: results.filter((r) => r.done).length,
      wallMs,
    };
  } finally {
    await stack.close();
  }
}

export const coalesceLbCase: BenchCase = {
  name: 'coalesce-lb',
  description: `${STEPS} concurrent adds to one CLB immutable ${IMMUTABLE_MS} ms after each change: coalescing on vs off`,
  async run(): Promise<readonly BenchResult[]> {
    const on = await runOnce(true);
    const off = await runOnce(false);
    const allDone = on.applied === STEPS && off.applied === STEPS;
    return [
      benchResult({
        case: 'coalesce-lb',
        metric: 'mutating-clb-requests',
        value: on.mutatingRequests,
        unit: 'requests',
        baseline: off.mutatingRequests,
        target: `<= 3 with coalescing (all ${STEPS} applied)`,
        pass: on.mutatingRequests <= 3 && allDone,
      }),
      benchResult({
        case: 'coalesce-lb',
        metric: 'wall-time',
        value: Math.round(on.wallMs),
        unit: 'ms',
        baseline: Math.round(off.wallMs),
        target: 'less than with coalescing off',
        pass: on.wallMs < off.wallMs && allDone,
      }),
    ];
  },
};
