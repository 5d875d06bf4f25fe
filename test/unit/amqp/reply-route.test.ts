import test from 'ava';
import { replyRoute } from '../../../shared/amqp/amqp-settle-publishing.js';
import { createTopology } from '../../../shared/amqp/topology.js';

const topology = createTopology({ prefix: 'r1' });

const cases: ReadonlyArray<readonly [string, string, string]> = [
  ['a work queue of the topology, through its own exchange', 'r1.supervisor.work', 'r1.supervisor.work'],
  ['another work queue, through its own exchange', 'r1.lb.steps', 'r1.lb.steps'],
  ['an RPC reply queue, through the replies exchange', 'r1.reply.0a1b2c3d4e5f6a7b', 'r1.replies'],
  ['a logical name of another prefix is not a work queue here', 'kelp.supervisor.work', 'r1.replies'],
  [
    'direct reply-to is not special: it goes to the replies exchange (unroutable)',
    'amq.rabbitmq.reply-to.g1h',
    'r1.replies',
  ],
];

for (const [what, replyTo, exchange] of cases) {
  test(`replyRoute: ${what}`, (t) => {
    t.is(replyRoute(topology, replyTo).exchange, exchange);
  });
}

test('replyRoute never answers through the default exchange', (t) => {
  const addresses = ['', 'r1.supervisor.jobs', 'r1.auth.rpc', 'x', 'r1.reply.z'];
  t.false(addresses.some((replyTo) => replyRoute(topology, replyTo).exchange === ''));
});
