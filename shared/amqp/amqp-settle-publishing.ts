import type { ConsumeMessage, Options } from 'amqplib';
import type { Envelope } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import type { ConsumerPublishing } from './amqp-consumer.js';
import type { ConfirmedPublisher } from './confirmed-publisher.js';
import { pickDelayTier } from './delay-tiers.js';
import {
  deadLetterHeaders,
  delayHeaders,
  encodeEnvelope,
  forwardedHeaders,
  publishPropertiesOf,
} from './message-properties.js';
import { delayTierOf, workQueueNames, type Topology } from './topology.js';

/** Where a message for `queue` goes when it should arrive after `delayMs`: a delay tier or the queue. */
export function routeFor(
  topology: Topology,
  queue: WorkQueue,
  delayMs: number,
): { readonly exchange: string; readonly routingKey: string; readonly tierName: string | null } {
  const names = workQueueNames(topology, queue);
  const tierMs =
    delayMs > 0
      ? pickDelayTier(
          delayMs,
          topology.delayTiers.map((tier) => tier.ms),
        )
      : null;
  const tier = tierMs === null ? undefined : delayTierOf(topology, tierMs);
  return tier === undefined
    ? { exchange: names.queue, routingKey: names.queue, tierName: null }
    : { exchange: topology.exchanges.delay, routingKey: names.queue, tierName: tier.name };
}

/**
 * Where a reply to `replyTo` is published: a work queue of the topology through its own exchange (the LB
 * answering the supervisor's work queue), anything else — an RPC reply queue — through the replies
 * exchange. Never the default exchange (Note [RPC replies] in `rpc-client.ts`). Pure.
 */
export function replyRoute(topology: Topology, replyTo: string): { readonly exchange: string } {
  const workQueue = topology.workQueues.find((names) => names.queue === replyTo);
  return { exchange: workQueue === undefined ? topology.exchanges.replies : workQueue.queue };
}

/** The publishes consumers settle deliveries with, on the bus's confirmed publisher. */
export function createConsumerPublishing(publisher: ConfirmedPublisher, topology: Topology): ConsumerPublishing {
  return {
    async retry(queue: WorkQueue, copy: Envelope, delayMs: number, original: ConsumeMessage): Promise<void> {
      const route = routeFor(topology, queue, delayMs);
      const headers =
        route.tierName === null
          ? forwardedHeaders(original.properties.headers)
          : delayHeaders(original.properties.headers, route.tierName, copy.attempt);
      const properties = publishPropertiesOf(copy, {
        correlationId: stringOr(original.properties.correlationId, copy.correlationId),
        replyTo: optionalString(original.properties.replyTo),
        headers,
      });
      await publisher.publish(route.exchange, route.routingKey, encodeEnvelope(copy), properties);
    },

    async deadLetter(queue: WorkQueue, original: ConsumeMessage, reason: string): Promise<void> {
      const names = workQueueNames(topology, queue);
      const source = original.properties;
      const properties: Options.Publish = {
        persistent: true,
        mandatory: true,
        headers: deadLetterHeaders(source.headers, reason, queue),
        ...defined('contentType', optionalString(source.contentType)),
        ...defined('messageId', optionalString(source.messageId)),
        ...defined('correlationId', optionalString(source.correlationId)),
        ...defined('type', optionalString(source.type)),
        ...defined('replyTo', optionalString(source.replyTo)),
      };
      await publisher.publish(topology.exchanges.deadLetter, names.queue, original.content, properties);
    },

    async reply(original: ConsumeMessage, envelope: Envelope): Promise<boolean> {
      const replyTo = optionalString(original.properties.replyTo);
      if (replyTo === undefined) return false;
      const properties = publishPropertiesOf(envelope, {
        mandatory: false,
        correlationId: stringOr(original.properties.correlationId, envelope.correlationId),
      });
      const route = replyRoute(topology, replyTo);
      await publisher.publish(route.exchange, replyTo, encodeEnvelope(envelope), properties);
      return true;
    },
  };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return optionalString(value) ?? fallback;
}

function defined<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
