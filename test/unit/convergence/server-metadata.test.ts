import test from 'ava';
import { LaunchConfigSchema } from '../../../shared/convergence/desired-state.js';
import {
  formatClbPorts,
  groupIdOf,
  groupServerMetadata,
  newServerMetadata,
} from '../../../shared/convergence/server-metadata.js';
import { parseMetadataLbs } from '../../../shared/convergence/metadata-lbs.js';
import { seededServerSuffixes, serverName } from '../../../shared/convergence/server-name.js';

test('formatClbPorts writes Python-style JSON with spaces', (t) => {
  t.is(formatClbPorts([80]), '[{"port": 80}]');
  t.is(formatClbPorts([80, 8080]), '[{"port": 80}, {"port": 8080}]');
  t.is(formatClbPorts([]), '[]');
});

test('groupServerMetadata writes both group keys and one key per load balancer, ports in config order', (t) => {
  const lc = LaunchConfigSchema.parse({
    server: { flavorRef: 'f' },
    loadBalancers: [
      { loadBalancerId: 5, port: 8080 },
      { loadBalancerId: 5, port: 80 },
      { loadBalancerId: 5, port: 8080 },
      { loadBalancerId: 'Pool-X', type: 'RackConnectV3' },
    ],
  });
  t.deepEqual(groupServerMetadata('g', lc), {
    'rax:auto_scaling_group_id': 'g',
    'rax:autoscale:group:id': 'g',
    'rax:autoscale:lb:RackConnectV3:pool-x': '',
    'rax:autoscale:lb:CloudLoadBalancer:5': '[{"port": 8080}, {"port": 80}]',
  });
});

test("newServerMetadata overlays the group's keys on the user's metadata", (t) => {
  const lc = LaunchConfigSchema.parse({
    server: { flavorRef: 'f', metadata: { owner: 'ops', 'rax:autoscale:group:id': 'spoofed' } },
  });
  t.deepEqual(newServerMetadata('g', lc), {
    owner: 'ops',
    'rax:autoscale:group:id': 'g',
    'rax:auto_scaling_group_id': 'g',
  });
});

const groupIdCases: { name: string; metadata: Record<string, unknown>; expected: string | undefined }[] = [
  { name: 'the new key', metadata: { 'rax:autoscale:group:id': 'a' }, expected: 'a' },
  { name: 'the legacy key', metadata: { 'rax:auto_scaling_group_id': 'b' }, expected: 'b' },
  {
    name: 'the new key over the legacy one',
    metadata: { 'rax:autoscale:group:id': 'a', 'rax:auto_scaling_group_id': 'b' },
    expected: 'a',
  },
  { name: 'nothing for an empty value', metadata: { 'rax:autoscale:group:id': '' }, expected: undefined },
  { name: 'nothing for a non-string value', metadata: { 'rax:autoscale:group:id': 7 }, expected: undefined },
  { name: 'nothing without a key', metadata: {}, expected: undefined },
];

for (const c of groupIdCases) {
  test(`groupIdOf reads ${c.name}`, (t) => {
    t.is(groupIdOf(c.metadata), c.expected);
  });
}

const parseCases: { name: string; metadata: Record<string, string>; expected: ReturnType<typeof parseMetadataLbs> }[] =
  [
    {
      name: 'CLB ports and RCv3 pools',
      metadata: {
        'rax:autoscale:lb:CloudLoadBalancer:12': '[{"port": 80}, {"port": 443}]',
        'rax:autoscale:lb:RackConnectV3:ABC-def': 'ignored',
        owner: 'ops',
      },
      expected: {
        clb: [
          { lbId: '12', port: 80 },
          { lbId: '12', port: 443 },
        ],
        rcv3: ['abc-def'],
      },
    },
    {
      name: 'nothing from bad JSON',
      metadata: { 'rax:autoscale:lb:CloudLoadBalancer:12': '[{"port": 80' },
      expected: { clb: [], rcv3: [] },
    },
    {
      name: 'nothing from a non-list',
      metadata: { 'rax:autoscale:lb:CloudLoadBalancer:12': '{"port": 80}' },
      expected: { clb: [], rcv3: [] },
    },
    {
      name: 'nothing from a list with an item without a port',
      metadata: { 'rax:autoscale:lb:CloudLoadBalancer:12': '[{"port": 80}, {"weight": 2}]' },
      expected: { clb: [], rcv3: [] },
    },
    {
      name: 'nothing from a non-decimal CLB id',
      metadata: { 'rax:autoscale:lb:CloudLoadBalancer:abc': '[{"port": 80}]' },
      expected: { clb: [], rcv3: [] },
    },
    {
      name: 'nothing from other LB types',
      metadata: { 'rax:autoscale:lb:Other:1': '' },
      expected: { clb: [], rcv3: [] },
    },
    {
      name: 'nothing from keys outside the pattern',
      metadata: { 'rax:autoscale:lb:RackConnectV3:a b': '' },
      expected: { clb: [], rcv3: [] },
    },
  ];

for (const c of parseCases) {
  test(`parseMetadataLbs reads ${c.name}`, (t) => {
    t.deepEqual(parseMetadataLbs(c.metadata), c.expected);
  });
}

test('seededServerSuffixes gives "as" and 8 hex digits, the same for the same seed and index', (t) => {
  const a = seededServerSuffixes('job-1:1');
  const names = Array.from({ length: 100 }, (_, i) => a(i));
  t.true(names.every((n) => /^as[0-9a-f]{8}$/.test(n)));
  t.deepEqual(
    Array.from({ length: 100 }, (_, i) => seededServerSuffixes('job-1:1')(i)),
    names,
  );
  t.is(new Set(names).size, 100);
  t.not(seededServerSuffixes('job-1:2')(0), a(0));
});

test('serverName joins a configured prefix and the suffix, or uses the suffix alone', (t) => {
  t.is(serverName('web', 'as0011aabb'), 'web-as0011aabb');
  t.is(serverName(undefined, 'as0011aabb'), 'as0011aabb');
  t.is(serverName('', 'as0011aabb'), 'as0011aabb');
});
