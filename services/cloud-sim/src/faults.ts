/**
 * Injected faults: any status (typically 5xx, or 413 with `Retry-After`) on any endpoint, chosen by
 * service, method, route template, path regex and tenant, for the next N matching calls and/or with a
 * probability (rolled on the simulator's seeded dice). Matching is pure; the caller consumes the rule.
 */
import type { SimService } from './config.js';
import { SIM_SERVICES } from './config.js';
import { isRecord } from './http/body.js';
import type { Reply } from './http/reply.js';
import { jsonReply } from './http/reply.js';
import { isoSeconds } from './clock.js';

export interface FaultRule {
  readonly id: string;
  readonly service: SimService | null;
  readonly method: string | null;
  /** A route template as in the request counters, e.g. `/servers/{id}`. */
  readonly route: string | null;
  /** Tested against the request path (without query). */
  readonly path: RegExp | null;
  readonly tenantId: string | null;
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterSeconds: number | null;
  readonly probability: number;
  remaining: number | null;
  injected: number;
}

export interface FaultTarget {
  readonly service: SimService;
  readonly method: string;
  readonly route: string;
  readonly path: string;
  readonly tenantId: string | null;
}

export type FaultParse =
  { readonly ok: true; readonly rule: FaultRule } | { readonly ok: false; readonly message: string };

const str = (value: unknown): value is string => typeof value === 'string' && value !== '';

export function parseFault(input: unknown, id: string): FaultParse {
  if (!isRecord(input)) return { ok: false, message: 'fault must be an object' };
  const { service, method, route, path, tenantId, status, body, retryAfterSeconds, times, probability } = input;
  if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
    return { ok: false, message: 'status must be an integer from 400 to 599' };
  }
  if (service !== undefined && !(SIM_SERVICES as readonly unknown[]).includes(service)) {
    return { ok: false, message: `service must be one of ${SIM_SERVICES.join(', ')}` };
  }
  for (const [key, value] of Object.entries({ method, route, path, tenantId })) {
    if (value !== undefined && !str(value)) return { ok: false, message: `${key} must be a non-empty string` };
  }
  let pathRe: RegExp | null = null;
  if (str(path)) {
    try {
      pathRe = new RegExp(path);
    } catch {
      return { ok: false, message: 'path must be a valid regular expression' };
    }
  }
  if (times !== undefined && !(Number.isInteger(times) && (times as number) > 0)) {
    return { ok: false, message: 'times must be a positive integer' };
  }
  if (probability !== undefined && !(typeof probability === 'number' && probability > 0 && probability <= 1)) {
    return { ok: false, message: 'probability must be a number in (0, 1]' };
  }
  if (retryAfterSeconds !== undefined && !(Number.isInteger(retryAfterSeconds) && (retryAfterSeconds as number) >= 0)) {
    return { ok: false, message: 'retryAfterSeconds must be a non-negative integer' };
  }
  return {
    ok: true,
    rule: {
      id,
      service: (service as SimService | undefined) ?? null,
      method: str(method) ? method.toUpperCase() : null,
      route: str(route) ? route : null,
      path: pathRe,
      tenantId: str(tenantId) ? tenantId : null,
      status: status as number,
      body,
      retryAfterSeconds: typeof retryAfterSeconds === 'number' ? retryAfterSeconds : status === 413 ? 1 : null,
      probability: typeof probability === 'number' ? probability : 1,
      remaining: typeof times === 'number' ? times : null,
      injected: 0,
    },
  };
}

export function faultMatches(rule: FaultRule, target: FaultTarget): boolean {
  return (
    (rule.service === null || rule.service === target.service) &&
    (rule.method === null || rule.method === target.method) &&
    (rule.route === null || rule.route === target.route) &&
    (rule.tenantId === null || rule.tenantId === target.tenantId) &&
    (rule.path === null || rule.path.test(target.path))
  );
}

/**
 * The first matching rule that fires (a rule with a probability below 1 rolls `roll()`); it is consumed:
 * `remaining` counts down and an exhausted rule is removed from `rules`.
 */
export function takeFault(rules: FaultRule[], target: FaultTarget, roll: () => number): FaultRule | null {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as FaultRule;
    if (!faultMatches(rule, target)) continue;
    if (rule.probability < 1 && roll() >= rule.probability) continue;
    rule.injected += 1;
    if (rule.remaining !== null) {
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules.splice(i, 1);
    }
    return rule;
  }
  return null;
}

const OVER_LIMIT_MESSAGE = 'OverLimit Retry...';

/** The body an injected fault answers with: the rule's own, or the service's usual error shape. */
export function faultReply(rule: FaultRule, service: SimService, now: number): Reply {
  const headers: Record<string, string> = {};
  if (rule.retryAfterSeconds !== null) headers['retry-after'] = String(rule.retryAfterSeconds);
  if (rule.body !== undefined) return jsonReply(rule.status, rule.body, headers);
  const code = rule.status;
  if (code === 413 || code === 429) {
    const retryAt = isoSeconds(now + (rule.retryAfterSeconds ?? 0) * 1000);
    return jsonReply(
      code,
      { overLimit: { code, message: OVER_LIMIT_MESSAGE, details: 'Error Details...', retryAfter: retryAt } },
      headers,
    );
  }
  switch (service) {
    case 'nova':
      return jsonReply(
        code,
        {
          [code >= 500 ? 'computeFault' : 'badRequest']: {
            message: 'The server has either erred or is incapable of performing the requested operation.',
            code,
          },
        },
        headers,
      );
    case 'identity':
      return jsonReply(code, { identityFault: { message: 'Service Unavailable', code } }, headers);
    case 'clb':
      return jsonReply(code, { message: 'An unknown exception has occurred. Please contact support.', code }, headers);
    case 'rcv3':
      return jsonReply(code, { message: 'Internal Server Error', code }, headers);
  }
}
