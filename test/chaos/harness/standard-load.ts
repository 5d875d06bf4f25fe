import type { GroupDesired } from '../core/invariant-input.js';
import { convergeGroupJob, launchServerJob, type BuiltJob, type LaunchSpec } from '../core/job-builders.js';
import { FLAVOR, IMAGE, type ScenarioEnv } from './scenario-env.js';
import { loadBalancersFor } from './workload.js';

/**
 * The load scenarios 1–3 put on the system: launch-server jobs spread over the tenants, each joining its
 * tenant's CLB and RCv3 pool, plus converge-group jobs for groups of their own, each with a CLB of its own
 * (a CLB holds at most 25 nodes, so size the tenants to keep launches per tenant below that).
 */
export interface LoadPlan {
  readonly jobs: readonly BuiltJob[];
  readonly groups: readonly GroupDesired[];
  readonly notes: readonly string[];
}

export async function prepareLoad(
  env: ScenarioEnv,
  sizes: { readonly launchJobs: number; readonly convergeJobs: number; readonly convergeCapacity: number },
  jobPrefix: string,
): Promise<LoadPlan> {
  const specs = new Map<string, LaunchSpec>();
  for (const tenant of env.tenants) {
    specs.set(tenant.tenantId, {
      imageRef: IMAGE,
      flavorRef: FLAVOR,
      loadBalancers: await loadBalancersFor(env, tenant.tenantId),
      name: 'chaos',
    });
  }
  const tenantAt = (index: number): string => env.tenants[index % env.tenants.length]?.tenantId ?? '';
  const jobs: BuiltJob[] = [];
  for (let index = 0; index < sizes.launchJobs; index += 1) {
    const tenantId = tenantAt(index);
    jobs.push(
      launchServerJob(
        `${jobPrefix}-launch-${index}`,
        tenantId,
        `g-launch-${tenantId}`,
        specs.get(tenantId) as LaunchSpec,
      ),
    );
  }
  const groups: GroupDesired[] = [];
  const notes: string[] = [];
  for (let index = 0; index < sizes.convergeJobs; index += 1) {
    const tenantId = tenantAt(index);
    const groupId = `g-conv-${index}`;
    jobs.push(
      convergeGroupJob(
        `${jobPrefix}-converge-${index}`,
        tenantId,
        groupId,
        sizes.convergeCapacity,
        // A CLB of its own: the launch jobs may already fill their tenant's CLB close to its node limit.
        { imageRef: IMAGE, flavorRef: FLAVOR, loadBalancers: await loadBalancersFor(env, tenantId), name: 'chaos' },
      ),
    );
    groups.push({ tenantId, groupId, capacity: sizes.convergeCapacity });
  }
  return { jobs, groups, notes };
}

/** Submits every job (confirmed), at most `parallel` at a time. */
export async function submitAll(env: ScenarioEnv, jobs: readonly BuiltJob[], parallel = 20): Promise<void> {
  for (let index = 0; index < jobs.length; index += parallel) {
    await Promise.all(jobs.slice(index, index + parallel).map((job) => env.submit(job)));
  }
}
