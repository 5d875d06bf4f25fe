import test from 'ava';
import { probesFor, renamed } from '../../../test/chaos/core/expected-access.js';

test('probesFor lists own and foreign queues and exchanges under the namespace', (t) => {
  t.deepEqual(probesFor('load-balancer', 'ns1'), {
    mayConsume: ['ns1.lb.steps'],
    mayNotConsume: ['ns1.supervisor.jobs', 'ns1.supervisor.work', 'ns1.supervisor.converge', 'ns1.auth.rpc'],
    mayPublish: ['ns1.auth.rpc', 'ns1.supervisor.work', 'ns1.replies', 'ns1.delay', 'ns1.dlx'],
    mayNotPublish: [
      'ns1.events',
      'ns1.redeliver',
      'ns1.group-records',
      'ns1.supervisor.jobs',
      'ns1.supervisor.converge',
    ],
    mayNotReachViaDefault: [
      'ns1.supervisor.jobs',
      'ns1.supervisor.work',
      'ns1.supervisor.converge',
      'ns1.lb.steps',
      'ns1.auth.rpc',
    ],
  });
});

test('the supervisor may publish to the LB queue, events and group records; redeliver and replies are foreign', (t) => {
  const probes = probesFor('supervisor', 'k');
  t.deepEqual(
    [
      probes.mayPublish.includes('k.lb.steps'),
      probes.mayPublish.includes('k.events'),
      probes.mayPublish.includes('k.group-records'),
      probes.mayNotPublish,
    ],
    [true, true, true, ['k.redeliver', 'k.replies']],
  );
});

test('the auth service publishes only replies, retries and dead letters', (t) => {
  t.deepEqual(probesFor('auth', 'a').mayPublish, ['a.replies', 'a.delay', 'a.dlx']);
});

test('renamed moves a logical kelp name under the namespace and leaves others', (t) => {
  t.deepEqual([renamed('kelp.events', 'x'), renamed('amq.default', 'x')], ['x.events', 'amq.default']);
});

test('a producer may only publish jobs and consume no work queue', (t) => {
  const probes = probesFor('producer', 'p');
  t.deepEqual(
    [probes.mayConsume, probes.mayPublish, probes.mayNotConsume.length, probes.mayNotReachViaDefault.length],
    [[], ['p.supervisor.jobs'], 5, 5],
  );
});
