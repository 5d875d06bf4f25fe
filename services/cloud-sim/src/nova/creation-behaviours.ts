/**
 * What happens when a server is created: mimic's creation behaviours (per tenant and region, criteria
 * `server_name` and `metadata`) and metadata knobs, plus our own `error-during-build` and `stuck-in-build`.
 * `planCreate` (pure) turns the chosen behaviour into "create it with this life" and/or "answer this error".
 */
import type { BehaviourEvent, ResolvedBehaviour } from '../behaviours/registry.js';
import { optionalInteger, optionalString, prefixRegex, requiredNumber } from '../behaviours/registry.js';
import { isRecord } from '../http/body.js';
import type { Reply } from '../http/reply.js';
import { jsonReply, textReply } from '../http/reply.js';
import type { BuildPlan } from './server-record.js';

export interface CreationAttributes {
  readonly serverName: string;
  readonly metadata: Readonly<Record<string, string>>;
}

const failParams = (p: Readonly<Record<string, unknown>>): string | null =>
  optionalInteger(p, 'code') ?? optionalString(p, 'message') ?? optionalString(p, 'type');
const duration = (p: Readonly<Record<string, unknown>>): string | null => requiredNumber(p, 'duration');

export const CREATION_EVENT: BehaviourEvent<CreationAttributes> = {
  behaviours: {
    fail: failParams,
    'false-negative': failParams,
    build: duration,
    error: () => null,
    'active-then-error': duration,
    'error-during-build': duration,
    'stuck-in-build': () => null,
  },
  criteria: {
    server_name: (value) => {
      const re = prefixRegex(value);
      return re === null ? null : (attrs) => re.test(attrs.serverName);
    },
    metadata: (value) => {
      if (!isRecord(value)) return null;
      const checks: [string, RegExp][] = [];
      for (const [key, pattern] of Object.entries(value)) {
        const re = prefixRegex(pattern);
        if (re === null) return null;
        checks.push([key, re]);
      }
      return (attrs) =>
        checks.every(([key, re]) => re.test(attrs.metadata[key] ?? '') && (key in attrs.metadata || re.test('')));
    },
  },
};

export const DEFAULT_FAIL_MESSAGE = 'The server has either erred or is incapable of performing the requested operation';

/** Mimic's metadata knobs, which win over registered behaviours. */
export function knobBehaviour(metadata: Readonly<Record<string, string>>): ResolvedBehaviour | null {
  const failure = metadata['create_server_failure'];
  if (failure !== undefined) {
    let parameters: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(failure) as unknown;
      if (isRecord(parsed)) parameters = parsed;
    } catch {
      // a knob that is not JSON fails with the defaults
    }
    return { name: 'fail', parameters, entryId: null };
  }
  const building = metadata['server_building'];
  if (building !== undefined && Number.isFinite(Number(building))) {
    return { name: 'build', parameters: { duration: Number(building) }, entryId: null };
  }
  if (metadata['server_error'] !== undefined) return { name: 'error', parameters: {}, entryId: null };
  return null;
}

export interface CreatePlan {
  /** The server's life, or null when no server is created. */
  readonly build: BuildPlan | null;
  /** The error to answer instead of 202, or null. */
  readonly error: Reply | null;
}

/** The error reply of a `fail` / `false-negative` behaviour. */
export function failureReply(parameters: Readonly<Record<string, unknown>>): Reply {
  const code = typeof parameters['code'] === 'number' ? parameters['code'] : 500;
  const message = typeof parameters['message'] === 'string' ? parameters['message'] : DEFAULT_FAIL_MESSAGE;
  const type = typeof parameters['type'] === 'string' ? parameters['type'] : 'computeFault';
  if (parameters['body'] !== undefined) return jsonReply(code, parameters['body']);
  if (type === 'string') return textReply(code, message);
  return jsonReply(code, { [type]: { message, code } });
}

const seconds = (parameters: Readonly<Record<string, unknown>>): number => {
  const value = parameters['duration'];
  return typeof value === 'number' ? Math.max(0, value * 1000) : 0;
};

export function planCreate(behaviour: ResolvedBehaviour): CreatePlan {
  const p = behaviour.parameters;
  switch (behaviour.name) {
    case 'fail':
      return { build: null, error: failureReply(p) };
    case 'false-negative':
      return { build: { kind: 'normal' }, error: failureReply(p) };
    case 'build':
      return { build: { kind: 'build', durationMs: seconds(p) }, error: null };
    case 'error':
      return { build: { kind: 'error' }, error: null };
    case 'active-then-error':
      return { build: { kind: 'active-then-error', afterMs: seconds(p) }, error: null };
    case 'error-during-build':
      return { build: { kind: 'error-during-build', durationMs: seconds(p) }, error: null };
    case 'stuck-in-build':
      return { build: { kind: 'stuck-in-build' }, error: null };
    default:
      return { build: { kind: 'normal' }, error: null };
  }
}
