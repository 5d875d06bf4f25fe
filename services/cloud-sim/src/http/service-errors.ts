/**
 * Each API's own error shape, for errors raised before a handler runs (404/405 from routing, bodies that
 * are too large).
 */
import { clbError } from '../clb/clb-errors.js';
import type { SimService } from '../config.js';
import { identityBadRequest, identityError } from '../identity/identity-errors.js';
import { novaError, novaErrorReply } from '../nova/nova-errors.js';
import { RCV3_TEXTS } from '../rcv3/bulk-pairs.js';
import type { Reply } from './reply.js';
import { jsonReply, textReply } from './reply.js';
import { MAX_BODY_BYTES } from './body.js';

export const NOT_FOUND_TEXT = 'The resource could not be found.';
export const TOO_LARGE_TEXT = `Request body exceeds ${MAX_BODY_BYTES} bytes`;

export function serviceError(service: SimService, status: number, message: string): Reply {
  switch (service) {
    case 'nova':
      return novaErrorReply(novaError(status, message));
    case 'clb':
      return clbError(status, message);
    case 'rcv3':
      return textReply(status, message);
    case 'identity':
      return status === 400
        ? identityBadRequest(message)
        : identityError(status, status === 404 ? 'itemNotFound' : 'badRequest', message);
  }
}

export function tooLarge(service: SimService): Reply {
  return service === 'rcv3' ? jsonReply(400, RCV3_TEXTS.badFormat) : serviceError(service, 400, TOO_LARGE_TEXT);
}
