import test from 'ava';
import { buildCatalog, flattenCatalog, serviceSegments } from '../../../services/cloud-sim/src/identity/catalog.js';

const segments = serviceSegments('s');

test('service segments derive from the seed', (t) => {
  t.deepEqual(serviceSegments('s'), segments);
  t.notDeepEqual(serviceSegments('other'), segments);
  t.regex(segments.nova, /^nova-[0-9a-f]{6}$/);
});

test("the catalog points at the caller's host, ends in the tenant id, decoys first", (t) => {
  const catalog = buildCatalog('http://h:1', 't9', { segments, regions: ['ORD', 'DFW'], decoys: true });
  t.deepEqual(
    catalog.map((e) => [e.name, e.type]),
    [
      ['cloudServersBehavior', 'compute'],
      ['cloudLoadBalancerControl', 'rax:load-balancer'],
      ['cloudServersOpenStack', 'compute'],
      ['cloudLoadBalancers', 'rax:load-balancer'],
      ['rackconnect', 'rax:rackconnect'],
    ],
  );
  t.deepEqual(catalog[2]?.endpoints, [
    {
      region: 'ORD',
      tenantId: 't9',
      publicURL: `http://h:1/${segments.nova}/ORD/v2/t9`,
      internalURL: `http://h:1/${segments.nova}/ORD/v2/t9`,
    },
    {
      region: 'DFW',
      tenantId: 't9',
      publicURL: `http://h:1/${segments.nova}/DFW/v2/t9`,
      internalURL: `http://h:1/${segments.nova}/DFW/v2/t9`,
    },
  ]);
  t.is(catalog[4]?.endpoints[0]?.publicURL, `http://h:1/${segments.rcv3}/ORD/v3/t9`);
});

test('without decoys only the real services are listed', (t) => {
  const catalog = buildCatalog('http://h', 't', { segments, regions: ['ORD'], decoys: false });
  t.deepEqual(
    catalog.map((e) => e.name),
    ['cloudServersOpenStack', 'cloudLoadBalancers', 'rackconnect'],
  );
});

test('flattened endpoints keep each service adjacent', (t) => {
  const flat = flattenCatalog(buildCatalog('http://h', 't', { segments, regions: ['ORD', 'IAD'], decoys: false }));
  t.deepEqual(
    flat.map((e) => [e['name'], e['region'], e['id']]),
    [
      ['cloudServersOpenStack', 'ORD', 1],
      ['cloudServersOpenStack', 'IAD', 2],
      ['cloudLoadBalancers', 'ORD', 3],
      ['cloudLoadBalancers', 'IAD', 4],
      ['rackconnect', 'ORD', 5],
      ['rackconnect', 'IAD', 6],
    ],
  );
});
