import test from 'ava';
import { plan } from '../../../shared/convergence/plan.js';
import { seededServerSuffixes } from '../../../shared/convergence/server-name.js';
import { infoReason } from '../../../shared/steps/step-result.js';
import {
  CTX,
  GROUP,
  LC_LBS,
  NOW,
  addClb,
  clb,
  createStep,
  desired,
  node,
  observed,
  pool,
  removeClb,
  server,
} from './fixtures.js';

test('plan creates at most 10 servers per cycle by default and asks to come back for the rest', (t) => {
  const steps = plan(desired(12), observed([]), NOW, { groupId: GROUP, serverSuffixes: CTX.serverSuffixes });
  t.deepEqual(steps, [
    ...Array.from({ length: 10 }, (_, i) => createStep(i)),
    {
      type: 'ConvergeLater',
      reasons: [infoReason('step limits deferred 2 CreateServer to the next cycle', { deferred: { CreateServer: 2 } })],
      limited: false,
    },
  ]);
});

test('plan applies the configured CreateServer limit', (t) => {
  const steps = plan(desired(3), observed([]), NOW, { ...CTX, limits: { CreateServer: 500 } });
  t.deepEqual(steps, [createStep(0), createStep(1), createStep(2)]);
});

test('plan keeps one mutation per CLB when the context asks for it', (t) => {
  const world = observed(
    [server('s1', { lc: LC_LBS }), server('s2', { lc: LC_LBS, state: 'ERROR' })],
    [clb('101', [node('21', '10.0.0.2', 80)]), clb('202', [node('12', '10.0.0.1', 8080)])],
    [pool('pool-a', ['s1'])],
  );
  const relaxed = plan(desired(2, LC_LBS), world, NOW, CTX);
  const strict = plan(desired(2, LC_LBS), world, NOW, { ...CTX, oneClbMutationPerCycle: true });
  t.deepEqual(
    relaxed.filter((s) => s.type === 'RemoveNodesFromCLB' || s.type === 'AddNodesToCLB'),
    [removeClb('101', '21'), addClb('101', ['10.0.0.1', 80])],
  );
  t.deepEqual(
    strict.filter((s) => s.type === 'RemoveNodesFromCLB' || s.type === 'AddNodesToCLB'),
    [removeClb('101', '21')],
  );
});

test('plan gives the same plan for the same inputs and never mutates them', (t) => {
  const want = desired(3, LC_LBS, { drainingTimeoutSec: 30 });
  const world = observed(
    [
      server('s1', { lc: LC_LBS }),
      server('s2', { lc: LC_LBS, state: 'ERROR' }),
      server('s3', { lc: LC_LBS, ageSec: 9000 }),
    ],
    [clb('101', [node('21', '10.0.0.2', 80)]), clb('202')],
    [pool('pool-a', ['s1', 's3'])],
  );
  const before = structuredClone({ want, world });
  const context = { ...CTX, serverSuffixes: seededServerSuffixes('job-1:3') };
  const first = plan(want, world, NOW, context);
  t.deepEqual(plan(want, world, NOW, context), first);
  t.deepEqual({ want, world }, before);
});

test('plan handles a plan larger than an argument list can hold (200,000 creates, no limits)', (t) => {
  const steps = plan({ ...desired(0), capacity: 200_000 }, observed([]), NOW, CTX);
  t.is(steps.length, 200_000);
  t.deepEqual(steps[199_999], createStep(199_999));
});

test('plan deletes and cleans up a whole group of 150,000 ERROR servers in one plan', (t) => {
  const servers = Array.from({ length: 150_000 }, (_, i) => server(`s${i}`, { state: 'ERROR', address: null }));
  const steps = plan(desired(0), observed(servers), NOW, CTX);
  t.is(steps.length, 150_000);
  t.true(steps.every((s) => s.type === 'DeleteServer'));
});
