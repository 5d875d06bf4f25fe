import type { GroupKey, GroupLease, GroupLock } from './group-lock.js';

/**
 * The in-process group lock (all-in-one runtime, unit tests): a map of held keys and one record per group.
 * Records are stored as JSON text, as the broker stores them, so callers never share objects with it.
 * Several supervisors in one process that share one instance exclude each other like separate processes.
 */
export class MemoryGroupLock implements GroupLock {
  private readonly held = new Map<string, AbortController>();
  private readonly records = new Map<string, string>();
  /** Leases granted so far (for tests). */
  acquired = 0;
  /** Tries that found the lock held (for tests). */
  refused = 0;

  tryAcquire(key: GroupKey): Promise<GroupLease | undefined> {
    const name = JSON.stringify([key.tenantId, key.groupId]);
    if (this.held.has(name)) {
      this.refused++;
      return Promise.resolve(undefined);
    }
    const controller = new AbortController();
    this.held.set(name, controller);
    this.acquired++;
    let released = false;
    const lease: GroupLease = {
      key,
      signal: controller.signal,
      readRecord: () => {
        const text = this.records.get(name);
        return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as unknown));
      },
      writeRecord: (record) => {
        if (released || controller.signal.aborted) return Promise.reject(new Error('group lock not held'));
        this.records.set(name, JSON.stringify(record));
        return Promise.resolve();
      },
      release: () => {
        if (!released) {
          released = true;
          if (this.held.get(name) === controller) this.held.delete(name);
        }
        return Promise.resolve();
      },
    };
    return Promise.resolve(lease);
  }

  /** Test hook: every held lock is lost, as when a connection drops. */
  loseAll(): void {
    for (const controller of this.held.values()) controller.abort(new Error('group lock lost'));
    this.held.clear();
  }

  /** Test hook: the stored record of a group. */
  recordOf(key: GroupKey): unknown {
    const text = this.records.get(JSON.stringify([key.tenantId, key.groupId]));
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  close(): Promise<void> {
    this.loseAll();
    return Promise.resolve();
  }
}
