import { AppError } from '../errors/app-error.js';
import { decodeEnvelope } from '../messages/decode.js';
import type { Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import type { MemoryBroker } from './memory-broker.js';

interface PendingCall {
  readonly resolve: (envelope: Envelope) => void;
  readonly reject: (error: Error) => void;
}

/** RPC on the in-process broker: one reply address per client, pending calls by correlation id. */
export class MemoryRpcClient {
  private readonly calls = new Map<string, PendingCall>();
  private address: string | null = null;
  private sequence = 0;

  constructor(
    private readonly broker: MemoryBroker,
    private readonly maxMessageBytes: number,
  ) {}

  open(): void {
    this.address ??= this.broker.openReplyAddress((body, correlationId) => this.onReply(body, correlationId));
  }

  call(queue: WorkQueue, envelope: Envelope, body: Buffer, timeoutMs: number): Promise<Envelope> {
    this.sequence += 1;
    const correlationId = `call.${this.sequence}`;
    const { scheduler } = this.broker;
    return new Promise<Envelope>((resolve, reject) => {
      const timer = scheduler.setTimeout(() => {
        this.calls.delete(correlationId);
        reject(
          AppError.retryable('timeout', `rpc call to ${queue} got no reply within ${timeoutMs} ms`, {
            details: { queue, timeoutMs, type: envelope.type },
          }),
        );
      }, timeoutMs);
      this.calls.set(correlationId, {
        resolve: (answer) => (scheduler.clearTimeout(timer), resolve(answer)),
        reject: (error) => (scheduler.clearTimeout(timer), reject(error)),
      });
      const message = { body, headers: {}, correlationId, deliveryCount: 0, redelivered: false };
      try {
        this.broker.enqueue(queue, this.address === null ? message : { ...message, replyTo: this.address });
      } catch (error) {
        this.calls.get(correlationId)?.reject(error instanceof Error ? error : new Error(String(error)));
        this.calls.delete(correlationId);
      }
    });
  }

  close(): void {
    if (this.address !== null) this.broker.closeReplyAddress(this.address);
    this.address = null;
    const abandoned = AppError.nonRetryable('unavailable', 'rpc call abandoned: the bus closed');
    this.calls.forEach((call) => call.reject(abandoned));
    this.calls.clear();
  }

  private onReply(body: Buffer, correlationId: string | undefined): void {
    const call = correlationId === undefined ? undefined : this.calls.get(correlationId);
    if (call === undefined || correlationId === undefined) return;
    this.calls.delete(correlationId);
    const decoded = decodeEnvelope(body, this.maxMessageBytes);
    if (decoded.ok) call.resolve(decoded.envelope);
    else call.reject(AppError.nonRetryable('decode', `rpc reply is not a valid envelope: ${decoded.reason}`));
  }
}
