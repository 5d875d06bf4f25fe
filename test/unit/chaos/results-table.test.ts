import test from 'ava';
import { formatDetails, formatDuration, formatResultsTable } from '../../../test/chaos/core/results-table.js';
import { statusOf, suitePassed, unranResult, type ScenarioResult } from '../../../test/chaos/core/scenario-result.js';

const crash: ScenarioResult = {
  name: '1 crash',
  status: 'passed',
  load: { submitted: 52, terminal: 52 },
  faults: { survived: 3, detail: 'SIGKILL supervisor, load-balancer, auth' },
  badInputs: 0,
  violations: [],
  checks: [{ name: 'services restarted', ok: true, detail: '3/3' }],
  notes: [],
  durationMs: 61_200,
};
const hostile: ScenarioResult = {
  name: '4 hostile input',
  status: 'failed',
  load: { submitted: 40, terminal: 39 },
  faults: { survived: 0, detail: '' },
  badInputs: 40_000,
  violations: [
    { kind: 'job-not-terminal', jobId: 'j9', detail: 'launch-server for t1/g1' },
    { kind: 'leaked-server', serverId: 's9', detail: 'x' },
  ],
  checks: [{ name: 'bad messages dead-lettered', ok: false, detail: '39998/40000' }],
  notes: ['deep nesting overflowed a validator'],
  durationMs: 950,
};

test('formatResultsTable aligns the columns and adds a totals row', (t) => {
  t.deepEqual(
    formatResultsTable([crash, hostile, unranResult('7 permissions', 'skipped', 'no rabbitmqctl')]).split('\n'),
    [
      'scenario        | result     |  load held | faults survived | bad inputs tried | jobs lost | servers duplicated | resources leaked |     time',
      '----------------+------------+------------+-----------------+------------------+-----------+--------------------+------------------+---------',
      '1 crash         | PASSED     | 52/52 jobs |               3 |                0 |         0 |                  0 |                0 | 1 m 01 s',
      '4 hostile input | FAILED     | 39/40 jobs |               0 |            40000 |         1 |                  0 |                1 |   950 ms',
      '7 permissions   | SKIPPED    |          - |               - |                - |         - |                  - |                - |     0 ms',
      '----------------+------------+------------+-----------------+------------------+-----------+--------------------+------------------+---------',
      'total           | 1/3 passed | 91/92 jobs |               3 |            40000 |         1 |                  0 |                1 | 1 m 02 s',
    ],
  );
});

test('formatDetails lists faults, checks, violations and notes, capped per scenario', (t) => {
  t.deepEqual(formatDetails([crash, hostile], 1).split('\n'), [
    '1 crash (passed)',
    '  faults: SIGKILL supervisor, load-balancer, auth',
    '  ok   services restarted: 3/3',
    '4 hostile input (failed)',
    '  FAIL bad messages dead-lettered: 39998/40000',
    '  VIOLATION job-not-terminal: job j9 (launch-server for t1/g1)',
    '  ... and 1 more violations',
    '  note: deep nesting overflowed a validator',
  ]);
});

test('formatDuration picks ms, seconds or minutes', (t) => {
  t.deepEqual([formatDuration(12.4), formatDuration(1500), formatDuration(125_000)], ['12 ms', '1.5 s', '2 m 05 s']);
});

test('statusOf fails on a violation or a failed check; suitePassed ignores skipped scenarios', (t) => {
  t.deepEqual(
    [
      statusOf([], [{ name: 'a', ok: true, detail: '' }]),
      statusOf([], [{ name: 'a', ok: false, detail: '' }]),
      statusOf(hostile.violations, []),
    ],
    ['passed', 'failed', 'failed'],
  );
  t.deepEqual(
    [suitePassed([crash, unranResult('x', 'skipped', 'r')]), suitePassed([crash, unranResult('x', 'error', 'r')])],
    [true, false],
  );
});
