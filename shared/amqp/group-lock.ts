/**
 * Note [Group lock]
 * ~~~~~~~~~~~~~~~~~
 * At most one convergence cycle runs per scaling group at any time, across any number of supervisors,
 * without a database. Two broker objects per group do it (`amqp-group-lock.ts`):
 *
 * - the **lock**: an exclusive, non-durable queue `<prefix>.lock.<tenant>.<group>` declared on the
 *   supervisor's dedicated lock connection. A second connection declaring it gets 405 RESOURCE_LOCKED, so
 *   exactly one process holds it; the holder deletes it to release, and the broker deletes it when the
 *   holder's connection dies, so a crashed or partitioned supervisor never leaves a group locked. The
 *   broker cannot tell two users of one connection apart, so each process also keeps the keys it holds.
 *   Losing the connection while holding a lock aborts the lease's `signal`: the holder must stop before
 *   doing anything else to the group (the lock may already be someone else's).
 * - the **record**: a durable classic queue `<prefix>.group.<tenant>.<group>` holding at most one
 *   persistent message (`x-max-length: 1`, `drop-head`), read by get + requeue and replaced by publishing.
 *   Only a lock holder reads or writes it, so those operations never interleave. Idle records expire
 *   (`x-expires`). Convergence keeps in it which job and cycle ran last and its server cache.
 *
 * A lock is held for one convergence cycle (gather → plan → execute, seconds), never across the delay
 * between cycles: a cycle that finds its group locked sends itself again a little later. Convergence
 * decides from the record whether a cycle may run at all (an older job of the group is superseded by a
 * newer one, a duplicate cycle message is dropped); see services/supervisor/src/converge/README.md.
 */

/** Which group: locks and records are per tenant and group. */
export interface GroupKey {
  readonly tenantId: string;
  readonly groupId: string;
}

/** A held group lock. */
export interface GroupLease {
  readonly key: GroupKey;
  /** Aborted when the lock was lost before `release` (its connection dropped). */
  readonly signal: AbortSignal;
  /** The group's record as the last holder wrote it (parsed JSON), or undefined when there is none. */
  readRecord(): Promise<unknown>;
  /** Replaces the group's record; resolves once the broker has it (persistent, confirmed). */
  writeRecord(record: unknown): Promise<void>;
  /** Releases the lock (idempotent; resolves also when the lock was lost). */
  release(): Promise<void>;
}

export interface GroupLock {
  /** Takes the group's lock if nobody holds it; undefined when it is held (here or by another process). */
  tryAcquire(key: GroupKey): Promise<GroupLease | undefined>;
  /** Releases every lock held and closes connections. */
  close(): Promise<void>;
}

/** Characters kept verbatim in broker names derived from ids; anything else makes the name a hash. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * The broker name of a group's lock or record: `<prefix>.<kind>.<tenant>.<group>` when both ids are plain
 * (letters, digits, `_`, `-`, up to 100 each), otherwise `<prefix>.<kind>.h.<hash>` with the hash computed
 * by `hash` (a hex digest of the JSON key), so any ids map to a valid, collision-free queue name.
 */
export function groupQueueName(
  prefix: string,
  kind: 'lock' | 'group',
  key: GroupKey,
  hash: (text: string) => string,
): string {
  if (PLAIN_ID.test(key.tenantId) && PLAIN_ID.test(key.groupId)) {
    return `${prefix}.${kind}.${key.tenantId}.${key.groupId}`;
  }
  return `${prefix}.${kind}.h.${hash(JSON.stringify([key.tenantId, key.groupId]))}`;
}
