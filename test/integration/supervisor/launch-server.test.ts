import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import type { JobEventPayload } from '../../../shared/messages/event-messages.js';
import { JOB_ID_METADATA_KEY } from '../../../services/supervisor/src/core/server-identity.js';
import { clbNodes, liveServers, poolMembers, startSupervisorStack, type SupervisorStack } from './supervisor-stack.js';

const test = anyTest as TestFn<SupervisorStack>;

test.before(async (t) => {
  t.context = await startSupervisorStack({ label: 'launch' });
});
test.after.always(async (t) => {
  await t.context?.close();
});

test.serial('a launch with one CLB and one RCv3 pool ends with the server ACTIVE and in both', async (t) => {
  const stack = t.context;
  const lbId = stack.seedClb();
  const poolId = stack.seedPool();
  const started = performance.now();
  const { outcome, events } = await stack.run({
    type: 'launch-server',
    job: stack.launchJob([
      { type: 'CloudLoadBalancer', loadBalancerId: Number(lbId), port: 80 },
      { type: 'RackConnectV3', loadBalancerId: poolId },
    ]),
  });
  t.log(`launch with CLB + RCv3 took ${Math.round(performance.now() - started)} ms (build 300 ms)`);
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  const serverId = outcome.result?.['serverId'];
  const [server] = liveServers(stack).filter((s) => s.id === serverId);
  t.is(server?.status, 'ACTIVE');
  const address = stack.sim.inventory({ tenantId: stack.tenantId }).servers.find((s) => s.id === serverId)?.addresses[
    'private'
  ]?.[0]?.addr;
  t.deepEqual(
    clbNodes(stack, lbId).map((n) => ({ address: n.address, port: n.port })),
    [{ address: address ?? '?', port: 80 }],
  );
  t.deepEqual(poolMembers(stack, poolId), [serverId]);
  t.deepEqual(outcome.result?.['loadBalancers'], [
    { type: 'CloudLoadBalancer', loadBalancerId: lbId, port: 80, nodeId: String(clbNodes(stack, lbId)[0]?.id) },
    { type: 'RackConnectV3', loadBalancerId: poolId },
  ]);
  t.deepEqual(
    events.map((e) => e.event),
    [
      'accepted',
      'step-started',
      'step-finished',
      'step-started',
      'step-finished',
      'step-started',
      'step-finished',
      'step-started',
      'step-finished',
      'succeeded',
    ],
  );
});

test.serial('the server carries the group and job metadata and a name derived from the job id', async (t) => {
  const stack = t.context;
  const { outcome } = await stack.run({ type: 'launch-server', jobId: 'named-job-1', job: stack.launchJob() });
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  const server = stack.sim
    .inventory({ tenantId: stack.tenantId })
    .servers.find((s) => s.id === outcome.result?.['serverId']);
  t.like(server?.metadata, { 'rax:autoscale:group:id': 'group-1', [JOB_ID_METADATA_KEY]: 'named-job-1' });
  t.regex(server?.name ?? '', /^web-as[0-9a-f]{8}$/);
});

test.serial('a create that fails twice is retried and succeeds with one server', async (t) => {
  const stack = t.context;
  stack.sim.addNovaBehaviour({
    tenantId: stack.tenantId,
    region: 'ORD',
    name: 'fail',
    parameters: { code: 500 },
    times: 2,
  });
  const before = liveServers(stack).length;
  const { outcome, events } = await stack.run({ type: 'launch-server', job: stack.launchJob() });
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  t.is(events.filter((e) => e.event === 'retrying').length, 2);
  t.is(liveServers(stack).length, before + 1);
});

test.serial('a create that errors although Nova made the server adopts it: no duplicate', async (t) => {
  const stack = t.context;
  stack.sim.addNovaBehaviour({
    tenantId: stack.tenantId,
    region: 'ORD',
    name: 'false-negative',
    parameters: { code: 500 },
    times: 1,
  });
  const before = liveServers(stack).length;
  const { outcome, events } = await stack.run({ type: 'launch-server', job: stack.launchJob() });
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  t.true(events.some((e) => e.event === 'step-finished' && e.detail?.includes('created earlier') === true));
  t.is(liveServers(stack).length, before + 1);
});

test.serial('a server that goes to ERROR while building is replaced', async (t) => {
  const stack = t.context;
  stack.sim.addNovaBehaviour({
    tenantId: stack.tenantId,
    region: 'ORD',
    name: 'error-during-build',
    parameters: { duration: 0.2 },
    times: 1,
  });
  const before = liveServers(stack).length;
  const { outcome, events } = await stack.run({ type: 'launch-server', job: stack.launchJob() });
  t.is(outcome.status, 'succeeded', outcome.reasons.join('; '));
  t.true(events.some((e) => e.event === 'step-finished' && e.step === 'delete-server'));
  const servers = liveServers(stack);
  t.is(servers.length, before + 1);
  t.true(servers.some((s) => s.id === outcome.result?.['serverId'] && s.status === 'ACTIVE'));
});

test.serial('a CLB that refuses for good is rolled back: no server and no node are left', async (t) => {
  const stack = t.context;
  const poolId = stack.seedPool();
  const before = liveServers(stack).length;
  const { outcome } = await stack.run({
    type: 'launch-server',
    job: stack.launchJob([
      { type: 'RackConnectV3', loadBalancerId: poolId },
      { type: 'CloudLoadBalancer', loadBalancerId: 999999, port: 80 },
    ]),
  });
  t.is(outcome.status, 'failed');
  t.deepEqual(outcome.reasons, ['Cloud Load Balancer does not exist: 999999']);
  t.is(liveServers(stack).length, before);
  t.deepEqual(poolMembers(stack, poolId), []);
});

test.serial("Nova's 400 fails the job with Nova's message and nothing left behind", async (t) => {
  const stack = t.context;
  stack.sim.addNovaBehaviour({
    tenantId: stack.tenantId,
    region: 'ORD',
    name: 'fail',
    parameters: { code: 400, type: 'badRequest', message: 'Flavor general1-1 is not available' },
    times: 1,
  });
  const before = liveServers(stack).length;
  const { outcome } = await stack.run({ type: 'launch-server', job: stack.launchJob() });
  t.is(outcome.status, 'failed');
  t.deepEqual(outcome.reasons, ['Server launch configuration is invalid: Flavor general1-1 is not available']);
  t.is(liveServers(stack).length, before);
});

test.serial('an unknown tenant fails the job', async (t) => {
  const stack = t.context;
  const { outcome } = await stack.run({
    type: 'launch-server',
    job: { ...stack.launchJob(), tenantId: 'no-such-tenant' },
  });
  t.is(outcome.status, 'failed');
  t.regex(outcome.reasons[0] ?? '', /^Tenant no-such-tenant could not be authenticated/);
});

test.serial('an invalid job fails with every problem listed and is dead-lettered', async (t) => {
  const stack = t.context;
  const jobId = `invalid-${Date.now()}`;
  let resolveFailed: (event: JobEventPayload) => void = () => undefined;
  const failed = new Promise<JobEventPayload>((resolve) => (resolveFailed = resolve));
  // Subscribed before publishing, so the event cannot be missed.
  const subscription = await stack.client.follow(jobId, (event) => {
    if (event.event === 'failed') resolveFailed(event);
  });
  t.teardown(() => subscription.close());
  // What a careless producer might publish (the client itself refuses such a job).
  const payload = {
    tenantId: stack.tenantId,
    launchConfig: { server: { imageRef: 'i' }, loadBalancers: [{ port: 80 }] },
  };
  await stack.publishRaw(
    buildEnvelope({ type: 'job.launch-server', tenantId: stack.tenantId, jobId, payload }, randomUUID(), new Date()),
  );
  const event = await failed;
  t.deepEqual(event.event === 'failed' ? event.reasons : [], [
    'groupId: Invalid input: expected string, received undefined',
    'launchConfig.server.flavorRef: Invalid input: expected string, received undefined',
    'launchConfig.loadBalancers.0.loadBalancerId: must be a decimal id (a number or a string of digits)',
  ]);
  const dead = await stack.takeDeadLetter('kelp.supervisor.jobs.dlq');
  t.is(dead?.jobId, jobId);
});
