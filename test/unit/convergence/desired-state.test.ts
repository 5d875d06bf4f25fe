import test from 'ava';
import { DesiredGroupStateSchema } from '../../../shared/convergence/desired-state.js';

test('DesiredGroupStateSchema applies the default draining and build timeouts', (t) => {
  const parsed = DesiredGroupStateSchema.parse({ capacity: 2, launchConfig: { server: { flavorRef: 'f' } } });
  t.deepEqual(parsed, {
    capacity: 2,
    launchConfig: { server: { flavorRef: 'f' }, loadBalancers: [] },
    drainingTimeoutSec: 0,
    buildTimeoutSec: 3600,
  });
});

test('DesiredGroupStateSchema reads CLB and RCv3 entries, CLB ids as decimal strings, dropping unknown keys', (t) => {
  const parsed = DesiredGroupStateSchema.parse({
    capacity: 1,
    launchConfig: {
      server: { name: 'web', flavorRef: 'f', imageRef: null, networks: [{ uuid: 'n' }] },
      loadBalancers: [
        { loadBalancerId: 12, port: 80, extra: true },
        { loadBalancerId: '13', port: 443, type: 'CloudLoadBalancer' },
        { loadBalancerId: 'Pool-1', type: 'RackConnectV3' },
      ],
    },
    drainingTimeoutSec: 30,
    buildTimeoutSec: 600,
  });
  t.deepEqual(parsed.launchConfig, {
    server: { name: 'web', flavorRef: 'f', imageRef: null, networks: [{ uuid: 'n' }] },
    loadBalancers: [
      { loadBalancerId: '12', port: 80 },
      { loadBalancerId: '13', port: 443, type: 'CloudLoadBalancer' },
      { loadBalancerId: 'Pool-1', type: 'RackConnectV3' },
    ],
  });
});

const invalid: [name: string, value: unknown][] = [
  ['a negative capacity', { capacity: -1, launchConfig: { server: { flavorRef: 'f' } } }],
  ['a fractional capacity', { capacity: 1.5, launchConfig: { server: { flavorRef: 'f' } } }],
  ['a launch config without flavorRef', { capacity: 1, launchConfig: { server: {} } }],
  [
    'a CLB without a port',
    { capacity: 1, launchConfig: { server: { flavorRef: 'f' }, loadBalancers: [{ loadBalancerId: 1 }] } },
  ],
  [
    'a non-decimal CLB id',
    { capacity: 1, launchConfig: { server: { flavorRef: 'f' }, loadBalancers: [{ loadBalancerId: 'abc', port: 80 }] } },
  ],
  [
    'an unknown LB type',
    {
      capacity: 1,
      launchConfig: { server: { flavorRef: 'f' }, loadBalancers: [{ loadBalancerId: '1', port: 80, type: 'Other' }] },
    },
  ],
  [
    'a negative draining timeout',
    { capacity: 1, launchConfig: { server: { flavorRef: 'f' } }, drainingTimeoutSec: -1 },
  ],
  ['a zero build timeout', { capacity: 1, launchConfig: { server: { flavorRef: 'f' } }, buildTimeoutSec: 0 }],
];

for (const [name, value] of invalid) {
  test(`DesiredGroupStateSchema rejects ${name}`, (t) => {
    t.false(DesiredGroupStateSchema.safeParse(value).success);
  });
}
