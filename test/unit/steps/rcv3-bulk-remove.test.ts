import test from 'ava';
import type { RequestOutcome } from '../../../shared/request/service-request.js';
import { replay } from '../../../shared/steps/run-step.js';
import type { BulkRemoveFromRCv3, RcV3Pair } from '../../../shared/steps/step.js';
import { response, summary } from './outcomes.js';

const P1 = 'd95ae0c4-6ab8-4873-b82f-f8433840cff2';
const P2 = 'a1b2c3d4-0000-4000-8000-000000000002';
const conflict = (...errors: unknown[]): RequestOutcome => response(409, { errors });
const remove = (pairs: readonly RcV3Pair[]): BulkRemoveFromRCv3 => ({ type: 'BulkRemoveFromRCv3', pairs });

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
const REMOVED = { status: 'retry', done: true, user: [], errors: [null] };

const REMOVE_CASES: readonly Case[] = [
  { name: 'is done on 204', pairs: TWO, outcomes: [response(204)], sent: [[`${P1}/s1`, `${P1}/s2`]], result: REMOVED },
  {
    name: 'drops a pair that is not a member and resends the rest',
    pairs: TWO,
    outcomes: [conflict(`Cloud Server s2 is not a member of Load Balancer Pool ${P1.toUpperCase()}`), response(204)],
    sent: [[`${P1}/s1`, `${P1}/s2`], [`${P1}/s1`]],
    result: REMOVED,
  },
  {
    name: 'drops every pair of a pool that does not exist',
    pairs: [...TWO, { poolId: P2, serverId: 's1' }],
    outcomes: [conflict(`Load Balancer Pool ${P1} does not exist`), response(204)],
    sent: [[`${P2}/s1`, `${P1}/s1`, `${P1}/s2`].sort(), [`${P2}/s1`]],
    result: REMOVED,
  },
  {
    name: 'drops every pair of a server that does not exist',
    pairs: [...TWO, { poolId: P2, serverId: 's1' }],
    outcomes: [conflict('Cloud Server s1 does not exist'), response(204)],
    sent: [[`${P2}/s1`, `${P1}/s1`, `${P1}/s2`].sort(), [`${P1}/s2`]],
    result: REMOVED,
  },
  {
    name: 'is done without resending when every pair is gone',
    pairs: TWO,
    outcomes: [conflict(`Load Balancer Pool ${P1} does not exist`)],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: REMOVED,
  },
  {
    name: 'fails when a pool is not active',
    pairs: TWO,
    outcomes: [conflict(`Load Balancer Pool ${P1} is not in an ACTIVE state`, 'Cloud Server s1 does not exist')],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'failure', done: false, user: [`RCv3 LB ${P1} is not active`], errors: ['LBInactive'] },
  },
  {
    name: 'retries on an error text it does not know',
    pairs: TWO,
    outcomes: [conflict(`Cloud Server s1 is already a member of Load Balancer Pool ${P1}`)],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['UnknownBulkResponse'] },
  },
  {
    name: 'fails on a raw 4xx',
    pairs: TWO,
    outcomes: [response(400, 'The input was not in the correct format.')],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'failure', done: false, user: [], errors: ['APIError'] },
  },
  {
    name: 'retries on a 5xx',
    pairs: TWO,
    outcomes: [response(500, '<html/>')],
    sent: [[`${P1}/s1`, `${P1}/s2`]],
    result: { status: 'retry', done: false, user: [], errors: ['APIError'] },
  },
];

for (const c of REMOVE_CASES) {
  test(`BulkRemoveFromRCv3 ${c.name}`, (t) => {
    const run = replay(remove(c.pairs), c.outcomes);
    t.deepEqual(
      run.requests.map((r) => sentPairs(r.json)),
      c.sent,
    );
    t.deepEqual(summary(run.result), c.result);
  });
}
