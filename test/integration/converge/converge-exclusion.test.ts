import { setTimeout as sleep } from 'node:timers/promises';
import anyTest, { type TestFn } from 'ava';
import type { ConvergeObserver } from '../../../services/supervisor/src/converge/on-converge-cycle.js';
import { AmqpGroupLock } from '../../../shared/amqp/amqp-group-lock.js';
import type { GroupKey, GroupLease, GroupLock } from '../../../shared/amqp/group-lock.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import { groupServers, startConvergeStack, type ConvergeOutcome, type ConvergeStack } from './converge-stack.js';

const test = anyTest as TestFn<ConvergeStack>;

/** Counts, per group, the cycles acting on it at once, and the most ever seen. */
class OverlapMeter {
  private readonly acting = new Map<string, number>();
  maxOverlap = 0;
  cyclesActed = 0;
  /** Which supervisors acted. */
  readonly actors = new Set<number>();

  /** The observer of supervisor `index`. */
  observer(index: number): ConvergeObserver {
    return {
      cycleActing: (key, _jobId, acting) => {
        const name = `${key.tenantId}/${key.groupId}`;
        const now = (this.acting.get(name) ?? 0) + (acting ? 1 : -1);
        this.acting.set(name, now);
        if (acting) {
          this.cyclesActed++;
          this.actors.add(index);
        }
        this.maxOverlap = Math.max(this.maxOverlap, now);
      },
    };
  }
}

/** Counts the tries a lock refused. */
class CountingLock implements GroupLock {
  refused = 0;
  constructor(private readonly inner: GroupLock) {}
  async tryAcquire(key: GroupKey): Promise<GroupLease | undefined> {
    const lease = await this.inner.tryAcquire(key);
    if (lease === undefined) this.refused++;
    return lease;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** No exclusion at all (the group record is still kept): what the lock prevents. */
class NoLock implements GroupLock {
  private readonly records = new Map<string, string>();
  tryAcquire(key: GroupKey): Promise<GroupLease | undefined> {
    const name = `${key.tenantId}/${key.groupId}`;
    return Promise.resolve({
      key,
      signal: new AbortController().signal,
      readRecord: () => {
        const text = this.records.get(name);
        return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as unknown));
      },
      writeRecord: (record: unknown) => {
        this.records.set(name, JSON.stringify(record));
        return Promise.resolve();
      },
      release: () => Promise.resolve(),
    });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

test.before(async (t) => {
  t.context = await startConvergeStack('exclusion', { latencyMs: { nova: 40, clb: 40, rcv3: 40 } });
});

test.after.always(async (t) => {
  await t.context.close();
});

async function convergeMany(stack: ConvergeStack, groupId: string, jobs: number): Promise<ConvergeOutcome[]> {
  const submitted = await Promise.all(
    Array.from({ length: jobs }, () => stack.submit(stack.job(groupId, { capacity: 3 }), 40_000)),
  );
  return Promise.all(submitted.map((s) => s.outcome));
}

test.serial('two supervisors never run two convergences of one group at once', async (t) => {
  const stack = t.context;
  const meter = new OverlapMeter();
  const locks = [0, 1].map(
    (i) =>
      new CountingLock(
        new AmqpGroupLock({
          url: stack.vhost.url,
          prefix: 'kelp',
          logger: createSilentLogger(),
          connectionName: `it-exclusion-lock-${i}`,
        }),
      ),
  );
  const supervisors = [];
  for (const [i, lock] of locks.entries()) {
    supervisors.push(await stack.addSupervisor({ lock, observer: meter.observer(i), env: { CONVERGE_PREFETCH: '8' } }));
  }
  try {
    const outcomes = await convergeMany(stack, 'g-two', 6);
    t.is(meter.maxOverlap, 1);
    t.true(meter.cyclesActed > 1);
    // Which supervisor wins each cycle is scheduling; that both took part shows in the refused acquisitions.
    t.true(locks[0]!.refused + locks[1]!.refused > 0, 'the supervisors contended for the group');
    const succeeded = outcomes.filter((o) => o.status === 'succeeded');
    t.true(succeeded.length >= 1);
    for (const outcome of outcomes.filter((o) => o.status === 'failed')) {
      t.regex(outcome.reasons[0] ?? '', /^Superseded by converge-group job /);
    }
    t.is(groupServers(stack, 'g-two').length, 3);
  } finally {
    for (const supervisor of supervisors) await supervisor.stop(5_000);
  }
});

test.serial('without the lock, the same load overlaps (the measurement can see it)', async (t) => {
  const stack = t.context;
  const meter = new OverlapMeter();
  const lock = new NoLock();
  const supervisors = [];
  for (let i = 0; i < 2; i++) {
    supervisors.push(await stack.addSupervisor({ lock, observer: meter.observer(i), env: { CONVERGE_PREFETCH: '8' } }));
  }
  try {
    await convergeMany(stack, 'g-unlocked', 6);
    t.true(meter.maxOverlap >= 2, `max overlap ${meter.maxOverlap}`);
  } finally {
    for (const supervisor of supervisors) await supervisor.stop(5_000);
  }
});

test.serial('a newer converge-group job supersedes a running one for the same group', async (t) => {
  const stack = t.context;
  const supervisor = await stack.addSupervisor();
  stack.sim.addNovaBehaviour({
    tenantId: stack.tenantId,
    region: 'ORD',
    criteria: [{ metadata: { 'rax:autoscale:group:id': '^g-newer$' } }],
    name: 'build',
    parameters: { duration: 2 },
  });
  try {
    const older = await stack.submit(stack.job('g-newer', { capacity: 4 }));
    while (groupServers(stack, 'g-newer').length === 0) await sleep(20);
    const newer = await stack.submit(stack.job('g-newer', { capacity: 1 }));
    const [a, b] = await Promise.all([older.outcome, newer.outcome]);
    t.is(a.status, 'failed');
    t.deepEqual(a.reasons, [`Superseded by converge-group job ${newer.jobId}, accepted later for the same group`]);
    t.is(b.status, 'succeeded', b.reasons.join('; '));
    t.is(groupServers(stack, 'g-newer').length, 1);
  } finally {
    await supervisor.stop(5_000);
  }
});
