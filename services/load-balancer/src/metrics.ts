import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What the load-balancer service counts (Prometheus names prefixed `kelp_lb_`). */
export interface LbMetrics {
  /** A step message settled: `status` is the result status, `deferred`, `requeued` or `invalid`. */
  step(type: string, status: string): void;
  /** A batch was sent: how many steps it merged. */
  batch(kind: string, steps: number): void;
  /** One request a batch or read sent, by HTTP status (or `transport` / `unperformable`). */
  request(kind: string, status: string): void;
  /** A lane accepted a mutation after refusing (immutable CLB, rate limit) for `ms`. */
  refusedWait(lane: 'clb' | 'rcv3', ms: number): void;
  read(kind: string, ok: boolean): void;
  /** Steps currently held (waiting or in flight). */
  held(count: number): void;
}

function counter(registry: Registry, name: string, help: string, labelNames: string[]): Counter {
  const existing = registry.getSingleMetric(name);
  return existing instanceof Counter ? existing : new Counter({ name, help, labelNames, registers: [registry] });
}

function histogram(registry: Registry, name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
  const existing = registry.getSingleMetric(name);
  return existing instanceof Histogram
    ? existing
    : new Histogram({ name, help, labelNames, buckets, registers: [registry] });
}

function gauge(registry: Registry, name: string, help: string): Gauge {
  const existing = registry.getSingleMetric(name);
  return existing instanceof Gauge ? existing : new Gauge({ name, help, registers: [registry] });
}

/** Registers (or reuses, when the all-in-one runtime shares a registry) the service's metrics. */
export function createLbMetrics(registry: Registry): LbMetrics {
  const steps = counter(registry, 'kelp_lb_steps_total', 'LB step messages settled, by step type and status', [
    'type',
    'status',
  ]);
  const batches = histogram(
    registry,
    'kelp_lb_batch_size',
    'Steps merged into one LB request, by batch kind',
    ['kind'],
    [1, 2, 3, 5, 10, 15, 20, 25, 50, 100],
  );
  const requests = counter(registry, 'kelp_lb_requests_total', 'Requests the LB service sent, by kind and status', [
    'kind',
    'status',
  ]);
  const waits = histogram(
    registry,
    'kelp_lb_immutable_wait_seconds',
    'Time a lane refused mutations (CLB immutable or not ACTIVE, rate limits) before accepting one',
    ['lane'],
    [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  );
  const reads = counter(registry, 'kelp_lb_reads_total', 'LB reads answered, by kind and outcome', ['kind', 'ok']);
  const held = gauge(registry, 'kelp_lb_held_steps', 'LB steps held by the service (waiting or in flight)');
  return {
    step: (type, status) => steps.inc({ type, status }),
    batch: (kind, size) => batches.observe({ kind }, size),
    request: (kind, status) => requests.inc({ kind, status }),
    refusedWait: (lane, ms) => waits.observe({ lane }, ms / 1000),
    read: (kind, ok) => reads.inc({ kind, ok: String(ok) }),
    held: (count) => held.set(count),
  };
}
