import test from 'ava';
import type { Fixture } from './helpers/sim-fixture.js';
import { fixture, http } from './helpers/sim-fixture.js';

const node = (i: number, port = 80) => ({
  address: `10.180.0.${i}`,
  port,
  condition: 'ENABLED' as const,
  type: 'PRIMARY' as const,
  weight: 1,
});

function seedLb(f: Fixture, nodes: ReturnType<typeof node>[] = []): number {
  return f.sim.seedLoadBalancer({ tenantId: 't1', name: 'lb', nodes })['id'] as number;
}

async function addNodes(f: Fixture, lb: number, nodes: unknown[]) {
  return http('POST', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token, json: { nodes } });
}

test('create answers 202 BUILD, then ACTIVE; get, list and delete', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 1000 });
  const res = await http('POST', `${f.clb}/loadbalancers`, {
    token: f.token,
    json: { loadBalancer: { name: 'web', protocol: 'HTTP', virtualIps: [{ type: 'PUBLIC' }], nodes: [node(1)] } },
  });
  t.is(res.status, 202);
  const lb = (res.body as { loadBalancer: Record<string, unknown> }).loadBalancer;
  t.deepEqual([lb['status'], lb['port'], lb['algorithm'], lb['nodeCount']], ['BUILD', 80, 'RANDOM', 1]);
  t.deepEqual(
    (lb['nodes'] as Record<string, unknown>[]).map((n) => [n['address'], n['status']]),
    [['10.180.0.1', 'ONLINE']],
  );
  f.sim.advanceClock(1000);
  const got = (await http('GET', `${f.clb}/loadbalancers/${String(lb['id'])}`, { token: f.token })).body as {
    loadBalancer: Record<string, unknown>;
  };
  t.is(got.loadBalancer['status'], 'ACTIVE');
  const list = (await http('GET', `${f.clb}/loadbalancers`, { token: f.token })).body as {
    loadBalancers: Record<string, unknown>[];
  };
  t.deepEqual(
    list.loadBalancers.map((l) => [l['id'], l['nodeCount'], l['nodes']]),
    [[lb['id'], 1, undefined]],
  );
  t.is((await http('DELETE', `${f.clb}/loadbalancers/${String(lb['id'])}`, { token: f.token })).status, 202);
  const deleting = (await http('GET', `${f.clb}/loadbalancers/${String(lb['id'])}`, { token: f.token })).body as {
    loadBalancer: Record<string, unknown>;
  };
  t.is(deleting.loadBalancer['status'], 'PENDING_DELETE');
  f.sim.advanceClock(1000);
  const deleted = (await http('GET', `${f.clb}/loadbalancers/${String(lb['id'])}`, { token: f.token })).body as {
    loadBalancer: Record<string, unknown>;
  };
  t.is(deleted.loadBalancer['status'], 'DELETED');
  f.sim.advanceClock(3_600_000);
  t.is((await http('GET', `${f.clb}/loadbalancers/${String(lb['id'])}`, { token: f.token })).status, 404);
});

test('nodes are omitted from an LB without nodes', async (t) => {
  const f = await fixture(t);
  const lb = seedLb(f);
  const got = (await http('GET', `${f.clb}/loadbalancers/${lb}`, { token: f.token })).body as {
    loadBalancer: Record<string, unknown>;
  };
  t.false('nodes' in got.loadBalancer);
});

test('every node mutation makes the LB PENDING_UPDATE for the configured time with the 422 immutable text', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 1000 });
  const lb = seedLb(f, [node(1)]);
  const added = await addNodes(f, lb, [node(2)]);
  t.is(added.status, 202);
  const newId = (added.body as { nodes: { id: number }[] }).nodes[0]?.id ?? 0;
  const immutable = {
    message: `Load Balancer '${lb}' has a status of 'PENDING_UPDATE' and is considered immutable.`,
    code: 422,
  };
  const attempts = await Promise.all([
    addNodes(f, lb, [node(3)]),
    http('PUT', `${f.clb}/loadbalancers/${lb}/nodes/${newId}`, {
      token: f.token,
      json: { node: { condition: 'DRAINING' } },
    }),
    http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes/${newId}`, { token: f.token }),
    http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes?id=${newId}`, { token: f.token }),
    http('DELETE', `${f.clb}/loadbalancers/${lb}`, { token: f.token }),
  ]);
  t.deepEqual(
    attempts.map((r) => [r.status, r.body]),
    [
      [422, immutable],
      [422, immutable],
      [422, immutable],
      [422, { message: 'LoadBalancer is not ACTIVE', code: 422 }],
      [422, immutable],
    ],
  );
  f.sim.advanceClock(1000);
  const update = await http('PUT', `${f.clb}/loadbalancers/${lb}/nodes/${newId}`, {
    token: f.token,
    json: { node: { condition: 'DRAINING', weight: 10 } },
  });
  t.is(update.status, 202);
  t.is((await http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes/${newId}`, { token: f.token })).status, 422);
  f.sim.advanceClock(1000);
  const got = (await http('GET', `${f.clb}/loadbalancers/${lb}/nodes/${newId}`, { token: f.token })).body as {
    node: Record<string, unknown>;
  };
  t.deepEqual([got.node['condition'], got.node['weight']], ['DRAINING', 10]);
  t.is((await http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes/${newId}`, { token: f.token })).status, 202);
  const counters = f.sim.counters();
  t.is(counters.clbMutatingRequests[String(lb)], 9);
  t.is(counters.clbMutationsApplied[String(lb)], 3);
});

test('node list, get and bulk delete', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 0 });
  const lb = seedLb(f, [node(1), node(2), node(3)]);
  const nodes = (
    (await http('GET', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token })).body as { nodes: { id: number }[] }
  ).nodes;
  t.is(nodes.length, 3);
  const ids = nodes.map((n) => n.id);
  const del = await http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes?id=${ids[0]}&id=${ids[2]}`, { token: f.token });
  t.is(del.status, 202);
  const left = (
    (await http('GET', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token })).body as { nodes: { id: number }[] }
  ).nodes;
  t.deepEqual(
    left.map((n) => n.id),
    [ids[1]],
  );
  const missing = await http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes?id=${ids[0]}&id=${ids[1]}`, {
    token: f.token,
  });
  t.deepEqual(
    [missing.status, missing.body],
    [
      400,
      {
        validationErrors: { messages: [`Node ids ${ids[0]} are not a part of your loadbalancer`] },
        message: 'Validation Failure',
        code: 400,
        details: 'The object is not valid',
      },
    ],
  );
  const none = await http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token });
  t.deepEqual(
    [none.status, none.body],
    [400, { message: "Must supply one or more id's to process this request.", code: 400 }],
  );
});

test('more than ten ids in one bulk delete is refused', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 0 });
  const lb = seedLb(
    f,
    Array.from({ length: 11 }, (_, i) => node(i + 1)),
  );
  const ids = (
    (await http('GET', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token })).body as { nodes: { id: number }[] }
  ).nodes.map((n) => n.id);
  const res = await http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes?${ids.map((id) => `id=${id}`).join('&')}`, {
    token: f.token,
  });
  t.is(res.status, 400);
  t.deepEqual((res.body as { validationErrors: { messages: string[] } }).validationErrors.messages, [
    'Request to delete 11 nodes exceeds the account limit BATCH_DELETE_LIMIT of 10 please attempt to delete fewer then 10 nodes',
  ]);
});

test('the 25-node limit answers 413 and adds nothing; duplicates answer 422', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 0 });
  const lb = seedLb(
    f,
    Array.from({ length: 24 }, (_, i) => node(i + 1)),
  );
  const over = await addNodes(f, lb, [node(100), node(101)]);
  t.deepEqual([over.status, over.body], [413, { message: 'Nodes must not exceed 25 per load balancer.', code: 413 }]);
  const dup = await addNodes(f, lb, [node(1)]);
  t.deepEqual(
    [dup.status, dup.body],
    [422, { message: 'Duplicate nodes detected. One or more nodes already configured on load balancer.', code: 422 }],
  );
  t.is((await addNodes(f, lb, [node(100)])).status, 202);
  t.is((await addNodes(f, lb, [node(101)])).status, 413);
});

const notFoundCases: [string, string, string, unknown, number, unknown][] = [
  ['get LB', 'GET', '/loadbalancers/99', undefined, 404, { message: 'Load balancer not found', code: 404 }],
  [
    'add to missing LB',
    'POST',
    '/loadbalancers/99/nodes',
    { nodes: [node(1)] },
    404,
    { message: 'Load balancer not found', code: 404 },
  ],
  ['get missing node', 'GET', '/loadbalancers/{lb}/nodes/5', undefined, 404, { message: 'Node not found', code: 404 }],
  [
    'delete missing node',
    'DELETE',
    '/loadbalancers/{lb}/nodes/5',
    undefined,
    404,
    { message: 'Node not found', code: 404 },
  ],
  [
    'update missing node',
    'PUT',
    '/loadbalancers/{lb}/nodes/5',
    { node: { weight: 2 } },
    404,
    { message: 'Node with id #5 not found for loadbalancer #{lb}', code: 404 },
  ],
  [
    'non-integer LB id',
    'GET',
    '/loadbalancers/abc',
    undefined,
    404,
    { message: 'The resource could not be found.', code: 404 },
  ],
];

for (const [name, method, path, json, status, expected] of notFoundCases) {
  test(`CLB 404: ${name}`, async (t) => {
    const f = await fixture(t);
    const lb = String(seedLb(f));
    const res = await http(method, `${f.clb}${path.replace('{lb}', lb)}`, {
      token: f.token,
      ...(json === undefined ? {} : { json }),
    });
    t.deepEqual([res.status, res.body], [status, JSON.parse(JSON.stringify(expected).replace('{lb}', lb))]);
  });
}

test('a deleted LB: node calls answer 410, delete answers 422 "deleted and considered immutable"', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 500 });
  const lb = seedLb(f, [node(1)]);
  f.sim.deleteLoadBalancer(lb);
  const pending = await addNodes(f, lb, [node(2)]);
  t.deepEqual(
    [pending.status, pending.body],
    [
      422,
      { message: `Load Balancer '${lb}' has a status of 'PENDING_DELETE' and is considered immutable.`, code: 422 },
    ],
  );
  f.sim.advanceClock(500);
  const gone = { message: 'The loadbalancer is marked as deleted.', code: 410 };
  const results = await Promise.all([
    http('GET', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token }),
    addNodes(f, lb, [node(2)]),
    http('DELETE', `${f.clb}/loadbalancers/${lb}/nodes?id=1`, { token: f.token }),
    http('GET', `${f.clb}/loadbalancers/${lb}/healthmonitor`, { token: f.token }),
  ]);
  t.deepEqual(
    results.map((r) => [r.status, r.body]),
    [
      [410, gone],
      [410, gone],
      [410, gone],
      [410, gone],
    ],
  );
  const del = await http('DELETE', `${f.clb}/loadbalancers/${lb}`, { token: f.token });
  t.deepEqual(
    [del.status, del.body],
    [422, { message: 'The load balancer is deleted and considered immutable.', code: 422 }],
  );
});

test('forced statuses: ERROR refuses mutations but can be deleted; clearing restores ACTIVE', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 0 });
  const lb = seedLb(f);
  f.sim.setLoadBalancerStatus(lb, 'ERROR');
  const add = await addNodes(f, lb, [node(1)]);
  t.deepEqual(
    [add.status, add.body],
    [422, { message: `Load Balancer '${lb}' has a status of 'ERROR' and is considered immutable.`, code: 422 }],
  );
  f.sim.setLoadBalancerStatus(lb, null);
  t.is((await addNodes(f, lb, [node(1)])).status, 202);
  f.sim.setLoadBalancerStatus(lb, 'ERROR');
  t.is((await http('DELETE', `${f.clb}/loadbalancers/${lb}`, { token: f.token })).status, 202);
});

test('out of band: node removal and node status', async (t) => {
  const f = await fixture(t);
  const lb = seedLb(f, [node(1), node(2)]);
  const ids = (
    (await http('GET', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token })).body as { nodes: { id: number }[] }
  ).nodes.map((n) => n.id);
  f.sim.removeClbNode(lb, ids[0] ?? 0);
  f.sim.setClbNodeStatus(lb, ids[1] ?? 0, 'OFFLINE');
  const nodes = (
    (await http('GET', `${f.clb}/loadbalancers/${lb}/nodes`, { token: f.token })).body as {
      nodes: { id: number; status: string }[];
    }
  ).nodes;
  t.deepEqual(
    nodes.map((n) => [n.id, n.status]),
    [[ids[1], 'OFFLINE']],
  );
  const lbJson = (await http('GET', `${f.clb}/loadbalancers/${lb}`, { token: f.token })).body as {
    loadBalancer: { status: string };
  };
  t.is(lbJson.loadBalancer.status, 'ACTIVE');
});

test('health monitor: empty, set (a mutation), get, delete', async (t) => {
  const f = await fixture(t, { clbImmutableMs: 100 });
  const lb = seedLb(f);
  const url = `${f.clb}/loadbalancers/${lb}/healthmonitor`;
  t.deepEqual((await http('GET', url, { token: f.token })).body, { healthMonitor: {} });
  const monitor = { type: 'CONNECT', delay: 10, timeout: 5, attemptsBeforeDeactivation: 2 };
  t.is((await http('PUT', url, { token: f.token, json: { healthMonitor: monitor } })).status, 202);
  t.deepEqual((await http('GET', url, { token: f.token })).body, { healthMonitor: monitor });
  t.is((await http('DELETE', url, { token: f.token })).status, 422);
  f.sim.advanceClock(100);
  t.is((await http('DELETE', url, { token: f.token })).status, 202);
  const bad = await http('PUT', url, { token: f.token, json: { healthMonitor: { type: 'PING' } } });
  t.is(bad.status, 400);
});

test('hyphen spelling for mimic parity runs', async (t) => {
  const f = await fixture(t, { clbPendingSpelling: 'hyphen', clbImmutableMs: 100 });
  const lb = seedLb(f);
  await addNodes(f, lb, [node(1)]);
  const res = await addNodes(f, lb, [node(2)]);
  t.deepEqual(res.body, {
    message: `Load Balancer '${lb}' has a status of 'PENDING-UPDATE' and is considered immutable.`,
    code: 422,
  });
});

const createErrors: [string, unknown, unknown][] = [
  ['malformed JSON', '{', { message: 'Invalid JSON request body', code: 400 }],
  [
    'no loadBalancer',
    { lb: {} },
    {
      validationErrors: { messages: ['Must provide a loadBalancer object'] },
      message: 'Validation Failure',
      code: 400,
      details: 'The object is not valid',
    },
  ],
  [
    'no name, bad protocol',
    { loadBalancer: { protocol: 'GOPHER' } },
    {
      validationErrors: { messages: ['Must provide a valid name (1-128 characters)', 'Must provide a valid protocol'] },
      message: 'Validation Failure',
      code: 400,
      details: 'The object is not valid',
    },
  ],
];

for (const [name, body, expected] of createErrors) {
  test(`create LB: ${name} → 400`, async (t) => {
    const f = await fixture(t);
    const res = await http('POST', `${f.clb}/loadbalancers`, {
      token: f.token,
      ...(typeof body === 'string' ? { raw: body } : { json: body }),
    });
    t.deepEqual([res.status, res.body], [400, expected]);
  });
}
