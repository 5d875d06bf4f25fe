import { setTimeout as sleep } from 'node:timers/promises';
import anyTest, { type TestFn } from 'ava';
import {
  clbAddresses,
  clbNodes,
  groupServers,
  poolMembers,
  startConvergeStack,
  type ConvergeStack,
} from './converge-stack.js';

const test = anyTest as TestFn<ConvergeStack>;

test.before(async (t) => {
  t.context = await startConvergeStack('scenarios');
  await t.context.addSupervisor();
});

test.after.always(async (t) => {
  await t.context.close();
});

const sorted = (values: readonly (string | undefined)[]): string[] => values.map((v) => v ?? '').sort();

test.serial('a group converges 0 → 5 → 2 behind a CLB and an RCv3 pool', async (t) => {
  const stack = t.context;
  const clb = stack.seedClb();
  const pool = stack.seedPool();
  const launchConfig = {
    server: { name: 'web', flavorRef: 'general1-1', imageRef: '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60' },
    loadBalancers: [
      { type: 'CloudLoadBalancer' as const, loadBalancerId: clb, port: 80 },
      { type: 'RackConnectV3' as const, loadBalancerId: pool },
    ],
  };
  const up = await stack.converge(stack.job('g-scale', { capacity: 5, launchConfig }));
  t.is(up.status, 'succeeded', up.reasons.join('; '));
  const five = groupServers(stack, 'g-scale');
  t.is(five.length, 5);
  t.true(five.every((s) => s.status === 'ACTIVE'));
  t.deepEqual(clbAddresses(stack, clb), sorted(five.map((s) => s.address)));
  t.deepEqual(poolMembers(stack, pool), sorted(five.map((s) => s.id)));
  t.deepEqual(sorted((up.result?.['servers'] as string[]) ?? []), sorted(five.map((s) => s.id)));
  const kinds = up.events.map((e) => e.event);
  t.is(kinds[0], 'accepted');
  t.true(kinds.includes('cycle') && kinds.includes('step-finished'));
  t.like(up.events.at(-2), { event: 'group-status', status: 'ACTIVE' });

  const down = await stack.converge(stack.job('g-scale', { capacity: 2, launchConfig }));
  t.is(down.status, 'succeeded', down.reasons.join('; '));
  const two = groupServers(stack, 'g-scale');
  t.is(two.length, 2);
  t.deepEqual(clbAddresses(stack, clb), sorted(two.map((s) => s.address)));
  t.deepEqual(poolMembers(stack, pool), sorted(two.map((s) => s.id)));
  const deletes = down.events.flatMap((e) =>
    e.event === 'cycle' ? e.steps.filter((s) => s.type === 'DeleteServer') : [],
  );
  t.is(deletes.length, 3);
});

test.serial('servers deleted out of band are replaced and their load-balancer nodes cleaned up', async (t) => {
  const stack = t.context;
  const clb = stack.seedClb();
  const launchConfig = {
    server: { flavorRef: 'general1-1', imageRef: '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60' },
    loadBalancers: [{ loadBalancerId: clb, port: 8080 }],
  };
  const first = await stack.converge(stack.job('g-oob', { capacity: 2, launchConfig }));
  t.is(first.status, 'succeeded', first.reasons.join('; '));
  const [victim] = groupServers(stack, 'g-oob');
  stack.sim.deleteServer(victim?.id ?? '');
  t.is(groupServers(stack, 'g-oob').length, 1);

  const again = await stack.converge(stack.job('g-oob', { capacity: 2, launchConfig }));
  t.is(again.status, 'succeeded', again.reasons.join('; '));
  const now = groupServers(stack, 'g-oob');
  t.is(now.length, 2);
  t.false(now.some((s) => s.id === victim?.id));
  t.deepEqual(clbAddresses(stack, clb), sorted(now.map((s) => s.address)), 'the vanished server’s node is gone');
});

test.serial('a CLB node removed out of band is added again', async (t) => {
  const stack = t.context;
  const clb = stack.seedClb();
  const launchConfig = {
    server: { flavorRef: 'general1-1', imageRef: '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60' },
    loadBalancers: [{ loadBalancerId: clb, port: 80 }],
  };
  t.is((await stack.converge(stack.job('g-node', { capacity: 2, launchConfig }))).status, 'succeeded');
  const before = clbAddresses(stack, clb);
  const [node] = clbNodes(stack, clb);
  stack.sim.removeClbNode(Number(clb), node?.id ?? 0);
  t.is(clbAddresses(stack, clb).length, 1);

  const again = await stack.converge(stack.job('g-node', { capacity: 2, launchConfig }));
  t.is(again.status, 'succeeded', again.reasons.join('; '));
  t.deepEqual(clbAddresses(stack, clb), before);
  t.true(again.events.some((e) => e.event === 'cycle' && e.steps.some((s) => s.type === 'AddNodesToCLB')));
});

test.serial('a server stuck in BUILD past the build timeout is deleted and replaced', async (t) => {
  const stack = t.context;
  stack.sim.addNovaBehaviour({
    tenantId: stack.tenantId,
    region: 'ORD',
    criteria: [{ metadata: { 'rax:autoscale:group:id': '^g-stuck$' } }],
    name: 'stuck-in-build',
    times: 1,
  });
  const outcome = await stack.converge(stack.job('g-stuck', { capacity: 1, buildTimeoutSec: 2 }));
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  const servers = groupServers(stack, 'g-stuck');
  t.is(servers.length, 1);
  t.is(servers[0]?.status, 'ACTIVE');
  const steps = outcome.events.flatMap((e) => (e.event === 'cycle' ? e.steps : []));
  t.is(steps.filter((s) => s.type === 'DeleteServer').length, 1);
  t.is(steps.filter((s) => s.type === 'CreateServer').length, 2);
});

test.serial('a server in ERROR is deleted and replaced', async (t) => {
  const stack = t.context;
  t.is((await stack.converge(stack.job('g-error', { capacity: 2 }))).status, 'succeeded');
  const [broken] = groupServers(stack, 'g-error');
  stack.sim.setServerStatus(broken?.id ?? '', 'ERROR');

  const again = await stack.converge(stack.job('g-error', { capacity: 2 }));
  t.is(again.status, 'succeeded', again.reasons.join('; '));
  const now = groupServers(stack, 'g-error');
  t.is(now.length, 2);
  t.false(now.some((s) => s.id === broken?.id));
  t.true(now.every((s) => s.status === 'ACTIVE'));
});

test.serial('a deleted CLB puts the group in ERROR until the launch config stops naming it', async (t) => {
  const stack = t.context;
  const clb = stack.seedClb();
  const named = {
    server: { flavorRef: 'general1-1', imageRef: '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60' },
    loadBalancers: [{ loadBalancerId: clb, port: 80 }],
  };
  t.is((await stack.converge(stack.job('g-clb', { capacity: 1, launchConfig: named }))).status, 'succeeded');
  stack.sim.deleteLoadBalancer(Number(clb));
  // Node reads see a CLB as deleted once it leaves PENDING_DELETE (the simulator's immutable time).
  while (
    stack.sim
      .inventory({ tenantId: stack.tenantId })
      .loadBalancers.some((l) => String(l['id']) === clb && l['status'] !== 'DELETED')
  ) {
    await sleep(20);
  }

  const broken = await stack.converge(stack.job('g-clb', { capacity: 1, launchConfig: named }));
  t.is(broken.status, 'failed');
  t.deepEqual(broken.reasons, [`Cloud Load Balancer does not exist: ${clb}`]);
  t.like(broken.events.at(-2), { event: 'group-status', status: 'ERROR', reasons: broken.reasons });

  const fixed = await stack.converge(
    stack.job('g-clb', { capacity: 1, launchConfig: { ...named, loadBalancers: [] } }),
  );
  t.is(fixed.status, 'succeeded', fixed.reasons.join('; '));
  t.like(fixed.events.at(-2), { event: 'group-status', status: 'ACTIVE' });
  t.is(groupServers(stack, 'g-clb').length, 1);
});

test.serial('over quota the group goes to ERROR, and to ACTIVE once quota returns', async (t) => {
  const stack = t.context;
  const live = stack.sim.inventory({ tenantId: stack.tenantId }).servers.filter((s) => !s.gone).length;
  stack.sim.configure({ serverQuota: live + 1 });
  try {
    const over = await stack.converge(stack.job('g-quota', { capacity: 3 }));
    t.is(over.status, 'failed');
    t.is(over.reasons.length, 1);
    t.regex(over.reasons[0] ?? '', /^Servers cannot be created: .*Quota exceeded/);
  } finally {
    stack.sim.configure({ serverQuota: 1000 });
  }
  const back = await stack.converge(stack.job('g-quota', { capacity: 3 }));
  t.is(back.status, 'succeeded', back.reasons.join('; '));
  t.is(groupServers(stack, 'g-quota').length, 3);
});

test.serial('a converge-group job with an invalid desired state fails at once, listing every problem', async (t) => {
  const stack = t.context;
  const job = stack.job('g-invalid', { capacity: -1 });
  const outcome = await stack.converge({
    ...job,
    desired: { ...job.desired, launchConfig: { server: { flavorRef: '' }, loadBalancers: [] } },
  });
  t.is(outcome.status, 'failed');
  t.true(outcome.reasons.some((r) => r.startsWith('desired.capacity')));
  t.true(outcome.reasons.some((r) => r.startsWith('desired.launchConfig.server.flavorRef')));
});
