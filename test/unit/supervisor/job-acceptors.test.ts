import { randomUUID } from 'node:crypto';
import test from 'ava';
import { Registry } from 'prom-client';
import { loadSupervisorConfig } from '../../../services/supervisor/src/config.js';
import { startSupervisorService } from '../../../services/supervisor/src/service.js';
import type { MessageHandler } from '../../../shared/amqp/bus.js';
import { MemoryBus } from '../../../shared/amqp/memory-bus.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import { FakeNova } from './fake-nova.js';

test('a job type with its own acceptor (converge-group) is routed to it, not refused', async (t) => {
  const logger = createSilentLogger();
  const bus = new MemoryBus({ logger });
  await bus.start();
  let received: (envelope: Envelope) => void = () => undefined;
  const accepted = new Promise<Envelope>((resolve) => (received = resolve));
  const acceptJob: MessageHandler = (envelope) => {
    received(envelope);
    return Promise.resolve({ action: 'ack' });
  };
  const nova = new FakeNova();
  const supervisor = await startSupervisorService(
    {
      logger,
      bus,
      registry: new Registry(),
      health: { addCheck: () => undefined },
      clock: () => new Date(),
      newId: randomUUID,
    },
    loadSupervisorConfig({}),
    { request: nova.request, acceptors: { 'job.converge-group': acceptJob } },
  );
  t.teardown(async () => {
    await supervisor.stop(1000);
    await bus.close(1000);
  });
  await bus.publish(
    QUEUES.supervisorJobs,
    buildEnvelope({ type: 'job.converge-group', tenantId: 't1', jobId: 'c1', payload: { any: 1 } }, 'm1', new Date()),
  );
  t.is((await accepted).jobId, 'c1');
  t.deepEqual(bus.broker.deadLetters(QUEUES.supervisorJobs), []);
  t.deepEqual(nova.requests, []);
});
