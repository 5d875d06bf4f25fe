/**
 * Identity failure injection, mimic's wire format (cloud-apis.md §2.8): criteria `username` and
 * `tenant_id` (prefix regexes), behaviours `fail` (default 401 "Unable to authenticate user with
 * credentials provided.") and `sequence`. A missing attribute never matches (mimic crashes instead).
 */
import type { BehaviourEvent } from '../behaviours/registry.js';
import { optionalInteger, optionalString, prefixRegex } from '../behaviours/registry.js';
import type { Reply } from '../http/reply.js';
import { jsonReply, textReply } from '../http/reply.js';

export interface IdentityAttributes {
  readonly username: string | null;
  readonly tenantId: string | null;
}

export const IDENTITY_FAIL_DEFAULT = 'Unable to authenticate user with credentials provided.';

export const IDENTITY_EVENT: BehaviourEvent<IdentityAttributes> = {
  behaviours: {
    fail: (p) => optionalInteger(p, 'code') ?? optionalString(p, 'message') ?? optionalString(p, 'type'),
  },
  criteria: {
    username: (value) => {
      const re = prefixRegex(value);
      return re === null ? null : (attrs) => attrs.username !== null && re.test(attrs.username);
    },
    tenant_id: (value) => {
      const re = prefixRegex(value);
      return re === null ? null : (attrs) => attrs.tenantId !== null && re.test(attrs.tenantId);
    },
  },
};

export function identityFailReply(parameters: Readonly<Record<string, unknown>>): Reply {
  const code = typeof parameters['code'] === 'number' ? parameters['code'] : 401;
  const message = typeof parameters['message'] === 'string' ? parameters['message'] : IDENTITY_FAIL_DEFAULT;
  const type = typeof parameters['type'] === 'string' ? parameters['type'] : 'unauthorized';
  return type === 'string' ? textReply(code, message) : jsonReply(code, { [type]: { message, code } });
}
