/**
 * Note [Duplicate progression]: at-least-once delivery can leave two copies of a job's next message (the
 * supervisor published it, then died before acking the message that caused it). Every step a job takes
 * is safe to repeat, but two copies running side by side would both go on to the end. This tracker keeps,
 * per job, the highest `seq` taken, so the second copy of a message — and anything older — is dropped. It
 * lives in memory: within one supervisor process duplicates never fork a job; across a restart the
 * repeated steps converge (find-before-create, duplicate CLB nodes count as added, RCv3 already-members
 * as added) and a producer may see an event twice.
 *
 * It also remembers which LB request a job awaits, so an LB-step timeout acts only when this process sent
 * that request and has not seen its answer (a timeout it knows nothing about is dropped: the answer may
 * have been processed before a restart).
 */
export class JobProgressTracker {
  readonly #latest = new Map<string, number>();
  readonly #awaitingLb = new Map<string, number>();
  readonly #maxJobs: number;

  constructor(maxJobs: number) {
    this.#maxJobs = Math.max(1, maxJobs);
  }

  /** Takes (job, seq) for processing: false when that seq or a later one was taken already. */
  claim(jobId: string, seq: number): boolean {
    const latest = this.#latest.get(jobId);
    if (latest !== undefined && seq <= latest) return false;
    this.#remember(jobId, seq);
    return true;
  }

  /** Gives a claim back (processing failed and the message will be delivered again). */
  release(jobId: string, seq: number): void {
    if (this.#latest.get(jobId) === seq) this.#latest.set(jobId, seq - 1);
  }

  /** Records that the job's message `seq` is an LB request whose answer (or timeout) is `seq`. */
  awaitLb(jobId: string, seq: number): void {
    this.#awaitingLb.set(jobId, seq);
    if (this.#awaitingLb.size > this.#maxJobs) this.#evictOldest(this.#awaitingLb);
  }

  /** True when this process sent LB request `seq` of the job and nothing with that seq was taken yet. */
  isAwaitingLb(jobId: string, seq: number): boolean {
    return this.#awaitingLb.get(jobId) === seq && (this.#latest.get(jobId) ?? 0) < seq;
  }

  /** The job is over: later copies of its messages are still dropped while it is remembered. */
  finished(jobId: string): void {
    this.#awaitingLb.delete(jobId);
  }

  get size(): number {
    return this.#latest.size;
  }

  #remember(jobId: string, seq: number): void {
    this.#latest.delete(jobId);
    this.#latest.set(jobId, seq);
    if (this.#latest.size > this.#maxJobs) this.#evictOldest(this.#latest);
  }

  #evictOldest(map: Map<string, number>): void {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}
