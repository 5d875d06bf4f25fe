import test from 'ava';
import { validateJob } from '../../../services/supervisor/src/core/validate-job.js';
import { jobForMessageType } from '../../../services/supervisor/src/jobs/registry.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';

const launch = (payload: unknown, jobId = 'job-1', tenantId = 't1') =>
  buildEnvelope({ type: 'job.launch-server', tenantId, jobId, payload }, 'm1', new Date(0));
const valid = {
  tenantId: 't1',
  groupId: 'g1',
  launchConfig: { server: { flavorRef: 'f', imageRef: 'i' }, loadBalancers: [] },
};

const rows: readonly [string, ReturnType<typeof launch>, readonly string[]][] = [
  [
    'every problem of a launch job is listed',
    launch({
      tenantId: 't1',
      launchConfig: { server: { flavorRef: ' ', imageRef: '' }, loadBalancers: [{ loadBalancerId: 'x' }], extra: 1 },
    }),
    [
      'groupId: Invalid input: expected string, received undefined',
      'launchConfig.server.flavorRef: must not be blank',
      'launchConfig.server.imageRef: required unless booting from a volume',
      'launchConfig.loadBalancers.0.loadBalancerId: must be a decimal id (a number or a string of digits)',
      'launchConfig.loadBalancers.0.port: Invalid input: expected number, received undefined',
      'launchConfig: Unrecognized key: "extra"',
    ],
  ],
  [
    'a CLB without ServiceNet in the networks is refused',
    launch({
      ...valid,
      launchConfig: {
        server: { flavorRef: 'f', imageRef: 'i', networks: [{ uuid: 'x' }] },
        loadBalancers: [{ loadBalancerId: 1, port: 80 }],
      },
    }),
    [
      'launchConfig.server.networks: ServiceNet network must be present if one or more Cloud Load Balancers are configured.',
    ],
  ],
  [
    'duplicate load balancers are refused',
    launch({
      ...valid,
      launchConfig: {
        server: { flavorRef: 'f', imageRef: 'i' },
        loadBalancers: [
          { type: 'RackConnectV3', loadBalancerId: 'p' },
          { type: 'RackConnectV3', loadBalancerId: 'p' },
        ],
      },
    }),
    ['launchConfig.loadBalancers.1: duplicate load balancer'],
  ],
  [
    "a tenant other than the message's is refused",
    launch(valid, 'job-1', 't2'),
    ['tenantId: the job\'s tenant "t1" differs from the message\'s "t2"'],
  ],
  [
    'a job id that cannot be a routing-key word is refused',
    launch(valid, 'job.1#'),
    ['jobId: must be 1-100 letters, digits, "_" or "-" (got "job.1#")'],
  ],
  [
    'more metadata than Nova allows is refused',
    launch({
      ...valid,
      launchConfig: {
        server: {
          flavorRef: 'f',
          imageRef: 'i',
          metadata: Object.fromEntries(Array.from({ length: 38 }, (_, i) => [`k${i}`, 'v'])),
        },
        loadBalancers: [],
      },
    }),
    ["launchConfig.server.metadata: 41 items with Kelp's own keys exceed Nova's limit of 40"],
  ],
];

for (const [title, envelope, problems] of rows) {
  test(`validateJob: ${title}`, (t) => {
    const result = validateJob(jobForMessageType(envelope.type), envelope);
    t.deepEqual(result.ok ? [] : result.problems, problems);
  });
}

test('validateJob: an unknown job type is refused', (t) => {
  const envelope = buildEnvelope({ type: 'job.reboot', tenantId: 't1', jobId: 'j', payload: {} }, 'm1', new Date(0));
  t.deepEqual(validateJob(jobForMessageType(envelope.type), envelope), {
    ok: false,
    problems: ['type: unknown job type "job.reboot"'],
  });
});

test('validateJob: a valid launch job is accepted with CLB ids as decimal strings', (t) => {
  const envelope = launch({
    ...valid,
    launchConfig: { server: { flavorRef: 'f', imageRef: 'i' }, loadBalancers: [{ loadBalancerId: 12, port: 80 }] },
  });
  const result = validateJob(jobForMessageType(envelope.type), envelope);
  t.true(result.ok);
  if (!result.ok) return;
  t.deepEqual((result.job as typeof valid).launchConfig.loadBalancers, [
    { type: 'CloudLoadBalancer', loadBalancerId: '12', port: 80 },
  ]);
});

test('validateJob: a valid delete job is accepted', (t) => {
  const envelope = buildEnvelope(
    { type: 'job.delete-server', tenantId: 't1', jobId: 'j', payload: { tenantId: 't1', groupId: 'g', serverId: 's' } },
    'm1',
    new Date(0),
  );
  t.like(validateJob(jobForMessageType(envelope.type), envelope), { ok: true, tenantId: 't1' });
});
