import test from 'ava';
import { AppError } from '../../../shared/errors/app-error.js';
import { findPublicUrl } from '../../../shared/request/catalog.js';
import { createEndpointResolver } from '../../../shared/request/endpoint-resolver.js';
import { CATALOG, ENDPOINTS } from './fixtures.js';

const lookups: readonly [string, string, string, string | undefined][] = [
  [
    'selects by name, not by type shared with a control plane',
    'cloudServersOpenStack',
    'ORD',
    'http://sim.test/nova/ORD/v2/t1',
  ],
  ['selects the endpoint of the region', 'cloudServersOpenStack', 'DFW', 'http://sim.test/nova/DFW/v2/t1'],
  ['finds nothing for a region the service lacks', 'cloudLoadBalancers', 'DFW', undefined],
  ['finds nothing for an unknown name', 'rackconnect', 'ORD', undefined],
];

for (const [name, service, region, expected] of lookups) {
  test(`findPublicUrl ${name}`, (t) => {
    t.is(findPublicUrl(CATALOG, service, region), expected);
  });
}

test('findPublicUrl searches later entries with the same name', (t) => {
  const catalog = [
    { name: 'rackconnect', type: 'rax:rackconnect', endpoints: [{ region: 'DFW', publicURL: 'http://a' }] },
    { name: 'other', type: 'x', endpoints: [] },
    { name: 'rackconnect', type: 'rax:rackconnect', endpoints: [{ region: 'ORD', publicURL: 'http://b' }] },
  ];
  t.is(findPublicUrl(catalog, 'rackconnect', 'ORD'), 'http://b');
});

test('endpoint resolver prefers a configured URL over the catalog', (t) => {
  const resolve = createEndpointResolver({
    ...ENDPOINTS,
    rackconnect: { name: 'rackconnect', region: 'ORD', url: 'http://override/v3/t1' },
  });
  t.is(resolve(CATALOG, 'rackconnect'), 'http://override/v3/t1');
  t.is(resolve(CATALOG, 'cloudServersOpenStack'), 'http://sim.test/nova/ORD/v2/t1');
});

test('endpoint resolver throws a non-retryable endpoint error naming service and region', (t) => {
  const resolve = createEndpointResolver(ENDPOINTS);
  const error = t.throws(() => resolve(CATALOG, 'rackconnect'));
  t.true(AppError.isKind(error, 'endpoint'));
  t.false((error as AppError).retryable);
  t.regex(error?.message ?? '', /"rackconnect".*"ORD"/);
});

test('endpoint resolver answers the same URL from its memo for the same catalog', (t) => {
  const resolve = createEndpointResolver(ENDPOINTS);
  t.is(resolve(CATALOG, 'cloudLoadBalancers'), 'http://sim.test/clb/ORD/v2/t1/');
  t.is(resolve(CATALOG, 'cloudLoadBalancers'), 'http://sim.test/clb/ORD/v2/t1/');
});
