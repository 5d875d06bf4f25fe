/**
 * Confirm timeouts for many publishes with one timer: every publish registers an expiry callback, and a
 * sweep every quarter of the timeout expires the overdue ones (so a timeout fires between 1× and 1.25×
 * `timeoutMs`). All entries share one timeout, so insertion order is deadline order and a sweep stops
 * at the first entry still in time. Much cheaper than a `setTimeout` per message at thousands per second.
 */
export class ConfirmDeadlines {
  private readonly entries = new Map<number, { readonly deadline: number; readonly expire: () => void }>();
  private sequence = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly timeoutMs: number) {}

  add(expire: () => void): number {
    this.sequence += 1;
    this.entries.set(this.sequence, { deadline: Date.now() + this.timeoutMs, expire });
    if (this.timer === null) {
      // Not unref'd: a publish waiting for its confirm is work in progress, like a pending timeout.
      this.timer = setInterval(() => this.sweep(), Math.max(5, Math.floor(this.timeoutMs / 4)));
    }
    return this.sequence;
  }

  remove(id: number): void {
    this.entries.delete(id);
    if (this.entries.size === 0) this.stop();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) {
      if (entry.deadline > now) break;
      this.entries.delete(id);
      entry.expire();
    }
    if (this.entries.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
