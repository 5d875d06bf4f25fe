import type { CloudService, HttpMethod } from './service-request.js';

/**
 * A limit on calls to one service and method (otter `cloud_client.throttling`): at most `concurrency` in
 * flight, and starts at least `minIntervalMs` apart. `perTenant` gives each tenant its own limit (otter
 * does this for CLB); otherwise the limit is shared by every tenant (otter: Nova POST/DELETE, RCv3).
 */
export interface ThrottleRule {
  readonly service: CloudService;
  /** A method, or `*` for every method. */
  readonly method: HttpMethod | '*';
  readonly perTenant: boolean;
  readonly concurrency: number;
  readonly minIntervalMs: number;
}

export interface ThrottleMatch {
  readonly key: string;
  readonly rule: ThrottleRule;
}

/** The first rule matching the call, with the key its limit is kept under; undefined when unthrottled. Pure. */
export function matchThrottle(
  rules: readonly ThrottleRule[],
  service: CloudService,
  method: HttpMethod,
  tenantId: string,
): ThrottleMatch | undefined {
  for (const rule of rules) {
    if (rule.service !== service || (rule.method !== '*' && rule.method !== method)) continue;
    const base = `${service} ${rule.method}`;
    return { key: rule.perTenant ? `${base} ${tenantId}` : base, rule };
  }
  return undefined;
}
