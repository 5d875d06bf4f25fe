import { Counter, type Registry } from 'prom-client';

/** The auth service's metrics. Labels never carry tenants, tokens or credentials. */
export interface AuthMetrics {
  /** Calls to Identity to authenticate a tenant, by outcome (`success`/`failure`). */
  readonly authentications: Pick<Counter<'outcome'>, 'inc'>;
  readonly cacheHits: Pick<Counter, 'inc'>;
  readonly cacheMisses: Pick<Counter, 'inc'>;
  /** Failed token requests (after retries) and rejected RPC requests, by reason. */
  readonly failures: Pick<Counter<'reason'>, 'inc'>;
}

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing !== undefined) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

export function createAuthMetrics(registry: Registry): AuthMetrics {
  return {
    authentications: counter(
      registry,
      'kelp_auth_authentications_total',
      'Identity authentications of tenants, by outcome.',
      ['outcome'],
    ),
    cacheHits: counter(registry, 'kelp_auth_cache_hits_total', 'Token requests answered from the cache.', []),
    cacheMisses: counter(registry, 'kelp_auth_cache_misses_total', 'Token requests that missed the cache.', []),
    failures: counter(registry, 'kelp_auth_failures_total', 'Failed token requests, by reason.', ['reason']),
  };
}
