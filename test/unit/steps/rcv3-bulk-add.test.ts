import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import { replay } from '../../../shared/steps/run-step.js';
import type { BulkAddToRCv3, RcV3Pair } from '../../../shared/steps/step.js';
import { response, summary, transportError } from './outcomes.js';

const P1 = 'd95ae0c4-6ab8-4873-b82f-f8433840cff2';
const P2 = 'a1b2c3d4-0000-4000-8000-000000000002';
const conflict = (...errors: unknown[]): RequestOutcome => response(409, { errors });
const add = (pairs: readonly RcV3Pair[]): BulkAddToRCv3 => ({ type: 'BulkAddToRCv3', pairs });

/** The pairs each request carried, as "pool/server". */
const sentPairs = (json: unknown): string[] =>
  (json as { cloud_server: { id: string }; load_balancer_pool: { id: string } }[]).map(
    (p) => `${p.load_balancer_pool.id}/${p.cloud_server.id}`,
  );

interface Case {
  readonly name: string;
  readonly pairs: readonly RcV3Pair[];
  readonly outcomes: readonly RequestOutcome[];
  readonly sent: readonly (readonly string[])[];
  readonly result: unknown;
}

const TWO = [
  { poolId: P1.toUpperCase(), serverId: 's1' },
  { poolId: P1, serverId: 's2' },
];
const ADDED = { status: 'retry', done: true, user: [], errors: [null] };

const ADD_CASES: readonly Case[] = [
  {
    name: 'is done on 201',
    pairs: TWO,
    outcomes: [response(201, [])],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: ADDED,
  },
  {
    name: 'drops an already-member pair and resends the rest',
    pairs: TWO,
    outcomes: [conflict(`Cloud Server s1 is already a member of Load Balancer Pool ${P1}`), response(201, [])],
    sent: [[`${P1}/s1`, `${P1}/s2`], [`${P1}/s2`]],
    result: ADDED,
  },
  {
    name: 'compares pool ids case-insensitively and matches texts case-insensitively',
    pairs: TWO,
    outcomes: [
      conflict(`cloud server s2 IS ALREADY A MEMBER OF load balancer pool ${P1.toUpperCase()}`),
      response(201, []),
    ],
    sent: [[`${P1}/s1`, `${P1}/s2`], [`${P1}/s1`]],
    result: ADDED,
  },
  {
    name: 'is done without resending when every pair is already a member',
    pairs: TWO,
    outcomes: [
      conflict(
        `Cloud Server s1 is already a member of Load Balancer Pool ${P1}`,
        `Cloud Server s2 is already a member of Load Balancer Pool ${P1}`,
      ),
    ],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: ADDED,
  },
  {
    name: 'fails when a pool does not exist',
    pairs: [{ poolId: P2, serverId: 's1' }],
    outcomes: [conflict(`Load Balancer Pool ${P2} does not exist`)],
    sent: [[`${P2}/s1`]],
    result: { status: 'failure', done: false, user: [`RCv3 LB ${P2} does not exist`], errors: ['NoSuchLBError'] },
  },
  {
    name: 'fails when a pool is not active',
    pairs: [{ poolId: P2, serverId: 's1' }],
    outcomes: [conflict(`Load Balancer Pool ${P2} is not in an ACTIVE state`)],
    sent: [[`${P2}/s1`]],
    result: { status: 'failure', done: false, user: [`RCv3 LB ${P2} is not active`], errors: ['LBInactive'] },
  },
  {
    name: 'retries when the only errors are unprocessable servers',
    pairs: TWO,
    outcomes: [conflict('Cloud Server s1 is unprocessable')],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['ServerUnprocessableError'] },
  },
  {
    name: 'fails listing only the errors that are not unprocessable servers',
    pairs: [...TWO, { poolId: P2, serverId: 's1' }],
    outcomes: [
      conflict(
        'Cloud Server s1 is unprocessable',
        `Load Balancer Pool ${P2} does not exist`,
        `Cloud Server s2 is already a member of Load Balancer Pool ${P1}`,
      ),
    ],
    sent: [[`${P2}/s1`, `${P1}/s1`, `${P1}/s2`].sort()],
    result: { status: 'failure', done: false, user: [`RCv3 LB ${P2} does not exist`], errors: ['NoSuchLBError'] },
  },
  {
    name: 'retries on an error text it does not know',
    pairs: TWO,
    outcomes: [conflict(`Cloud Server s1 is already a member of Load Balancer Pool ${P1}`, 'Something new happened')],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['UnknownBulkResponse'] },
  },
  {
    name: 'retries on a 409 with no errors',
    pairs: TWO,
    outcomes: [conflict()],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['UnknownBulkResponse'] },
  },
  {
    name: 'retries instead of looping when the 409 names a pair that was not sent',
    pairs: TWO,
    outcomes: [conflict(`Cloud Server s9 is already a member of Load Balancer Pool ${P1}`)],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['UnknownBulkResponse'] },
  },
  {
    name: 'retries on a remove-only text (not a member)',
    pairs: TWO,
    outcomes: [conflict(`Cloud Server s1 is not a member of Load Balancer Pool ${P1}`)],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['UnknownBulkResponse'] },
  },
  {
    name: 'retries on a 400 with a JSON string body (otter: escapes to the executor)',
    pairs: TWO,
    outcomes: [response(400, 'The input was not in the correct format.')],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['APIError'] },
  },
  {
    name: 'retries on a transport error',
    pairs: TWO,
    outcomes: [transportError()],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['TransportError'] },
  },
];

for (const c of ADD_CASES) {
  test(`BulkAddToRCv3 ${c.name}`, (t) => {
    const run = replay(add(c.pairs), c.outcomes);
    t.deepEqual(
      run.requests.map((r) => sentPairs(r.json)),
      c.sent,
    );
    t.deepEqual(summary(run.result), c.result);
  });
}

test('BulkAddToRCv3 reports the created nodes with lower-cased pool ids', (t) => {
  const body = [
    { id: 'n1', load_balancer_pool: { id: P1.toUpperCase() }, cloud_server: { id: 's1' }, status: 'ACTIVE' },
  ];
  const run = replay(add(TWO), [response(201, body)]);
  t.deepEqual(run.result.output, { nodes: [{ id: 'n1', poolId: P1, serverId: 's1' }] });
});
