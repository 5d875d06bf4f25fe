/**
 * Nova's error envelope: `{<type>: {"message", "code"}}`, the type following the status.
 */
import type { Reply } from '../http/reply.js';
import { jsonReply } from '../http/reply.js';

export interface NovaError {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

const TYPES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  500: 'computeFault',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

export function novaErrorType(status: number): string {
  return TYPES[status] ?? (status >= 500 ? 'computeFault' : 'badRequest');
}

export function novaError(status: number, message: string, type = novaErrorType(status)): NovaError {
  return { status, type, message };
}

export function novaErrorReply(error: NovaError): Reply {
  return jsonReply(error.status, { [error.type]: { message: error.message, code: error.status } });
}

export const NOVA_TEXTS = {
  notFound: 'Instance could not be found',
  ipsNotFound: 'Instance does not exist',
  metadataServerNotFound: 'Server does not exist',
  metadataItemNotFound: 'Metadata item was not found',
  invalidJson: 'Invalid JSON request body',
  computeFault: 'The server has either erred or is incapable of performing the requested operation.',
  resourceNotFound: 'The resource could not be found.',
} as const;
