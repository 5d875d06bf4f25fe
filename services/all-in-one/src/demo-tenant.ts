import type { CloudSim } from '../../cloud-sim/src/index.js';

/** The tenant the embedded simulator is seeded with: one CLB and one RCv3 pool to put servers in. */
export interface DemoTenant {
  readonly tenantId: string;
  readonly region: string;
  readonly clbId: string;
  readonly clbPort: number;
  readonly poolId: string;
}

/** Seeds the demo tenant (default credentials, no default pools), its CLB and its RCv3 pool. */
export function seedDemoTenant(
  sim: Pick<CloudSim, 'seedTenant' | 'seedLoadBalancer' | 'seedPool'>,
  tenantId: string,
  region: string,
): DemoTenant {
  sim.seedTenant({ tenantId, pools: false });
  const clb = sim.seedLoadBalancer({ tenantId, region, name: 'demo-clb', protocol: 'HTTP', port: 80 });
  const pool = sim.seedPool({ tenantId, region, name: 'demo-pool', port: 80 });
  return { tenantId, region, clbId: String(clb['id']), clbPort: 80, poolId: String(pool['id']) };
}
