import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { MAX_MESSAGE_BYTES } from '../messages/envelope.js';
import type { WorkQueue } from '../messages/routing.js';
import type { BusObserver } from './bus-observer.js';
import { createTopology, type Topology } from './topology.js';

export interface AmqpBusOptions {
  /** e.g. `amqp://guest:guest@127.0.0.1:5672`; a `heartbeat` query parameter wins over `heartbeatSeconds`. */
  readonly url: string;
  readonly logger: Logger;
  /** Topology name prefix (default `kelp`); tests use a unique one. */
  readonly prefix?: string;
  /** Work queues to declare (default: all). */
  readonly queues?: readonly WorkQueue[];
  /** Quorum `x-delivery-limit` of every work queue (default 5). */
  readonly deliveryLimit?: number;
  readonly delayTiersMs?: readonly number[];
  /** Bodies larger than this are dead-lettered unread (default `MAX_MESSAGE_BYTES`). */
  readonly maxMessageBytes?: number;
  /** Shown by `rabbitmqctl list_connections`; the two connections get `/pub` and `/sub` appended. */
  readonly connectionName?: string;
  /** Also bounds how long a publish waits for a connection (default 10 s). */
  readonly confirmTimeoutMs?: number;
  /** Unconfirmed publishes at once per channel (default 1000). */
  readonly maxInFlightPublishes?: number;
  readonly heartbeatSeconds?: number;
  /** Reconnect backoff (defaults 100 ms doubling up to 5 s). */
  readonly reconnectInitialDelayMs?: number;
  readonly reconnectMaxDelayMs?: number;
  /** Connection attempts before `start()` gives up (default 5); once connected it retries forever. */
  readonly startRetries?: number;
  readonly observer?: BusObserver;
  /**
   * Declare the topology on every connect (default true). False where the broker was given the topology by a
   * definitions file and this user has no `configure` permission on it (least-privilege deployments).
   */
  readonly declareTopology?: boolean;
}

export interface AmqpBusSettings {
  readonly url: string;
  /** The URL without credentials, for log lines and error messages. */
  readonly safeUrl: string;
  readonly topology: Topology;
  readonly maxMessageBytes: number;
  readonly connectionName: string;
  readonly confirmTimeoutMs: number;
  readonly maxInFlightPublishes: number;
  readonly reconnectInitialDelayMs: number;
  readonly reconnectMaxDelayMs: number;
  readonly startRetries: number;
  readonly declareTopology: boolean;
}

/** Applies the documented defaults; throws AppError kind `config` listing what is invalid. */
export function resolveAmqpBusSettings(options: AmqpBusOptions): AmqpBusSettings {
  const problems: string[] = [];
  const positive = (name: string, value: number): number => {
    if (!Number.isInteger(value) || value <= 0) problems.push(`${name} must be a positive integer (got ${value})`);
    return value;
  };
  const settings = {
    url: withHeartbeat(options.url, positive('heartbeatSeconds', options.heartbeatSeconds ?? 10)),
    safeUrl: redactUrl(options.url),
    topology: createTopology({
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      ...(options.queues === undefined ? {} : { queues: options.queues }),
      ...(options.deliveryLimit === undefined ? {} : { deliveryLimit: options.deliveryLimit }),
      ...(options.delayTiersMs === undefined ? {} : { delayTiersMs: options.delayTiersMs }),
    }),
    maxMessageBytes: positive('maxMessageBytes', options.maxMessageBytes ?? MAX_MESSAGE_BYTES),
    connectionName: options.connectionName ?? 'kelp',
    confirmTimeoutMs: positive('confirmTimeoutMs', options.confirmTimeoutMs ?? 10_000),
    maxInFlightPublishes: positive('maxInFlightPublishes', options.maxInFlightPublishes ?? 1000),
    reconnectInitialDelayMs: positive('reconnectInitialDelayMs', options.reconnectInitialDelayMs ?? 100),
    reconnectMaxDelayMs: positive('reconnectMaxDelayMs', options.reconnectMaxDelayMs ?? 5_000),
    startRetries: options.startRetries ?? 5,
    declareTopology: options.declareTopology ?? true,
  };
  if (!Number.isInteger(settings.startRetries) || settings.startRetries < 0) {
    problems.push(`startRetries must be a non-negative integer (got ${settings.startRetries})`);
  }
  if (problems.length > 0) throw new AppError('config', `invalid bus options: ${problems.join('; ')}`);
  return settings;
}

/** Adds `heartbeat=<s>` unless the URL already sets one. Non-URL strings are returned unchanged. */
export function withHeartbeat(url: string, heartbeatSeconds: number): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.searchParams.has('heartbeat')) return url;
  parsed.searchParams.set('heartbeat', String(heartbeatSeconds));
  return parsed.toString();
}

/** `amqp://guest:guest@host:5672/vh` → `amqp://host:5672/vh`: safe for logs and error messages. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return '(unparseable AMQP URL)';
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  return parsed.toString();
}

/** Prefetch must be 1..65535: 0 would mean unbounded, which floods the event loop. */
export function checkPrefetch(prefetch: number): number {
  if (!Number.isInteger(prefetch) || prefetch < 1 || prefetch > 65_535) {
    throw new AppError('config', `prefetch must be an integer in 1..65535 (got ${prefetch})`);
  }
  return prefetch;
}
