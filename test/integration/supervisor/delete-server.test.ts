import anyTest, { type TestFn } from 'ava';
import { clbNodes, liveServers, poolMembers, startSupervisorStack, type SupervisorStack } from './supervisor-stack.js';

const test = anyTest as TestFn<SupervisorStack>;

test.before(async (t) => {
  t.context = await startSupervisorStack({ label: 'delete' });
});
test.after.always(async (t) => {
  await t.context?.close();
});

async function launchInto(stack: SupervisorStack, lbId: string, poolId: string): Promise<string> {
  const { outcome } = await stack.run({
    type: 'launch-server',
    job: stack.launchJob([
      { type: 'CloudLoadBalancer', loadBalancerId: Number(lbId), port: 80 },
      { type: 'CloudLoadBalancer', loadBalancerId: Number(lbId), port: 8080 },
      { type: 'RackConnectV3', loadBalancerId: poolId },
    ]),
  });
  if (outcome.status !== 'succeeded') throw new Error(`launch failed: ${outcome.reasons.join('; ')}`);
  return outcome.result?.['serverId'] as string;
}

test.serial('a delete job leaves every load balancer the metadata names, then deletes the server', async (t) => {
  const stack = t.context;
  const lbId = stack.seedClb();
  const poolId = stack.seedPool();
  const serverId = await launchInto(stack, lbId, poolId);
  t.is(clbNodes(stack, lbId).length, 2);
  const started = performance.now();
  const { outcome } = await stack.run({
    type: 'delete-server',
    job: { tenantId: stack.tenantId, groupId: 'group-1', serverId },
  });
  t.log(`delete leaving 2 CLB nodes and 1 RCv3 pool took ${Math.round(performance.now() - started)} ms`);
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  t.like(outcome.result, { serverId, deleted: true });
  t.deepEqual(clbNodes(stack, lbId), []);
  t.deepEqual(poolMembers(stack, poolId), []);
  t.false(liveServers(stack).some((s) => s.id === serverId));
});

test.serial('a load balancer that refuses for good fails the delete and keeps the server', async (t) => {
  const stack = t.context;
  const lbId = stack.seedClb();
  const poolId = stack.seedPool();
  const serverId = await launchInto(stack, lbId, poolId);
  stack.sim.setPoolStatus(poolId, 'DISABLED');
  const { outcome } = await stack.run({
    type: 'delete-server',
    job: { tenantId: stack.tenantId, groupId: 'group-1', serverId },
  });
  t.is(outcome.status, 'failed');
  t.true(outcome.reasons.some((r) => r.includes('was kept')));
  t.true(liveServers(stack).some((s) => s.id === serverId));
});

test.serial('a server of another group is not deleted', async (t) => {
  const stack = t.context;
  const { outcome: launched } = await stack.run({ type: 'launch-server', job: stack.launchJob() });
  const serverId = launched.result?.['serverId'] as string;
  const { outcome } = await stack.run({
    type: 'delete-server',
    job: { tenantId: stack.tenantId, groupId: 'other-group', serverId },
  });
  t.is(outcome.status, 'failed');
  t.deepEqual(outcome.reasons, [`Server ${serverId} belongs to group group-1, not other-group; it was not deleted`]);
  t.true(liveServers(stack).some((s) => s.id === serverId));
});

test.serial('deleting a server that is already gone succeeds', async (t) => {
  const stack = t.context;
  const { outcome } = await stack.run({
    type: 'delete-server',
    job: { tenantId: stack.tenantId, groupId: 'group-1', serverId: 'no-such-server' },
  });
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  t.like(outcome.result, { serverId: 'no-such-server', deleted: false });
});
