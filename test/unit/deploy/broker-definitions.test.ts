import test from 'ava';
import { readFile } from 'node:fs/promises';
import { brokerPermissionsFor } from '../../../shared/amqp/broker-permissions.js';
import { rabbitPasswordHash } from '../../../shared/amqp/broker-definitions.js';
import { createTopology } from '../../../shared/amqp/topology.js';
import { DEFINITIONS_PATH, renderDevDefinitions } from '../../../shared/amqp/write-broker-definitions.js';

test('deploy/rabbitmq/definitions.json is generated from the current topology and permissions', async (t) => {
  const checkedIn = await readFile(DEFINITIONS_PATH, 'utf8');
  t.is(checkedIn, renderDevDefinitions(), 'stale: run `node dist/shared/amqp/write-broker-definitions.js`');
});

test('rabbitPasswordHash follows rabbit_password_hashing_sha256: salt, then sha256 of salt and password', (t) => {
  const salt = Buffer.from([0x90, 0x8d, 0xc6, 0x0a]);
  // RabbitMQ's own documentation example: password "test12".
  t.is(rabbitPasswordHash('test12', salt), 'kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR');
});

const topology = createTopology();
const matches = (pattern: string, name: string) => new RegExp(pattern).test(name);

const cases: {
  role: Parameters<typeof brokerPermissionsFor>[0];
  kind: 'read' | 'write' | 'configure';
  name: string;
  allowed: boolean;
}[] = [
  { role: 'auth', kind: 'read', name: 'kelp.auth.rpc', allowed: true },
  { role: 'auth', kind: 'read', name: 'kelp.lb.steps', allowed: false },
  { role: 'auth', kind: 'write', name: 'kelp.supervisor.jobs', allowed: false },
  { role: 'auth', kind: 'configure', name: 'kelp.auth.rpc', allowed: false },
  { role: 'load-balancer', kind: 'read', name: 'kelp.lb.steps', allowed: true },
  { role: 'load-balancer', kind: 'read', name: 'kelp.supervisor.jobs', allowed: false },
  { role: 'load-balancer', kind: 'write', name: 'kelp.supervisor.work', allowed: true },
  { role: 'load-balancer', kind: 'write', name: 'kelp.events', allowed: false },
  { role: 'supervisor', kind: 'read', name: 'kelp.supervisor.jobs', allowed: true },
  { role: 'supervisor', kind: 'read', name: 'kelp.auth.rpc', allowed: false },
  { role: 'supervisor', kind: 'write', name: 'kelp.lb.steps', allowed: true },
  { role: 'supervisor', kind: 'write', name: 'kelp.supervisor.jobs', allowed: false },
  { role: 'supervisor', kind: 'configure', name: 'kelp.lock.t1.g1', allowed: true },
  { role: 'supervisor', kind: 'configure', name: 'kelp.supervisor.jobs', allowed: false },
  { role: 'supervisor', kind: 'configure', name: 'kelp.group.t1.g1', allowed: true },
  { role: 'supervisor', kind: 'read', name: 'kelp.group.t1.g1', allowed: true },
  { role: 'load-balancer', kind: 'read', name: 'kelp.group.t1.g1', allowed: false },
  { role: 'producer', kind: 'write', name: 'kelp.supervisor.jobs', allowed: true },
  { role: 'producer', kind: 'write', name: 'kelp.lb.steps', allowed: false },
  { role: 'producer', kind: 'read', name: 'kelp.events', allowed: true },
  { role: 'producer', kind: 'read', name: 'kelp.supervisor.jobs', allowed: false },
  { role: 'producer', kind: 'configure', name: 'amq.gen-Xy12', allowed: true },
  // Nobody publishes to the default exchange: it routes into any queue by name.
  ...(['auth', 'load-balancer', 'supervisor', 'producer'] as const).map((role) => ({
    role,
    kind: 'write' as const,
    name: 'amq.default',
    allowed: false,
  })),
  { role: 'auth', kind: 'write', name: 'kelp.replies', allowed: true },
  { role: 'auth', kind: 'configure', name: 'kelp.reply.0a1b2c3d4e5f6a7b', allowed: false },
  { role: 'load-balancer', kind: 'write', name: 'kelp.replies', allowed: true },
  { role: 'load-balancer', kind: 'configure', name: 'kelp.reply.0a1b2c3d4e5f6a7b', allowed: true },
  { role: 'load-balancer', kind: 'read', name: 'kelp.replies', allowed: true },
  { role: 'load-balancer', kind: 'configure', name: 'kelp.replies', allowed: false },
  { role: 'supervisor', kind: 'write', name: 'kelp.replies', allowed: false },
  { role: 'supervisor', kind: 'read', name: 'kelp.reply.0a1b2c3d4e5f6a7b', allowed: true },
  { role: 'supervisor', kind: 'write', name: 'kelp.group-records', allowed: true },
  { role: 'load-balancer', kind: 'write', name: 'kelp.group-records', allowed: false },
  { role: 'producer', kind: 'write', name: 'kelp.replies', allowed: false },
];

for (const c of cases) {
  test(`${c.role} ${c.allowed ? 'may' : 'may not'} ${c.kind} ${c.name}`, (t) => {
    t.is(matches(brokerPermissionsFor(c.role, topology)[c.kind], c.name), c.allowed);
  });
}
