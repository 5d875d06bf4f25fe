import test from 'ava';
import { launchMetadata, membershipsFromMetadata } from '../../../services/supervisor/src/core/launch-metadata.js';
import { pythonJsonDumps } from '../../../services/supervisor/src/core/python-json.js';
import { serverNameFor, serverNameSuffix } from '../../../services/supervisor/src/core/server-identity.js';
import { serviceNetAddress } from '../../../services/supervisor/src/core/nova-reads.js';
import type { LoadBalancerConfig } from '../../../shared/messages/job-messages.js';

const dumps: readonly [unknown, string][] = [
  [[{ port: 80 }], '[{"port": 80}]'],
  [[{ port: 80 }, { port: 8080 }], '[{"port": 80}, {"port": 8080}]'],
  [{ a: 'x', b: [1, 2], c: null, d: true }, '{"a": "x", "b": [1, 2], "c": null, "d": true}'],
  [[], '[]'],
  [{}, '{}'],
  ['é"\\\n', '"\\u00e9\\"\\\\\\n"'],
  ['😀', '"\\ud83d\\ude00"'],
  [1.5, '1.5'],
];
for (const [value, expected] of dumps) {
  test(`pythonJsonDumps writes ${expected} as Python's json.dumps does`, (t) => {
    t.is(pythonJsonDumps(value), expected);
  });
}

test('launchMetadata overlays group, job and per-LB keys on the user metadata', (t) => {
  const lbs: LoadBalancerConfig[] = [
    { type: 'CloudLoadBalancer', loadBalancerId: '10', port: 80 },
    { type: 'RackConnectV3', loadBalancerId: 'pool-a' },
    { type: 'CloudLoadBalancer', loadBalancerId: '10', port: 8080 },
    { type: 'CloudLoadBalancer', loadBalancerId: '11', port: 443 },
  ];
  t.deepEqual(launchMetadata({ owner: 'ops', 'rax:autoscale:group:id': 'forged' }, 'g1', 'j1', lbs), {
    owner: 'ops',
    'rax:auto_scaling_group_id': 'g1',
    'rax:autoscale:group:id': 'g1',
    'rax:autoscale:job:id': 'j1',
    'rax:autoscale:lb:RackConnectV3:pool-a': '',
    'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}, {"port": 8080}]',
    'rax:autoscale:lb:CloudLoadBalancer:11': '[{"port": 443}]',
  });
});

test('membershipsFromMetadata reads back what launchMetadata wrote and reports unreadable keys', (t) => {
  t.deepEqual(
    membershipsFromMetadata({
      'rax:autoscale:lb:CloudLoadBalancer:10': '[{"port": 80}, {"port": 8080}]',
      'rax:autoscale:lb:RackConnectV3:pool-a': '',
      'rax:autoscale:lb:CloudLoadBalancer:11': 'not json',
      'rax:autoscale:lb:CloudLoadBalancer:abc': '[{"port": 80}]',
      other: 'x',
    }),
    {
      memberships: [
        { type: 'CloudLoadBalancer', loadBalancerId: '10', port: 80 },
        { type: 'CloudLoadBalancer', loadBalancerId: '10', port: 8080 },
        { type: 'RackConnectV3', loadBalancerId: 'pool-a' },
      ],
      unreadable: ['rax:autoscale:lb:CloudLoadBalancer:11', 'rax:autoscale:lb:CloudLoadBalancer:abc'],
    },
  );
});

test('server names derive from the job id and generation only', (t) => {
  t.is(serverNameSuffix('job-1', 0), serverNameSuffix('job-1', 0));
  t.not(serverNameSuffix('job-1', 0), serverNameSuffix('job-1', 1));
  t.not(serverNameSuffix('job-1', 0), serverNameSuffix('job-2', 0));
  t.regex(serverNameSuffix('job-1', 0), /^as[0-9a-f]{8}$/);
  t.is(serverNameFor('job-1', 0, 'web'), `web-${serverNameSuffix('job-1', 0)}`);
  t.is(serverNameFor('job-1', 0), serverNameSuffix('job-1', 0));
});

const serviceNet: readonly [string, Parameters<typeof serviceNetAddress>[0], string | undefined][] = [
  [
    'the first 10.x IPv4 on private',
    {
      private: [
        { addr: 'fe80::1', version: 6 },
        { addr: '10.1.2.3', version: 4 },
      ],
    },
    '10.1.2.3',
  ],
  ['none without a private network', { public: [{ addr: '10.9.9.9', version: 4 }] }, undefined],
  ['none when private has no 10.x', { private: [{ addr: '192.168.1.1', version: 4 }] }, undefined],
];
for (const [title, addresses, expected] of serviceNet) {
  test(`serviceNetAddress finds ${title}`, (t) => {
    t.is(serviceNetAddress(addresses), expected);
  });
}
