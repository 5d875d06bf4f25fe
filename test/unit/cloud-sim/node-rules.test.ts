import test from 'ava';
import { CLB_TEXTS } from '../../../services/cloud-sim/src/clb/clb-errors.js';
import type { ClbNodeRecord } from '../../../services/cloud-sim/src/clb/lb-record.js';
import { checkNodeLimits, parseNodeList, parseNodeUpdate } from '../../../services/cloud-sim/src/clb/node-rules.js';

const validation = (messages: string[]): unknown => ({
  status: 400,
  json: {
    validationErrors: { messages },
    message: 'Validation Failure',
    code: 400,
    details: 'The object is not valid',
  },
});
const schema = { status: 400, json: { message: ['JSON does not match the expected schema'] } };

const listCases: [string, unknown, unknown][] = [
  [
    'defaults condition, type and weight',
    [{ address: '10.0.0.1', port: 80 }],
    { ok: true, nodes: [{ address: '10.0.0.1', port: 80, condition: 'ENABLED', type: 'PRIMARY', weight: 1 }] },
  ],
  [
    'keeps given values',
    [{ address: '10.0.0.1', port: 80, condition: 'DRAINING', type: 'SECONDARY', weight: 50 }],
    { ok: true, nodes: [{ address: '10.0.0.1', port: 80, condition: 'DRAINING', type: 'SECONDARY', weight: 50 }] },
  ],
  ['empty list', [], { ok: false, reply: validation(['Must provide at least one node']) }],
  ['not a list', { address: 'x' }, { ok: false, reply: validation(['Must provide at least one node']) }],
  [
    'every problem is listed',
    [{ address: '', port: 0, condition: 'ON', type: 'X', weight: 101, status: 'ONLINE' }],
    {
      ok: false,
      reply: validation([
        'node 0: unknown attribute status',
        'node 0: address is required',
        'node 0: port must be an integer from 1 to 65535',
        'node 0: condition must be one of ENABLED, DISABLED, DRAINING',
        'node 0: type must be one of PRIMARY, SECONDARY',
        CLB_TEXTS.weightRange,
      ]),
    },
  ],
];

for (const [name, input, expected] of listCases) {
  test(`parseNodeList: ${name}`, (t) => t.deepEqual(parseNodeList(input), expected));
}

const existing: ClbNodeRecord[] = [
  { id: 1, address: '10.0.0.1', port: 80, condition: 'ENABLED', type: 'PRIMARY', weight: 1, status: 'ONLINE' },
];
const node = (address: string, port = 80) => ({ address, port, condition: 'ENABLED', type: 'PRIMARY', weight: 1 });

const limitCases: [string, ReturnType<typeof node>[], number, unknown][] = [
  ['room left', [node('10.0.0.2')], 2, null],
  [
    'duplicate of an existing node',
    [node('10.0.0.1')],
    25,
    { status: 422, json: { message: CLB_TEXTS.duplicateNodes, code: 422 } },
  ],
  [
    'duplicate inside the request',
    [node('10.0.0.3'), node('10.0.0.3')],
    25,
    { status: 422, json: { message: CLB_TEXTS.duplicateNodes, code: 422 } },
  ],
  ['same address on another port is fine', [node('10.0.0.1', 81)], 25, null],
  [
    'past the limit',
    [node('10.0.0.2'), node('10.0.0.3')],
    2,
    { status: 413, json: { message: 'Nodes must not exceed 2 per load balancer.', code: 413 } },
  ],
];

for (const [name, adding, limit, expected] of limitCases) {
  test(`checkNodeLimits: ${name}`, (t) => t.deepEqual(checkNodeLimits(existing, adding, limit), expected));
}

const updateCases: [string, unknown, unknown][] = [
  [
    'condition and weight',
    { node: { condition: 'DRAINING', weight: 5 } },
    { ok: true, update: { condition: 'DRAINING', weight: 5 } },
  ],
  ['empty node changes nothing', { node: {} }, { ok: true, update: {} }],
  ['extra top-level key', { node: {}, other: 1 }, { ok: false, reply: schema }],
  ['node not an object', { node: 'x' }, { ok: false, reply: schema }],
  ['unknown node key', { node: { colour: 'red' } }, { ok: false, reply: schema }],
  ['bad condition', { node: { condition: 'OFF' } }, { ok: false, reply: schema }],
  ['bad type', { node: { type: 'TERTIARY' } }, { ok: false, reply: schema }],
  ['non-integer weight', { node: { weight: 1.5 } }, { ok: false, reply: schema }],
  [
    'address, port and id cannot change',
    { node: { address: 'x', port: 1, id: 2 } },
    { ok: false, reply: validation([CLB_TEXTS.ipImmutable, CLB_TEXTS.portImmutable, CLB_TEXTS.idImmutable]) },
  ],
  ['weight out of range', { node: { weight: 0 } }, { ok: false, reply: validation([CLB_TEXTS.weightRange]) }],
];

for (const [name, body, expected] of updateCases) {
  test(`parseNodeUpdate: ${name}`, (t) => t.deepEqual(parseNodeUpdate(body), expected));
}
