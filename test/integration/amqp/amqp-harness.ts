import { randomBytes } from 'node:crypto';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import type { AmqpBusOptions } from '../../../shared/amqp/amqp-bus-options.js';
import type { Bus } from '../../../shared/amqp/bus.js';
import { deleteTopology } from '../../../shared/amqp/delete-topology.js';
import { deadLetterReasonOf } from '../../../shared/amqp/message-properties.js';
import { workQueueNames, type Topology } from '../../../shared/amqp/topology.js';
import type { WorkQueue } from '../../../shared/messages/routing.js';
import type { BusHarness } from '../../contract/bus-contract.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

export const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface AmqpHarness extends BusHarness {
  readonly bus: AmqpBus;
  readonly topology: Topology;
  readonly logger: RecordingLogger;
  /** A plain amqplib confirm channel on its own connection, for looking behind the bus. */
  readonly admin: ConfirmChannel;
}

type DeadLetterRecord = { readonly reason: string; readonly body: Buffer };

/**
 * A started AmqpBus on a private copy of the topology (unique prefix), plus an admin connection to
 * publish raw bytes and read DLQs. `dispose` closes everything and deletes every queue and exchange.
 */
export async function createAmqpHarness(overrides: Partial<AmqpBusOptions> = {}): Promise<AmqpHarness> {
  const prefix = `test-${randomBytes(5).toString('hex')}`;
  const logger = new RecordingLogger();
  const base: AmqpBusOptions = {
    url: AMQP_URL,
    logger,
    prefix,
    deliveryLimit: 2,
    delayTiersMs: [100, 500, 1_000],
    maxMessageBytes: 64 * 1024,
    confirmTimeoutMs: 5_000,
    reconnectInitialDelayMs: 50,
    reconnectMaxDelayMs: 1_000,
    startRetries: 0,
    ...overrides,
  };
  const buses: AmqpBus[] = [];
  const newBus = async (name: string): Promise<AmqpBus> => {
    const bus = new AmqpBus({ ...base, connectionName: `${prefix}-${name}` });
    buses.push(bus);
    await bus.start();
    return bus;
  };
  const main = await newBus('main');
  const topology = main.topology;
  const adminConnection: ChannelModel = await connect(AMQP_URL, {
    noDelay: true,
    clientProperties: { connection_name: `${prefix}-admin` },
  });
  adminConnection.on('error', () => undefined);
  const admin = await adminConnection.createConfirmChannel();
  admin.on('error', () => undefined);

  const letters = new Map<WorkQueue, DeadLetterRecord[]>();
  const waiters = new Map<WorkQueue, Array<(letter: DeadLetterRecord) => void>>();
  const readDeadLetters = async (queue: WorkQueue): Promise<void> => {
    if (letters.has(queue)) return;
    letters.set(queue, []);
    await admin.consume(workQueueNames(topology, queue).deadLetterQueue, (message) => {
      if (message === null) return;
      admin.ack(message);
      const letter = { reason: deadLetterReasonOf(message.properties.headers), body: message.content };
      const waiter = waiters.get(queue)?.shift();
      if (waiter === undefined) letters.get(queue)?.push(letter);
      else waiter(letter);
    });
  };
  let peers = 0;
  return {
    bus: main,
    topology,
    logger,
    admin,
    deliveryLimit: base.deliveryLimit ?? 5,
    maxMessageBytes: base.maxMessageBytes ?? 0,
    peer: () => newBus(`peer${(peers += 1)}`),
    kill: (bus: Bus) => (bus as AmqpBus).abort(),
    publishRaw: async (queue, body) => {
      const names = workQueueNames(topology, queue);
      admin.publish(names.queue, names.queue, body, { persistent: true, mandatory: true });
      await admin.waitForConfirms();
    },
    nextDeadLetter: async (queue) => {
      await readDeadLetters(queue);
      const ready = letters.get(queue)?.shift();
      if (ready !== undefined) return ready;
      return new Promise<DeadLetterRecord>((resolve) => waiters.set(queue, [...(waiters.get(queue) ?? []), resolve]));
    },
    dropConnection: () => Promise.resolve(main.simulateConnectionLoss()),
    clock: { now: () => Date.now(), advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    dispose: async () => {
      // Best effort at every step: a failed test must still leave no queues behind.
      await Promise.all(buses.map((bus) => bus.close(1_000).catch(() => bus.abort())));
      await deleteTopology(adminConnection, topology).finally(() => adminConnection.close().catch(() => undefined));
    },
  };
}
