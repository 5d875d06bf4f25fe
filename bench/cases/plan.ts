/**
 * Benchmark: convergence planning. A group of 10,000 and one of 20,000 servers, each server in two CLBs
 * and one RCv3 pool, with the mess convergence meets in practice: ~1% of nodes missing per load balancer,
 * 0.5% of servers in ERROR (still in their LBs), 0.5% building, 0.2% missing a metadata key. Each size is
 * warmed up, then planned repeatedly; the median is reported. Targets: 10k ≤ 100 ms; 20k ≤ 2.2 × 10k.
 */
import type { DesiredGroupState } from '../../shared/convergence/desired-state.js';
import { DesiredGroupStateSchema } from '../../shared/convergence/desired-state.js';
import type { ObservedClbNode, ObservedServer, ObservedState } from '../../shared/convergence/observed-state.js';
import { plan } from '../../shared/convergence/plan.js';
import { parseMetadataLbs } from '../../shared/convergence/metadata-lbs.js';
import { GROUP_ID_KEY, groupServerMetadata } from '../../shared/convergence/server-metadata.js';
import { seededServerSuffixes } from '../../shared/convergence/server-name.js';
import { type BenchCase, type BenchResult, benchResult } from '../bench-case.js';

const GROUP = '8d1d7a4e-0c5b-4a41-9f3e-6b1a2c3d4e5f';
const POOL = 'd95ae0c4-6ab8-4873-b82f-f8433840cff2';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const WARMUP_RUNS = 10;
const MEASURED_RUNS = 31;
const TARGET_MS = 100;
const TARGET_RATIO = 2.2;

const DESIRED: DesiredGroupState = DesiredGroupStateSchema.parse({
  capacity: 0,
  launchConfig: {
    server: { name: 'web', flavorRef: 'general1-4', imageRef: '0a1b2c3d-0000-4000-8000-000000000001' },
    loadBalancers: [
      { loadBalancerId: 1001, port: 80 },
      { loadBalancerId: 1002, port: 443 },
      { loadBalancerId: POOL, type: 'RackConnectV3' },
    ],
  },
  drainingTimeoutSec: 30,
});

function address(i: number): string {
  return `10.${180 + ((i >> 16) & 3)}.${(i >> 8) & 255}.${i & 255}`;
}

function clbNode(nodeId: number, addr: string, port: number): ObservedClbNode {
  return {
    nodeId: String(nodeId),
    address: addr,
    port,
    condition: 'ENABLED',
    weight: 1,
    type: 'PRIMARY',
    online: true,
    drainedAtMs: null,
  };
}

/** A deterministic messy world of `n` servers; every "random" choice is a function of the index. */
function world(n: number): ObservedState {
  const metadata = groupServerMetadata(GROUP, DESIRED.launchConfig);
  const { [GROUP_ID_KEY]: _dropped, ...missingKey } = metadata;
  const servers: ObservedServer[] = [];
  const lb1: ObservedClbNode[] = [];
  const lb2: ObservedClbNode[] = [];
  const members: { nodeId: string; serverId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${(0x10000000 + i).toString(16)}-5c2e-4f7a-9d61-${String(i).padStart(12, '0')}`;
    const state = i % 200 === 7 ? 'ERROR' : i % 200 === 11 ? 'BUILD' : 'ACTIVE';
    // Each server has its own metadata object, as parsed JSON gives it.
    const meta = { ...(i % 500 === 3 ? missingKey : metadata) };
    const addr = address(i);
    servers.push({
      id,
      name: `web-as${i.toString(16).padStart(8, '0')}`,
      state,
      createdMs: NOW - (state === 'BUILD' ? 60_000 : 86_400_000 + ((i * 7919) % 1_000_000) * 1000),
      servicenetAddress: addr,
      metadata: meta,
      metadataLbs: parseMetadataLbs(meta),
    });
    if (state === 'BUILD') continue;
    // Fresh strings per node, as parsed JSON gives them (no hash shared with the server's address).
    if (i % 100 !== 13) lb1.push(clbNode(100_000 + i, address(i), 80));
    if (i % 97 !== 5) lb2.push(clbNode(200_000 + i, address(i), 443));
    if (i % 101 !== 17) members.push({ nodeId: `rc-${i}`, serverId: id });
  }
  return {
    servers,
    clbs: [
      { lbId: '1001', healthMonitor: false, nodes: lb1 },
      { lbId: '1002', healthMonitor: false, nodes: lb2 },
    ],
    rcv3Pools: [{ poolId: POOL, members }],
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

interface Sample {
  readonly run: () => number;
  readonly times: number[];
  steps: number;
}

function sample(n: number): Sample {
  const observed = world(n);
  const desired = { ...DESIRED, capacity: n };
  const context = { groupId: GROUP, serverSuffixes: seededServerSuffixes('bench:1') };
  return { run: () => plan(desired, observed, NOW, context).length, times: [], steps: 0 };
}

/**
 * Median wall time of one plan per size, in ms. Sizes alternate run by run, so both see the same machine
 * (2 shared cores) and the ratio is not skewed by a noisy stretch hitting one size only.
 */
function measure(sizes: readonly number[]): { ms: number; steps: number }[] {
  const samples = sizes.map(sample);
  for (let i = 0; i < WARMUP_RUNS; i++) for (const s of samples) s.steps = s.run();
  for (let i = 0; i < MEASURED_RUNS; i++) {
    for (const s of samples) {
      const started = performance.now();
      s.run();
      s.times.push(performance.now() - started);
    }
  }
  return samples.map((s) => ({ ms: Number(median(s.times).toFixed(2)), steps: s.steps }));
}

export const planBenchCase: BenchCase = {
  name: 'plan',
  description: 'convergence planning, 10k and 20k servers x 2 CLBs + 1 RCv3 pool (median of 31 after warm-up)',
  async run(): Promise<readonly BenchResult[]> {
    await Promise.resolve();
    const [small, large] = measure([10_000, 20_000]);
    if (small === undefined || large === undefined) throw new Error('plan bench measured nothing');
    const ratio = large.ms / small.ms;
    return [
      benchResult({
        case: 'plan',
        metric: `plan-10k-servers-3-lbs (${small.steps} steps)`,
        value: small.ms,
        unit: 'ms',
        target: `<= ${TARGET_MS} ms`,
        pass: small.ms <= TARGET_MS,
      }),
      benchResult({
        case: 'plan',
        metric: `plan-20k-servers-3-lbs (${large.steps} steps)`,
        value: large.ms,
        unit: 'ms',
        baseline: small.ms,
        target: `ratio <= ${TARGET_RATIO}`,
        pass: ratio <= TARGET_RATIO,
      }),
    ];
  },
};

export default planBenchCase;
