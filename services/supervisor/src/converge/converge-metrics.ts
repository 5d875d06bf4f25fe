import { Counter, Histogram, type Registry } from 'prom-client';

/** Convergence metrics (`kelp_converge_*`). Labels carry outcomes and step types, never tenants or ids. */
export interface ConvergeMetrics {
  /** Converge-group jobs by outcome: accepted, invalid, succeeded, failed, superseded. */
  readonly jobs: Pick<Counter<'outcome'>, 'inc'>;
  /** Cycle deliveries by outcome: ran, locked, dropped, superseded, lost, invalid. */
  readonly cycles: Pick<Counter<'outcome'>, 'inc'>;
  /** Seconds one cycle that ran held its group (gather, plan, execute). */
  readonly cycleSeconds: Pick<Histogram, 'observe'>;
  /** Steps performed, by type and result status. */
  readonly steps: Pick<Counter<'type' | 'status'>, 'inc'>;
}

function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

export function createConvergeMetrics(registry: Registry): ConvergeMetrics {
  return {
    jobs: metric(
      registry,
      'kelp_converge_jobs_total',
      () =>
        new Counter({
          name: 'kelp_converge_jobs_total',
          help: 'Converge-group jobs by outcome (accepted, invalid, succeeded, failed, superseded).',
          labelNames: ['outcome'],
          registers: [registry],
        }),
    ),
    cycles: metric(
      registry,
      'kelp_converge_cycles_total',
      () =>
        new Counter({
          name: 'kelp_converge_cycles_total',
          help: 'Convergence cycle deliveries by outcome (ran, locked, dropped, superseded, lost, invalid).',
          labelNames: ['outcome'],
          registers: [registry],
        }),
    ),
    cycleSeconds: metric(
      registry,
      'kelp_converge_cycle_seconds',
      () =>
        new Histogram({
          name: 'kelp_converge_cycle_seconds',
          help: 'Seconds a convergence cycle held its group: gather, plan and execute.',
          buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120],
          registers: [registry],
        }),
    ),
    steps: metric(
      registry,
      'kelp_converge_steps_total',
      () =>
        new Counter({
          name: 'kelp_converge_steps_total',
          help: 'Convergence steps performed, by step type and result status.',
          labelNames: ['type', 'status'],
          registers: [registry],
        }),
    ),
  };
}
