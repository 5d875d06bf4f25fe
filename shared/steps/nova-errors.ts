import { errorRule, type ErrorRule } from './match-errors.js';
import type { Fault } from './fault.js';

/** Nova error tables (otter `cloud_client/nova.py`); reference: otter-behaviour §5.1. */

const fault =
  (error: string) =>
  (message: string): Fault => ({ error, message });

/** `_nova_standard_errors`: applied to every Nova call. */
export const NOVA_STANDARD_ERRORS: readonly ErrorRule<Fault>[] = [
  errorRule(413, ['overLimit', 'message'], null, fault('NovaRateLimitError')),
  errorRule(500, ['computeFault', 'message'], null, fault('NovaComputeFaultError')),
];

const FORBIDDEN_PREFIX = String.raw`403 Forbidden\s+Access was denied to this resource\.\s+`;
const PLAIN_403_MESSAGES = [
  String.raw`Exactly 1 isolated network\(s\) must be attached`,
  String.raw`Networks \(00000000-0000-0000-0000-000000000000\) not allowed`,
  String.raw`Networks \(00000000-0000-0000-0000-000000000000,11111111-1111-1111-1111-111111111111\) required but missing`,
];

/** Plain-text 403 bodies from create-server (matched on the raw body, before the JSON rows). */
const CREATE_SERVER_PLAIN_403: readonly ErrorRule<Fault>[] = PLAIN_403_MESSAGES.map((message) =>
  errorRule(403, [], String.raw`${FORBIDDEN_PREFIX}(${message})\s*$`, (_text, groups) => ({
    error: 'CreateServerConfigurationError',
    message: groups[0] ?? _text,
  })),
);

export const CREATE_SERVER_ERRORS: readonly ErrorRule<Fault>[] = [
  ...CREATE_SERVER_PLAIN_403,
  ...NOVA_STANDARD_ERRORS,
  errorRule(400, ['badRequest', 'message'], null, fault('CreateServerConfigurationError')),
  errorRule(
    403,
    ['forbidden', 'message'],
    String.raw`Quota exceeded for (\S+): Requested \d+, but already used \d+ of \d+ (\S+)`,
    fault('CreateServerOverQuoteError'),
  ),
];

export const GET_SERVER_ERRORS: readonly ErrorRule<Fault>[] = [
  ...NOVA_STANDARD_ERRORS,
  errorRule(404, ['itemNotFound', 'message'], null, fault('NoSuchServerError')),
];

export const SET_METADATA_ITEM_ERRORS: readonly ErrorRule<Fault>[] = [
  ...NOVA_STANDARD_ERRORS,
  errorRule(404, ['itemNotFound', 'message'], null, fault('NoSuchServerError')),
  errorRule(403, ['forbidden', 'message'], 'Maximum number of metadata items', fault('ServerMetadataOverLimitError')),
];
