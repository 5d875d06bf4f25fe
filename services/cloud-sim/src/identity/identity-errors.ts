/**
 * Identity's error bodies (mimic's texts where mimic has them, cloud-apis.md §2.7).
 */
import type { Reply } from '../http/reply.js';
import { jsonReply } from '../http/reply.js';

export const IDENTITY_TEXTS = {
  invalidJson: 'Invalid JSON request body',
  badCredentials: 'Unable to authenticate user with credentials provided.',
  noToken: "No valid token provided. Please use the 'X-Auth-Token' header with a valid token.",
  notAuthorized: 'Not Authorized',
  accessDenied: 'Access was denied to this resource.',
  tokenNotFound: 'Token not found.',
  tenantNotValid: (tenant: string, username: string, userId: string): string =>
    `Tenant with Name/Id: '${tenant}' is not valid for User '${username}' (id: '${userId}')`,
  tokenNotForTenant: (tenant: string): string => `Token doesn't belong to Tenant with Id/Name: '${tenant}'`,
  userNotFound: (username: string): string => `User not found: ${username}`,
  tenantNotFound: (tenant: string): string => `Tenant ${tenant} not found`,
} as const;

export function identityBadRequest(message: string = IDENTITY_TEXTS.invalidJson): Reply {
  return jsonReply(400, { message, code: 400 });
}

export function identityError(status: number, type: string, message: string): Reply {
  return jsonReply(status, { [type]: { code: status, message } });
}

export const unauthorized = (message: string): Reply => identityError(401, 'unauthorized', message);
export const forbidden = (message: string): Reply => identityError(403, 'forbidden', message);
export const itemNotFound = (message: string): Reply => identityError(404, 'itemNotFound', message);
