import test from 'ava';
import {
  jobRecordsFrom,
  retryCounts,
  terminalCount,
  type SubmittedJob,
} from '../../../test/chaos/core/job-outcomes.js';

const JOBS: SubmittedJob[] = [
  { jobId: 'a', tenantId: 't1', type: 'launch-server', groupId: 'g' },
  { jobId: 'b', tenantId: 't1', type: 'delete-server', groupId: 'g', serverId: 's1' },
  { jobId: 'c', tenantId: 't1', type: 'launch-server', groupId: 'g' },
];

test('jobRecordsFrom keeps terminal events in order and the last result', (t) => {
  const records = jobRecordsFrom(JOBS, [
    { jobId: 'a', event: 'accepted', payload: {} },
    { jobId: 'a', event: 'succeeded', payload: { result: { serverId: 's1' } } },
    { jobId: 'b', event: 'failed', payload: { reasons: ['x'] } },
    { jobId: 'a', event: 'succeeded', payload: { result: { serverId: 's1' } } },
    { jobId: 'zzz', event: 'failed', payload: {} },
  ]);
  t.deepEqual(records, [
    { ...JOBS[0]!, outcomes: ['succeeded', 'succeeded'], result: { serverId: 's1' } },
    { ...JOBS[1]!, outcomes: ['failed'] },
    { ...JOBS[2]!, outcomes: [] },
  ]);
  t.is(terminalCount(records), 2);
});

test('retryCounts counts retrying events per job type', (t) => {
  const types = new Map(JOBS.map((job) => [job.jobId, job.type]));
  t.deepEqual(
    retryCounts(
      [
        { jobId: 'a', event: 'retrying', payload: {} },
        { jobId: 'b', event: 'retrying', payload: {} },
        { jobId: 'a', event: 'retrying', payload: {} },
        { jobId: 'q', event: 'retrying', payload: {} },
        { jobId: 'a', event: 'succeeded', payload: {} },
      ],
      (jobId) => types.get(jobId),
    ),
    { 'launch-server': 2, 'delete-server': 1, unknown: 1 },
  );
});
