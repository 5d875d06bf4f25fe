import test from 'ava';
import {
  acceptedAfter,
  decideClaim,
  type ClaimDecision,
} from '../../../services/supervisor/src/converge/core/decide-claim.js';
import type { GroupRecord } from '../../../shared/messages/converge-messages.js';

const T0 = '2026-03-01T12:00:00.000Z';
const T1 = '2026-03-01T12:00:01.000Z';

function record(jobId: string, acceptedAt: string, cycle: number): GroupRecord {
  return { jobId, acceptedAt, cycle, servers: [], lbs: { clb: [], rcv3: [] } };
}

const me = { jobId: 'job-b', acceptedAt: T1, cycle: 3, rerun: false };

const cases: [string, GroupRecord | undefined, Partial<typeof me>, ClaimDecision][] = [
  ['nobody ran the group: run', undefined, {}, { kind: 'run' }],
  ['an older job ran it: run (take over)', record('job-a', T0, 7), {}, { kind: 'run' }],
  [
    'a newer job ran it: superseded',
    record('job-c', '2026-03-01T12:00:02.000Z', 0),
    {},
    { kind: 'superseded', by: 'job-c' },
  ],
  [
    'a job accepted at the same time with a larger id wins',
    record('job-z', T1, 0),
    {},
    { kind: 'superseded', by: 'job-z' },
  ],
  ['a job accepted at the same time with a smaller id loses', record('job-a', T1, 0), {}, { kind: 'run' }],
  ['this job’s previous cycle ran: run', record('job-b', T1, 2), {}, { kind: 'run' }],
  [
    'this cycle already ran (a duplicate message): drop',
    record('job-b', T1, 3),
    {},
    { kind: 'drop', why: 'cycle 3 already ran (duplicate message)' },
  ],
  [
    'this cycle ran but crashed (redelivered or resumed): run again',
    record('job-b', T1, 3),
    { rerun: true },
    { kind: 'run' },
  ],
  [
    'a later cycle of this job ran: drop, even when redelivered',
    record('job-b', T1, 4),
    { rerun: true },
    { kind: 'drop', why: 'cycle 4 of this job already ran' },
  ],
  ['an earlier acceptance of this job: the later acceptance runs', record('job-b', T0, 9), {}, { kind: 'run' }],
  [
    'a later acceptance of this job ran: drop silently',
    record('job-b', '2026-03-01T12:00:05.000Z', 0),
    {},
    { kind: 'drop', why: 'the job was accepted again later; that acceptance runs it' },
  ],
];

for (const [title, stored, over, expected] of cases) {
  test(`decideClaim: ${title}`, (t) => {
    t.deepEqual(decideClaim(stored, { ...me, ...over }), expected);
  });
}

test('acceptedAfter orders by acceptance time, then job id', (t) => {
  t.true(acceptedAfter({ acceptedAt: T1, jobId: 'a' }, { acceptedAt: T0, jobId: 'z' }));
  t.false(acceptedAfter({ acceptedAt: T0, jobId: 'z' }, { acceptedAt: T1, jobId: 'a' }));
  t.true(acceptedAfter({ acceptedAt: T0, jobId: 'b' }, { acceptedAt: T0, jobId: 'a' }));
  t.false(acceptedAfter({ acceptedAt: T0, jobId: 'a' }, { acceptedAt: T0, jobId: 'a' }));
});
