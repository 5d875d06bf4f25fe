import { Counter, Histogram, type Registry } from 'prom-client';

/** The supervisor's metrics (`kelp_supervisor_*`). Labels carry job types and outcomes, never tenants or ids. */
export interface SupervisorMetrics {
  /** Jobs by type and outcome: `accepted`, `invalid` (dead-lettered), `succeeded`, `failed`. */
  readonly jobs: Pick<Counter<'type' | 'outcome'>, 'inc'>;
  /** Seconds from acceptance to the end of a job, by type and outcome. */
  readonly jobDuration: Pick<Histogram<'type' | 'outcome'>, 'observe'>;
  /** Job transitions carried out, by the action they ended with. */
  readonly transitions: Pick<Counter<'action'>, 'inc'>;
  /** Progression messages dropped as copies of messages already processed. */
  readonly duplicates: Pick<Counter, 'inc'>;
}

function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

export function createSupervisorMetrics(registry: Registry): SupervisorMetrics {
  return {
    jobs: metric(
      registry,
      'kelp_supervisor_jobs_total',
      () =>
        new Counter({
          name: 'kelp_supervisor_jobs_total',
          help: 'Jobs by type and outcome (accepted, invalid, succeeded, failed).',
          labelNames: ['type', 'outcome'],
          registers: [registry],
        }),
    ),
    jobDuration: metric(
      registry,
      'kelp_supervisor_job_duration_seconds',
      () =>
        new Histogram({
          name: 'kelp_supervisor_job_duration_seconds',
          help: 'Seconds from acceptance to the end of a job, by type and outcome.',
          labelNames: ['type', 'outcome'],
          buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 7200],
          registers: [registry],
        }),
    ),
    transitions: metric(
      registry,
      'kelp_supervisor_transitions_total',
      () =>
        new Counter({
          name: 'kelp_supervisor_transitions_total',
          help: 'Job state-machine transitions, by the action they ended with.',
          labelNames: ['action'],
          registers: [registry],
        }),
    ),
    duplicates: metric(
      registry,
      'kelp_supervisor_duplicate_messages_total',
      () =>
        new Counter({
          name: 'kelp_supervisor_duplicate_messages_total',
          help: 'Progression messages dropped as copies of messages already processed.',
          registers: [registry],
        }),
    ),
  };
}
