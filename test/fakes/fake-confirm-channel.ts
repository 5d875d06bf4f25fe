import { EventEmitter } from 'node:events';
import type { ChannelModel, ConfirmChannel, Message, Options } from 'amqplib';

export interface FakePublish {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly properties: Options.Publish;
  readonly confirm: (error?: Error) => void;
}

/**
 * The part of an amqplib confirm channel the publisher uses. The test plays the broker: it confirms,
 * nacks or returns each recorded publish, or closes the channel (pending confirms fail `channel closed`,
 * later publishes throw, as amqplib does).
 */
export class FakeConfirmChannel extends EventEmitter {
  readonly publishes: FakePublish[] = [];
  closed = false;
  writable = true;

  publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    properties: Options.Publish,
    callback: (error: unknown) => void,
  ): boolean {
    if (this.closed) throw new Error('Channel closed');
    let done = false;
    const confirm = (error?: Error): void => {
      if (done) return;
      done = true;
      callback(error ?? null);
    };
    const publish = { exchange, routingKey, content, properties, confirm };
    this.publishes.push(publish);
    this.emit('fake-publish', publish);
    return this.writable;
  }

  /** Resolves with the publish number `index` (0-based) once it has been made. */
  published(index: number): Promise<FakePublish> {
    const existing = this.publishes[index];
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const onPublish = (): void => {
        const made = this.publishes[index];
        if (made === undefined) return;
        this.removeListener('fake-publish', onPublish);
        resolve(made);
      };
      this.on('fake-publish', onPublish);
    });
  }

  /** The broker returns a mandatory message it could not route (before confirming it). */
  returnMessage(publish: FakePublish): void {
    const message = {
      content: publish.content,
      fields: { exchange: publish.exchange, routingKey: publish.routingKey },
      properties: { messageId: publish.properties.messageId },
    } as unknown as Message;
    this.emit('return', message);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const publish of this.publishes) publish.confirm(new Error('channel closed'));
    this.emit('close');
    return Promise.resolve();
  }

  consume(): Promise<{ consumerTag: string }> {
    return Promise.resolve({ consumerTag: 'fake' });
  }

  asConfirmChannel(): ConfirmChannel {
    return this as unknown as ConfirmChannel;
  }
}

/** A connection handing out FakeConfirmChannels; `channels` lists them in creation order. */
export class FakeChannelModel {
  readonly channels: FakeConfirmChannel[] = [];

  createConfirmChannel(): Promise<ConfirmChannel> {
    const channel = new FakeConfirmChannel();
    this.channels.push(channel);
    return Promise.resolve(channel.asConfirmChannel());
  }

  asChannelModel(): ChannelModel {
    return this as unknown as ChannelModel;
  }
}
