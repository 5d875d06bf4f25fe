import { setTimeout as delay } from 'node:timers/promises';
import anyTest, { type TestFn } from 'ava';
import { DEFAULT_FLAVORS, DEFAULT_IMAGES } from '../../../services/cloud-sim/src/index.js';
import { LbStepResultPayloadSchema } from '../../../shared/messages/lb-messages.js';
import type { LbStep } from '../../../shared/steps/step.js';
import { REGION, mutatingRequests, seedClb, startLbStack, type LbStack } from './lb-stack.js';

const test = anyTest as TestFn<{ stack: LbStack }>;

test.beforeEach(async (t) => {
  t.context.stack = await startLbStack({ sim: { clbImmutableMs: 1000 } });
});

test.afterEach.always(async (t) => {
  await t.context.stack.close();
});

/** Polls a condition the simulator exposes (no event to await there); fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(20);
  }
}

function clbNodes(stack: LbStack, lbId: string): { id: number; address: string }[] {
  const lb = stack.sim.inventory({ tenantId: stack.tenantId }).loadBalancers.find((l) => String(l['id']) === lbId);
  return (lb?.['nodes'] as { id: number; address: string }[] | undefined) ?? [];
}

const addOne = (lbId: string, i: number): LbStep => ({
  type: 'AddNodesToCLB',
  lbId,
  nodes: [{ address: `10.1.0.${i + 1}`, port: 80 }],
});

test.serial(
  '25 concurrent adds to a CLB just changed (immutable 1 s) all succeed with at most 3 mutating requests',
  async (t) => {
    const { stack } = t.context;
    const { lbId, nodeIds } = seedClb(stack, [{ address: '10.9.9.9', port: 80 }]);
    // A change just before: the CLB is PENDING_UPDATE for 1 s when the steps arrive.
    await stack.request(stack.tenantId, {
      service: 'cloudLoadBalancers',
      method: 'DELETE',
      path: ['loadbalancers', lbId, 'nodes'],
      query: { id: nodeIds },
      okStatus: [202],
    });
    stack.sim.resetCounters();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => stack.step(addOne(lbId, i))));
    t.deepEqual(
      results.map((r) => `${r.status}/${r.done}`),
      Array.from({ length: 25 }, () => 'retry/true'),
    );
    const requests = mutatingRequests(stack.sim, lbId);
    t.log(`mutating requests to CLB ${lbId}: ${requests}`);
    t.true(requests <= 3, `${requests} mutating requests`);
    t.is(clbNodes(stack, lbId).length, 25);
    t.deepEqual(
      results.map((r) => (r.output?.['nodes'] as { address: string }[] | undefined)?.map((n) => n.address)),
      Array.from({ length: 25 }, (_, i) => [`10.1.0.${i + 1}`]),
    );
  },
);

test.serial('25 concurrent adds to an ACTIVE CLB are merged into at most 3 requests', async (t) => {
  const { stack } = t.context;
  const { lbId } = seedClb(stack);
  const results = await Promise.all(Array.from({ length: 25 }, (_, i) => stack.step(addOne(lbId, i))));
  t.true(results.every((r) => r.done));
  const requests = mutatingRequests(stack.sim, lbId);
  t.log(`mutating requests to CLB ${lbId}: ${requests}`);
  t.true(requests <= 3, `${requests} mutating requests`);
  t.is(clbNodes(stack, lbId).length, 25);
});

test.serial('an RCv3 bulk add with one pair already a member drops it and adds the rest', async (t) => {
  const { stack } = t.context;
  const pool = stack.sim.seedPool({ tenantId: stack.tenantId, region: REGION });
  const poolId = String(pool['id']);
  const servers: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const created = await stack.request(stack.tenantId, {
      service: 'cloudServersOpenStack',
      method: 'POST',
      path: ['servers'],
      json: { server: { name: `it-${i}`, imageRef: DEFAULT_IMAGES[0]?.id, flavorRef: DEFAULT_FLAVORS[0] } },
      okStatus: [202],
    });
    servers.push((created.body as { server: { id: string } }).server.id);
  }
  const [s1, s2, s3] = servers as [string, string, string];
  await stack.request(stack.tenantId, {
    service: 'rackconnect',
    method: 'POST',
    path: ['load_balancer_pools', 'nodes'],
    json: [{ cloud_server: { id: s1 }, load_balancer_pool: { id: poolId } }],
    okStatus: [201],
  });
  const [first, second] = await Promise.all([
    stack.step({
      type: 'BulkAddToRCv3',
      pairs: [
        { poolId: poolId.toUpperCase(), serverId: s1 },
        { poolId, serverId: s2 },
      ],
    }),
    stack.step({ type: 'BulkAddToRCv3', pairs: [{ poolId, serverId: s3 }] }),
  ]);
  t.deepEqual([first?.status, first?.done, second?.status, second?.done], ['retry', true, 'retry', true]);
  const read = await stack.read({ kind: 'rcv3-pool-nodes', poolId });
  t.true(read.ok);
  const members = (read.ok ? (read.body as { cloud_server: { id: string } }[]) : [])
    .map((n) => n.cloud_server.id)
    .sort();
  t.deepEqual(members, [s1, s2, s3].sort());
});

test.serial('steps queued for a CLB that is deleted meanwhile: adds fail, removals count as done', async (t) => {
  const { stack } = t.context;
  const { lbId, nodeIds } = seedClb(stack, [
    { address: '10.2.0.1', port: 80 },
    { address: '10.2.0.2', port: 80 },
  ]);
  stack.sim.setLoadBalancerStatus(Number(lbId), 'PENDING_UPDATE');
  const add = stack.step(addOne(lbId, 50));
  const remove = stack.step({ type: 'RemoveNodesFromCLB', lbId, nodeIds });
  // Both were refused as immutable and now wait in the delay tier.
  await until(() => mutatingRequests(stack.sim, lbId) >= 2);
  stack.sim.deleteLoadBalancer(Number(lbId));
  const [added, removed] = await Promise.all([add, remove]);
  t.is(added.status, 'failure');
  t.regex(
    added.reasons.find((r) => r.userFacing)?.text ?? '',
    new RegExp(`^Cloud Load Balancer (does not exist|is currently being deleted): ${lbId}$`),
  );
  t.deepEqual([removed.status, removed.done], ['success', true]);
});

test.serial('removing 23 nodes of a CLB immutable 1 s after each change removes them all', async (t) => {
  const { stack } = t.context;
  const { lbId, nodeIds } = seedClb(
    stack,
    Array.from({ length: 23 }, (_, i) => ({ address: `10.3.0.${i + 1}`, port: 80 })),
  );
  t.is(nodeIds.length, 23);
  const result = await stack.step({ type: 'RemoveNodesFromCLB', lbId, nodeIds });
  t.deepEqual([result.status, result.done], ['success', true]);
  t.deepEqual(clbNodes(stack, lbId), []);
  const counters = stack.sim.counters();
  t.log(`mutating requests: ${mutatingRequests(stack.sim, lbId)}, applied: ${counters.clbMutationsApplied[lbId]}`);
  t.is(counters.clbMutationsApplied[lbId], 3, 'three bulk deletes of at most 10 ids');
});

test.serial('a CLB nodes read is answered through RabbitMQ', async (t) => {
  const { stack } = t.context;
  const { lbId } = seedClb(stack, [{ address: '10.4.0.1', port: 80 }]);
  const read = await stack.read({ kind: 'clb-nodes', lbId });
  t.deepEqual(read.ok ? (read.body as { nodes: { address: string }[] }).nodes.map((n) => n.address) : read, [
    '10.4.0.1',
  ]);
  const missing = await stack.read({ kind: 'clb-nodes', lbId: '1' });
  t.deepEqual(missing.ok ? missing : missing.error.kind, 'NoSuchCLBError');
});

test.serial(
  'an invalid step gets a failure reply and lands in the DLQ with the reason; the next step is served',
  async (t) => {
    const { stack } = t.context;
    const reply = await stack.raw('lb.step', { step: { type: 'AddNodesToCLB', lbId: 'not-a-number', nodes: [] } });
    t.is(reply.type, 'lb.step-result');
    t.is(LbStepResultPayloadSchema.parse(reply.payload).result.status, 'failure');
    const unknown = await stack.raw('lb.frobnicate', {});
    t.is(LbStepResultPayloadSchema.parse(unknown.payload).result.status, 'failure');
    const reasons = await waitForDeadLetters(stack, 2);
    t.is(reasons.length, 2);
    t.regex(reasons[0] ?? '', /^invalid lb\.step payload: schema: step\.lbId/);
    t.regex(reasons[1] ?? '', /^unknown message type "lb\.frobnicate"/);
    const { lbId } = seedClb(stack);
    t.true((await stack.step(addOne(lbId, 0))).done);
  },
);

/** The DLQ is filled by a confirmed publish before the ack, which may trail the reply: poll briefly. */
async function waitForDeadLetters(stack: LbStack, count: number): Promise<string[]> {
  const reasons: string[] = [];
  const deadline = Date.now() + 5000;
  while (reasons.length < count && Date.now() < deadline) {
    reasons.push(...(await stack.drainDeadLetters()));
    if (reasons.length < count) await delay(20);
  }
  return reasons;
}
