import { startAnchored, valueAt } from './match-errors.js';

/**
 * RCv3 bulk 409 error strings (otter `cloud_client/rcv3.py`); reference: otter-behaviour §6.9,
 * cloud-apis §5. Patterns are case-insensitive and start-anchored; captured ids are as reported
 * (pool ids are compared lower-cased by the callers).
 */
export type Rcv3BulkError =
  | { readonly kind: 'already-member'; readonly serverId: string; readonly poolId: string }
  | { readonly kind: 'not-member'; readonly serverId: string; readonly poolId: string }
  | { readonly kind: 'pool-inactive'; readonly poolId: string; readonly message: string }
  | { readonly kind: 'pool-missing'; readonly poolId: string; readonly message: string }
  | { readonly kind: 'server-missing'; readonly serverId: string }
  | { readonly kind: 'server-unprocessable'; readonly serverId: string; readonly message: string };

type Parser = (text: string) => Rcv3BulkError | undefined;

function parser(source: string, build: (groups: readonly string[]) => Rcv3BulkError): Parser {
  const regex = startAnchored(source);
  return (text) => {
    const match = regex.exec(text);
    return match === null ? undefined : build(match.slice(1).map((g) => g ?? ''));
  };
}

const poolInactive = parser('Load Balancer Pool (.*) is not in an ACTIVE state', ([poolId = '']) => ({
  kind: 'pool-inactive',
  poolId,
  message: `RCv3 LB ${poolId} is not active`,
}));
const poolMissing = parser('Load Balancer Pool (.*) does not exist', ([poolId = '']) => ({
  kind: 'pool-missing',
  poolId,
  message: `RCv3 LB ${poolId} does not exist`,
}));

const ADD_PARSERS: readonly Parser[] = [
  parser('Cloud Server (.*) is already a member of Load Balancer Pool (.*)', ([serverId = '', poolId = '']) => ({
    kind: 'already-member',
    serverId,
    poolId,
  })),
  poolInactive,
  poolMissing,
  parser('Cloud Server (.*) is unprocessable', ([serverId = '']) => ({
    kind: 'server-unprocessable',
    serverId,
    message: `Cloud server ${serverId} cannot be accessed when adding to RCv3 LB`,
  })),
];

const REMOVE_PARSERS: readonly Parser[] = [
  parser('Cloud Server (.*) is not a member of Load Balancer Pool (.*)', ([serverId = '', poolId = '']) => ({
    kind: 'not-member',
    serverId,
    poolId,
  })),
  poolInactive,
  poolMissing,
  parser('Cloud Server (.*) does not exist', ([serverId = '']) => ({ kind: 'server-missing', serverId })),
];

export type Rcv3Direction = 'add' | 'remove';

/**
 * Parses a bulk 409 body. `unknown` names the first string no pattern explains (otter raises
 * `UnknownBulkResponse` at once), or says the body has no error list at all.
 */
export function parseRcv3BulkErrors(
  direction: Rcv3Direction,
  body: unknown,
): { readonly errors: readonly Rcv3BulkError[] } | { readonly unknown: string } {
  const list = valueAt(body, ['errors']);
  if (!Array.isArray(list)) return { unknown: 'the 409 body has no "errors" list' };
  const parsers = direction === 'add' ? ADD_PARSERS : REMOVE_PARSERS;
  const errors: Rcv3BulkError[] = [];
  for (const item of list as readonly unknown[]) {
    const text = typeof item === 'string' ? item : undefined;
    const parsed = text === undefined ? undefined : parsers.map((p) => p(text)).find((e) => e !== undefined);
    if (parsed === undefined) return { unknown: typeof item === 'string' ? item : JSON.stringify(item) };
    errors.push(parsed);
  }
  return { errors };
}
