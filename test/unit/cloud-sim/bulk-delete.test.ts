import test from 'ava';
import { checkBulkDelete } from '../../../services/cloud-sim/src/clb/bulk-delete.js';
import type { LbRecord, LbStatus } from '../../../services/cloud-sim/src/clb/lb-record.js';

const nodes = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1,
  address: `10.0.0.${i}`,
  port: 80,
  condition: 'ENABLED',
  type: 'PRIMARY',
  weight: 1,
  status: 'ONLINE',
}));
const lb = { id: 9, nodes } as unknown as LbRecord;
const status = (s: string, extra: Partial<LbStatus> = {}): LbStatus => ({
  status: s,
  gone: false,
  beingDeleted: false,
  deleted: false,
  ...extra,
});
const validation = (message: string): unknown => ({
  ok: false,
  reply: {
    status: 400,
    json: {
      validationErrors: { messages: [message] },
      message: 'Validation Failure',
      code: 400,
      details: 'The object is not valid',
    },
  },
});
const error = (code: number, message: string): unknown => ({
  ok: false,
  reply: { status: code, json: { message, code } },
});

const cases: [string, string[], LbRecord | undefined, LbStatus | undefined, unknown][] = [
  ['accepts known ids', ['1', '2', '2'], lb, status('ACTIVE'), { ok: true, ids: new Set([1, 2]) }],
  [
    'no ids comes first, even for a missing LB',
    [],
    undefined,
    undefined,
    error(400, "Must supply one or more id's to process this request."),
  ],
  ['missing LB', ['1'], undefined, undefined, error(404, 'Load balancer not found')],
  [
    'deleted LB',
    ['1'],
    lb,
    status('DELETED', { deleted: true, beingDeleted: true }),
    error(410, 'The loadbalancer is marked as deleted.'),
  ],
  ['not ACTIVE', ['1'], lb, status('PENDING_UPDATE'), error(422, 'LoadBalancer is not ACTIVE')],
  [
    'unknown ids sorted and joined',
    ['x', '30', '1', '4'],
    lb,
    status('ACTIVE'),
    validation('Node ids 30,x are not a part of your loadbalancer'),
  ],
  [
    'more than ten',
    nodes.slice(0, 11).map((n) => String(n.id)),
    lb,
    status('ACTIVE'),
    validation(
      'Request to delete 11 nodes exceeds the account limit BATCH_DELETE_LIMIT of 10 please attempt to delete fewer then 10 nodes',
    ),
  ],
];

for (const [name, ids, record, s, expected] of cases) {
  test(`checkBulkDelete: ${name}`, (t) => t.deepEqual(checkBulkDelete(ids, record, s), expected));
}
