import { MemoryBroker, type DeadLetter } from '../../../shared/amqp/memory-broker.js';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import type { Bus } from '../../../shared/amqp/bus.js';
import type { WorkQueue } from '../../../shared/messages/routing.js';
import { registerBusContract, type BusHarness } from '../../contract/bus-contract.js';
import { FakeScheduler } from '../../fakes/fake-scheduler.js';
import { RecordingLogger } from '../../fakes/recording-logger.js';

const DELIVERY_LIMIT = 2;
const MAX_MESSAGE_BYTES = 64 * 1024;

async function createMemoryHarness(): Promise<BusHarness> {
  const scheduler = new FakeScheduler();
  const broker = new MemoryBroker({ deliveryLimit: DELIVERY_LIMIT, delayTiersMs: [100, 500, 1_000], scheduler });
  const logger = new RecordingLogger();
  const buses: MemoryBus[] = [];
  const newBus = async (): Promise<MemoryBus> => {
    const bus = new MemoryBus({ broker, logger, maxMessageBytes: MAX_MESSAGE_BYTES });
    await bus.start();
    buses.push(bus);
    return bus;
  };
  const main = await newBus();
  const taken = new Map<WorkQueue, number>();
  const nextDeadLetter = (queue: WorkQueue): Promise<{ reason: string; body: Buffer }> =>
    new Promise((resolve) => {
      const take = (): boolean => {
        const index = taken.get(queue) ?? 0;
        const letter: DeadLetter | undefined = broker.deadLetters(queue)[index];
        if (letter === undefined) return false;
        taken.set(queue, index + 1);
        resolve({ reason: letter.reason, body: letter.body });
        return true;
      };
      if (take()) return;
      const unsubscribe = broker.onDeadLetter(() => {
        if (take()) unsubscribe();
      });
    });
  return {
    bus: main,
    deliveryLimit: DELIVERY_LIMIT,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    peer: newBus,
    kill: (bus: Bus) => (bus as MemoryBus).abort(),
    publishRaw: (queue, body) => main.publishRaw(queue, body),
    nextDeadLetter,
    dropConnection: () => Promise.resolve(main.dropConnection()),
    clock: { now: () => scheduler.now(), advance: (ms) => scheduler.advance(ms) },
    dispose: async () => {
      await Promise.all(buses.map((bus) => bus.close(0)));
      broker.close();
    },
  };
}

registerBusContract('memory bus', createMemoryHarness);
