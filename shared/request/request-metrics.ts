import { Histogram, type Registry } from 'prom-client';

export const REQUEST_DURATION_METRIC = 'kelp_cloud_request_duration_seconds';

/** The histogram of cloud calls. Labels: service, method, status class (`2xx`…`5xx`, `error`); never tenants or tokens. */
export type RequestHistogram = Pick<Histogram<'service' | 'method' | 'status_class'>, 'observe'>;

/** Gets or registers the request histogram in `registry` (several request functions may share one registry). */
export function createRequestHistogram(registry: Registry): RequestHistogram {
  const existing = registry.getSingleMetric(REQUEST_DURATION_METRIC);
  if (existing !== undefined) return existing as Histogram<'service' | 'method' | 'status_class'>;
  return new Histogram({
    name: REQUEST_DURATION_METRIC,
    help: 'Duration of cloud API calls made through the request function, by service, method and status class.',
    labelNames: ['service', 'method', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
}

/** `2xx`, `3xx`, `4xx`, `5xx`, or `error` for calls that got no HTTP answer. Pure. */
export function statusClass(status: number | undefined): string {
  if (status === undefined || status < 100 || status > 599) return 'error';
  return `${Math.floor(status / 100)}xx`;
}
