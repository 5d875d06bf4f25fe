import type { HostileProfile, MessageTemplate } from './hostile-input.js';

/**
 * Valid messages of each work queue, as templates for the hostile-input generator. Each template's
 * top-level payload is strict in its schema and `requiredKeys` are required there, so the generator's
 * mutations always break the contract. Logical queue names are `routing.ts`'s.
 */
export interface ProfileRefs {
  readonly tenantId: string;
  readonly groupId: string;
  readonly imageRef: string;
  readonly flavorRef: string;
  /** A CLB id as a decimal string. */
  readonly clbId: string;
  readonly poolId: string;
}

export function supervisorJobTemplates(refs: ProfileRefs): MessageTemplate[] {
  return [
    {
      type: 'job.launch-server',
      payload: {
        tenantId: refs.tenantId,
        groupId: refs.groupId,
        launchConfig: { server: { flavorRef: refs.flavorRef, imageRef: refs.imageRef }, loadBalancers: [] },
      },
      requiredKeys: ['tenantId', 'groupId', 'launchConfig'],
    },
    {
      type: 'job.delete-server',
      payload: { tenantId: refs.tenantId, groupId: refs.groupId, serverId: 'no-such-server' },
      requiredKeys: ['tenantId', 'groupId', 'serverId'],
    },
  ];
}

export function lbTemplates(refs: ProfileRefs): MessageTemplate[] {
  return [
    {
      type: 'lb.read',
      payload: { read: { kind: 'clb-nodes', lbId: refs.clbId }, echo: { chaos: true } },
      requiredKeys: ['read'],
      anyJsonKeys: ['echo'],
    },
    {
      type: 'lb.step',
      payload: {
        step: { type: 'BulkAddToRCv3', pairs: [{ poolId: refs.poolId, serverId: 'no-such-server' }] },
        echo: null,
      },
      requiredKeys: ['step'],
      anyJsonKeys: ['echo'],
    },
  ];
}

export function authTemplates(refs: ProfileRefs): MessageTemplate[] {
  return [
    { type: 'get-token', payload: { tenantId: refs.tenantId }, requiredKeys: ['tenantId'] },
    {
      type: 'invalidate-token',
      payload: { tenantId: refs.tenantId, token: 'tok-not-a-real-token' },
      requiredKeys: ['tenantId', 'token'],
    },
  ];
}

/**
 * The supervisor's work queue: its progression message and the LB service's replies, whose `echo`
 * carries the job (services/supervisor/src/core/progress-message.ts).
 */
export function supervisorWorkTemplates(refs: ProfileRefs): MessageTemplate[] {
  const echo = { jobType: 'launch-server', jobId: 'chaos-echo', tenantId: refs.tenantId, seq: 1, state: {} };
  return [
    {
      type: 'supervisor.progress',
      payload: { jobType: 'launch-server', seq: 1, input: 'resume', state: {} },
      requiredKeys: ['jobType', 'seq', 'input'],
    },
    {
      type: 'lb.step-result',
      payload: { result: { status: 'success', reasons: [], done: true }, echo },
      requiredKeys: ['result', 'echo'],
      anyJsonKeys: ['echo'],
    },
    {
      type: 'lb.read-result',
      payload: { ok: true, body: {}, echo },
      requiredKeys: ['ok', 'echo'],
      anyJsonKeys: ['echo'],
    },
  ];
}

/**
 * The supervisor's converge queue: one cycle of a converge-group job (shared/messages/converge-messages.ts).
 * The strict top level is `{ job, acceptedAt, loop, resume? }`.
 */
export function convergeTemplates(refs: ProfileRefs): MessageTemplate[] {
  return [
    {
      type: 'converge.cycle',
      payload: {
        job: {
          tenantId: refs.tenantId,
          groupId: refs.groupId,
          desired: {
            capacity: 1,
            launchConfig: { server: { flavorRef: refs.flavorRef, imageRef: refs.imageRef }, loadBalancers: [] },
          },
        },
        acceptedAt: '2024-01-01T00:00:00.000Z',
        loop: { cycle: 0, limitedRetries: 0, idleCycles: 0 },
        resume: false,
      },
      requiredKeys: ['job', 'acceptedAt', 'loop'],
    },
  ];
}

/** One profile per work queue. */
export function queueProfiles(refs: ProfileRefs): HostileProfile[] {
  return [
    { queue: 'kelp.supervisor.jobs', tenantId: refs.tenantId, templates: supervisorJobTemplates(refs) },
    { queue: 'kelp.supervisor.work', tenantId: refs.tenantId, templates: supervisorWorkTemplates(refs) },
    { queue: 'kelp.supervisor.converge', tenantId: refs.tenantId, templates: convergeTemplates(refs) },
    { queue: 'kelp.lb.steps', tenantId: refs.tenantId, templates: lbTemplates(refs) },
    { queue: 'kelp.auth.rpc', tenantId: refs.tenantId, templates: authTemplates(refs) },
  ];
}
