import { connect, type ChannelModel, type RecoveringChannelModel } from 'amqplib';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';

export interface RecoveringConnectionOptions {
  readonly url: string;
  /** The URL without credentials, for the error when the broker cannot be reached. */
  readonly safeUrl: string;
  /** `connection_name` client property. */
  readonly name: string;
  readonly reconnectInitialDelayMs: number;
  readonly reconnectMaxDelayMs: number;
  /** Attempts before the first connection counts as failed; once connected it retries forever. */
  readonly startRetries: number;
  readonly logger: Logger;
  /** Runs on every connect before the connection is used: declare topology, open channels, consume. */
  readonly setup: (model: ChannelModel) => Promise<void>;
  readonly onConnected: () => void;
  /** `event`: `connection-lost` (was up) or `connect-failed` (an attempt or its setup failed). */
  readonly onDisconnected: (event: 'connection-lost' | 'connect-failed', error: Error) => void;
}

export interface RecoveringConnection {
  readonly connection: RecoveringChannelModel;
  /** Resolves on the first connection; rejects with AppError `unavailable` naming AMQP_URL. */
  readonly connected: Promise<void>;
}

/**
 * One amqplib connection with its built-in `recovery` (capped exponential backoff with jitter),
 * `noDelay` (Nagle off: a publish-then-ack process otherwise drops to ~45 round trips/s), and a listener
 * on every event, `error` included, so nothing it emits can crash the process.
 */
export async function openRecoveringConnection(options: RecoveringConnectionOptions): Promise<RecoveringConnection> {
  const log = options.logger;
  const connection = await connect(options.url, {
    noDelay: true,
    clientProperties: { connection_name: options.name },
    recovery: {
      initialDelay: options.reconnectInitialDelayMs,
      maxDelay: options.reconnectMaxDelayMs,
      initialMaxRetries: options.startRetries,
      waitForConnect: false,
      setup: async (model: ChannelModel) => {
        model.on('error', () => undefined); // errors during setup surface as the setup's rejection
        await options.setup(model);
      },
    },
  });
  connection.on('error', (error: Error) => log.warn('connection-error', { error: error.message }));
  connection.on('handler-error', (error: Error, event: string) =>
    log.error('listener-failed', { event, error: error.message }),
  );
  connection.on('blocked', (reason: string) => log.warn('connection-blocked', { reason }));
  connection.on('unblocked', () => log.info('connection-unblocked'));
  connection.on('connect', () => options.onConnected());
  connection.on('disconnect', (error: Error) => options.onDisconnected('connection-lost', error));
  connection.on('connect-failed', (error: Error) => options.onDisconnected('connect-failed', error));
  connection.on('reconnect-scheduled', (info: { attempt: number; delay: number }) =>
    log.info('reconnect-scheduled', { attempt: info.attempt, delayMs: info.delay }),
  );
  connection.on('reconnect-failed', (error: Error) => log.error('reconnect-gave-up', { error: error.message }));
  const connected = connection.waitForConnect().then(
    () => undefined,
    (error: unknown) => {
      throw AppError.retryable('unavailable', `cannot connect to the broker at ${options.safeUrl} (AMQP_URL)`, {
        cause: error,
      });
    },
  );
  connected.catch(() => undefined); // the caller awaits it; never an unhandled rejection
  return { connection, connected };
}
