import test from 'ava';
import type { FaultRule, FaultTarget } from '../../../services/cloud-sim/src/faults.js';
import { faultMatches, faultReply, parseFault, takeFault } from '../../../services/cloud-sim/src/faults.js';

function rule(input: Record<string, unknown>, id = 'f1'): FaultRule {
  const parsed = parseFault(input, id);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

const target: FaultTarget = {
  service: 'nova',
  method: 'GET',
  route: '/servers/{id}',
  path: '/nova-x/ORD/v2/t1/servers/abc',
  tenantId: 't1',
};

const parseErrors: [string, Record<string, unknown>, string][] = [
  ['status missing', {}, 'status must be an integer from 400 to 599'],
  ['status out of range', { status: 302 }, 'status must be an integer from 400 to 599'],
  ['unknown service', { status: 500, service: 'dns' }, 'service must be one of identity, nova, clb, rcv3'],
  ['bad regex', { status: 500, path: '(' }, 'path must be a valid regular expression'],
  ['bad times', { status: 500, times: 0 }, 'times must be a positive integer'],
  ['bad probability', { status: 500, probability: 2 }, 'probability must be a number in (0, 1]'],
  ['empty method', { status: 500, method: '' }, 'method must be a non-empty string'],
];

for (const [name, input, message] of parseErrors) {
  test(`parseFault rejects: ${name}`, (t) => t.deepEqual(parseFault(input, 'x'), { ok: false, message }));
}

const matchCases: [string, Record<string, unknown>, boolean][] = [
  ['everything', { status: 500 }, true],
  ['service', { status: 500, service: 'nova' }, true],
  ['other service', { status: 500, service: 'clb' }, false],
  ['method is case-insensitive', { status: 500, method: 'get' }, true],
  ['other method', { status: 500, method: 'POST' }, false],
  ['route template', { status: 500, route: '/servers/{id}' }, true],
  ['other route', { status: 500, route: '/servers' }, false],
  ['path regex', { status: 500, path: '/servers/[^/]+$' }, true],
  ['tenant', { status: 500, tenantId: 't2' }, false],
];

for (const [name, input, expected] of matchCases) {
  test(`faultMatches: ${name}`, (t) => t.is(faultMatches(rule(input), target), expected));
}

test('takeFault counts down times and removes exhausted rules', (t) => {
  const rules = [rule({ status: 503, times: 2 })];
  const taken = [1, 2, 3].map(() => takeFault(rules, target, () => 0)?.status ?? null);
  t.deepEqual(taken, [503, 503, null]);
  t.deepEqual(rules, []);
});

test('takeFault rolls the dice for a probability below 1', (t) => {
  const rules = [rule({ status: 500, probability: 0.5 })];
  t.deepEqual([takeFault(rules, target, () => 0.7), takeFault(rules, target, () => 0.2)?.status], [null, 500]);
  t.is(rules[0]?.injected, 1);
});

const replyCases: [string, Record<string, unknown>, 'nova' | 'clb' | 'rcv3' | 'identity', unknown][] = [
  [
    '413 is an overLimit with Retry-After (default 1 s)',
    { status: 413 },
    'clb',
    {
      status: 413,
      json: {
        overLimit: {
          code: 413,
          message: 'OverLimit Retry...',
          details: 'Error Details...',
          retryAfter: '1970-01-01T00:00:01Z',
        },
      },
      headers: { 'retry-after': '1' },
    },
  ],
  [
    'nova 500 is a computeFault',
    { status: 500 },
    'nova',
    {
      status: 500,
      json: {
        computeFault: {
          message: 'The server has either erred or is incapable of performing the requested operation.',
          code: 500,
        },
      },
      headers: {},
    },
  ],
  [
    'clb 503',
    { status: 503 },
    'clb',
    {
      status: 503,
      json: { message: 'An unknown exception has occurred. Please contact support.', code: 503 },
      headers: {},
    },
  ],
  [
    'identity 500',
    { status: 500 },
    'identity',
    { status: 500, json: { identityFault: { message: 'Service Unavailable', code: 500 } }, headers: {} },
  ],
  [
    'rcv3 502',
    { status: 502 },
    'rcv3',
    { status: 502, json: { message: 'Internal Server Error', code: 502 }, headers: {} },
  ],
  [
    'own body and Retry-After',
    { status: 503, body: { x: 1 }, retryAfterSeconds: 7 },
    'nova',
    { status: 503, json: { x: 1 }, headers: { 'retry-after': '7' } },
  ],
];

for (const [name, input, service, expected] of replyCases) {
  test(`faultReply: ${name}`, (t) => t.deepEqual(faultReply(rule(input), service, 0), expected));
}
