import type { Message } from 'amqplib';

/**
 * Messages the broker returned (mandatory, unroutable) and not yet matched with their confirm. The
 * broker sends `basic.return` before the `basic.ack` of the same publish [verified on 3.10.8], so the
 * confirm callback can ask whether its publish came back. Keyed by exchange, routing key and messageId.
 */
export class ReturnedMessages {
  private readonly counts = new Map<string, number>();

  get empty(): boolean {
    return this.counts.size === 0;
  }

  note(message: Message): void {
    const key = returnKey(message.fields.exchange, message.fields.routingKey, message.properties.messageId);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** True (and forgotten) when a publish with these fields was returned. */
  take(exchange: string, routingKey: string, messageId: unknown): boolean {
    const key = returnKey(exchange, routingKey, messageId);
    const count = this.counts.get(key);
    if (count === undefined) return false;
    if (count <= 1) this.counts.delete(key);
    else this.counts.set(key, count - 1);
    return true;
  }

  clear(): void {
    this.counts.clear();
  }
}

function returnKey(exchange: string, routingKey: string, messageId: unknown): string {
  return `${exchange}\u0000${routingKey}\u0000${String(messageId)}`;
}
