/**
 * The simulator's whole in-memory state: Identity, and per tenant and region the servers, load balancers
 * and pools, plus global indexes, behaviours, faults and counters. `reset` replaces it with a fresh one.
 */
import { BehaviourRegistry } from '../behaviours/registry.js';
import type { LbRecord } from '../clb/lb-record.js';
import type { SimConfig } from '../config.js';
import { Counters } from '../counters.js';
import type { FaultRule } from '../faults.js';
import type { ServiceSegments } from '../identity/catalog.js';
import { serviceSegments } from '../identity/catalog.js';
import type { IdentityAttributes } from '../identity/identity-behaviours.js';
import { IDENTITY_EVENT } from '../identity/identity-behaviours.js';
import { IdentityState } from '../identity/identity-state.js';
import type { CreationAttributes } from '../nova/creation-behaviours.js';
import { CREATION_EVENT } from '../nova/creation-behaviours.js';
import type { ImageRecord } from '../nova/images-flavors.js';
import { DEFAULT_FLAVORS, DEFAULT_IMAGES } from '../nova/images-flavors.js';
import type { ServerAddresses, ServerRecord } from '../nova/server-record.js';
import type { Random } from '../random.js';
import { createRandom } from '../random.js';
import type { PoolRecord } from '../rcv3/pool-record.js';

/** A server delete that will fail (control API or the `delete_server_failure` knob). */
export interface DeleteFailureRule {
  readonly id: string;
  /** null: any server of the partition. */
  readonly serverId: string | null;
  readonly status: number;
  readonly body: unknown;
  remaining: number;
}

export interface Partition {
  readonly tenantId: string;
  readonly region: string;
  /** Insertion (= creation) order. */
  readonly servers: Map<string, ServerRecord>;
  readonly lbs: Map<number, LbRecord>;
  readonly pools: Map<string, PoolRecord>;
  readonly creation: BehaviourRegistry<CreationAttributes>;
  readonly deleteFailures: DeleteFailureRule[];
}

export interface SimStateInit {
  readonly seed: string;
  readonly config: SimConfig;
  readonly regions: readonly string[];
  readonly decoys: boolean;
}

export class SimState {
  config: SimConfig;
  readonly seed: string;
  readonly regions: readonly string[];
  readonly decoys: boolean;
  readonly segments: ServiceSegments;
  readonly random: Random;
  /** Dice for probabilistic faults, separate so they do not shift generated ids. */
  readonly dice: Random;
  readonly identity: IdentityState;
  readonly identityBehaviours: BehaviourRegistry<IdentityAttributes>;
  readonly partitions = new Map<string, Partition>();
  readonly servers = new Map<string, ServerRecord>();
  readonly lbs = new Map<number, LbRecord>();
  readonly pools = new Map<string, PoolRecord>();
  readonly images = new Map<string, ImageRecord>(DEFAULT_IMAGES.map((image) => [image.id, image]));
  readonly flavors = new Set<string>(DEFAULT_FLAVORS);
  readonly faults: FaultRule[] = [];
  readonly counters = new Counters();
  private serverSeq = 0;
  private lbSeq: number;
  private nodeSeq: number;
  private readonly addressSeq = new Map<string, number>();

  constructor(init: SimStateInit) {
    this.config = init.config;
    this.seed = init.seed;
    this.regions = init.regions;
    this.decoys = init.decoys;
    this.segments = serviceSegments(init.seed);
    this.random = createRandom(`${init.seed}:ids`);
    this.dice = createRandom(`${init.seed}:dice`);
    this.identity = new IdentityState(init.seed, createRandom(`${init.seed}:tokens`));
    this.identityBehaviours = new BehaviourRegistry(IDENTITY_EVENT, () => this.random.uuid());
    this.lbSeq = 10_000 + (this.random.uint32() % 80_000);
    this.nodeSeq = 100_000 + (this.random.uint32() % 800_000);
  }

  partitionKey(tenantId: string, region: string): string {
    return `${tenantId}\u0000${region}`;
  }

  /** The tenant's data in a region, created on first use. */
  partition(tenantId: string, region: string): Partition {
    const key = this.partitionKey(tenantId, region);
    let partition = this.partitions.get(key);
    if (partition === undefined) {
      partition = {
        tenantId,
        region,
        servers: new Map(),
        lbs: new Map(),
        pools: new Map(),
        creation: new BehaviourRegistry(CREATION_EVENT, () => this.random.uuid()),
        deleteFailures: [],
      };
      this.partitions.set(key, partition);
    }
    return partition;
  }

  /** An existing partition, without creating one. */
  findPartition(tenantId: string, region: string): Partition | undefined {
    return this.partitions.get(this.partitionKey(tenantId, region));
  }

  nextServerSeq(): number {
    this.serverSeq += 1;
    return this.serverSeq;
  }

  nextLbId(): number {
    this.lbSeq += 1;
    return this.lbSeq;
  }

  nextNodeId(): number {
    this.nodeSeq += 1;
    return this.nodeSeq;
  }

  /** Fresh addresses, unique within the region: ServiceNet 10.180.0.0/14, public 198.18.0.0/15, 2001:db8::/32. */
  nextAddresses(region: string): ServerAddresses {
    const n = (this.addressSeq.get(region) ?? 1) + 1;
    this.addressSeq.set(region, n);
    const octets = (base: number): string => `${base + ((n >> 16) & 3)}.${(n >> 8) & 255}.${n & 255}`;
    return {
      private4: `10.${octets(180)}`,
      public4: `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 255}.${n & 255}`,
      public6: `2001:db8:${this.regions.indexOf(region) + 1}::${n.toString(16)}`,
    };
  }
}
