/**
 * Benchmark `lb-steps`: LB steps per second through RabbitMQ, the simulator at zero latency (a child
 * process; CLBs never immutable), against raw amqplib RPC round trips per second with the same number of
 * requests in flight, measured in the same run (before and after; their mean is the baseline). Target:
 * ratio >= 0.5.
 *
 * Workload, CONCURRENCY requesters: half add their own node to one of CLB_COUNT load balancers and
 * remove it again by the id the add answered; half add their own server to the tenant's RCv3 pool and
 * remove it again. A step counts when its reply arrives. The baseline is the same request/reply
 * pattern with raw amqplib: direct reply-to, a server that replies and acks, no bus, no HTTP.
 * Also reported (no target): the bus's own RPC rate with an echo handler, the ceiling for any service
 * answering on the bus; and raw amqplib RPC with the bus's durability (quorum queue, persistent mandatory
 * publishes, confirms, ack after the reply is confirmed), the ceiling the broker itself sets for it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { connect } from 'amqplib';
import { AmqpBus } from '../../shared/amqp/amqp-bus.js';
import { createLogger } from '../../shared/logging/create-logger.js';
import { buildChildEnvelope, buildEnvelope } from '../../shared/messages/envelope.js';
import { QUEUES } from '../../shared/messages/routing.js';
import type { LbStep } from '../../shared/steps/step.js';
import type { StepResult } from '../../shared/steps/step-result.js';
import { benchResult, type BenchCase, type BenchResult } from '../bench-case.js';
import { AMQP_URL, startLbBenchStack, type LbBenchStack } from './lb-bench-stack.js';

const CONCURRENCY = 64;
const CLB_COUNT = 4;
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;
const PAYLOAD = JSON.stringify({ pad: 'x'.repeat(400) });

type Worker = (index: number, running: () => boolean, count: () => void) => Promise<void>;

/** Runs `worker` CONCURRENCY times in parallel for warm-up + measurement; completions per second. */
async function rate(worker: Worker): Promise<number> {
  let counted = 0;
  const startAt = Date.now() + WARMUP_MS;
  const stopAt = startAt + MEASURE_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, index) =>
      worker(
        index,
        () => Date.now() < stopAt,
        () => {
          const now = Date.now();
          if (now >= startAt && now < stopAt) counted += 1;
        },
      ),
    ),
  );
  return counted / (MEASURE_MS / 1000);
}

/**
 * Raw amqplib RPC round trips per second (noDelay, direct reply-to, server acks after replying). `durable`:
 * with the bus's guarantees instead — a quorum queue, persistent mandatory publishes on confirm channels,
 * the server acking once its reply is confirmed — what any service on this broker can reach at most.
 */
export async function rawRpcRate(durable = false): Promise<number> {
  const server = await connect(AMQP_URL, { noDelay: true });
  const client = await connect(AMQP_URL, { noDelay: true });
  const queue = `bench-raw-rpc-${randomBytes(5).toString('hex')}`;
  const setup = await server.createChannel();
  try {
    const serverChannel = durable ? await server.createConfirmChannel() : await server.createChannel();
    await setup.assertQueue(
      queue,
      durable ? { durable: true, arguments: { 'x-queue-type': 'quorum' } } : { exclusive: true, durable: false },
    );
    await serverChannel.prefetch(100);
    await serverChannel.consume(queue, (message) => {
      if (message === null) return;
      const reply = { correlationId: message.properties.correlationId as string, persistent: durable };
      const replyTo = message.properties.replyTo as string;
      if ('waitForConfirms' in serverChannel) {
        serverChannel.sendToQueue(replyTo, message.content, reply, () => serverChannel.ack(message));
      } else {
        serverChannel.sendToQueue(replyTo, message.content, reply);
        serverChannel.ack(message);
      }
    });
    const channel = durable ? await client.createConfirmChannel() : await client.createChannel();
    const waiting = new Map<string, () => void>();
    await channel.consume(
      'amq.rabbitmq.reply-to',
      (message) => {
        const id = message?.properties.correlationId as string | undefined;
        const resolve = id === undefined ? undefined : waiting.get(id);
        if (id !== undefined) waiting.delete(id);
        resolve?.();
      },
      { noAck: true },
    );
    const publish = { replyTo: 'amq.rabbitmq.reply-to', persistent: durable, mandatory: durable };
    let sequence = 0;
    return await rate(async (_index, running, count) => {
      while (running()) {
        const id = String(++sequence);
        const replied = new Promise<void>((resolve) => waiting.set(id, resolve));
        channel.sendToQueue(queue, Buffer.from(PAYLOAD), { ...publish, correlationId: id });
        await replied;
        count();
      }
    });
  } finally {
    await setup.deleteQueue(queue).catch(() => undefined);
    await client.close();
    await server.close();
  }
}

/** The bus's RPC rate with a handler that only replies: what any service on the bus can reach at most. */
export async function busEchoRate(): Promise<number> {
  const logger = createLogger({ service: 'bench-lb', level: 'error', format: 'json', stream: new PassThrough() });
  const prefix = `bench-lb-echo-${randomBytes(5).toString('hex')}`;
  const options = { url: AMQP_URL, logger, prefix, queues: [QUEUES.lbSteps], startRetries: 1 };
  const server = new AmqpBus({ ...options, connectionName: `${prefix}-server` });
  const client = new AmqpBus({ ...options, connectionName: `${prefix}-client` });
  await server.start();
  await client.start();
  const consumer = await server.consume(
    QUEUES.lbSteps,
    async (envelope, ctx) => {
      await ctx.reply(buildChildEnvelope(envelope, { type: 'echo', payload: {} }, randomUUID(), new Date()));
      return { action: 'ack' };
    },
    { prefetch: 100 },
  );
  try {
    return await rate(async (_index, running, count) => {
      while (running()) {
        const envelope = buildEnvelope(
          { type: 'echo', tenantId: 't', jobId: randomUUID(), payload: { pad: 'x'.repeat(300) } },
          randomUUID(),
          new Date(),
        );
        await client.call(QUEUES.lbSteps, envelope, { timeoutMs: 30_000 });
        count();
      }
    });
  } finally {
    await consumer.stop(5000);
    await client.close(5000);
    await server.close(5000);
    const connection = await connect(AMQP_URL);
    const channel = await connection.createChannel();
    for (const queue of server.topology.queueDeclarations) await channel.deleteQueue(queue.name);
    for (const exchange of server.topology.exchangeDeclarations) await channel.deleteExchange(exchange.name);
    await connection.close();
  }
}

function createdId(result: StepResult, key: 'id'): string {
  const nodes = result.output?.['nodes'];
  const id = Array.isArray(nodes) ? (nodes[0] as Record<string, unknown> | undefined)?.[key] : undefined;
  if (typeof id !== 'string') throw new Error(`add answered without a node id: ${JSON.stringify(result)}`);
  return id;
}

/** LB steps per second with the mixed CLB / RCv3 workload. */
export async function lbStepRate(stack: LbBenchStack): Promise<number> {
  const lbIds: string[] = [];
  for (let i = 0; i < CLB_COUNT; i += 1) lbIds.push(await stack.seedClb());
  const poolId = await stack.seedPool();
  const servers = await stack.createServers(CONCURRENCY / 2);
  return rate(async (index, running, count) => {
    const half = CONCURRENCY / 2;
    if (index < half) {
      const lbId = lbIds[index % CLB_COUNT] ?? '';
      const node = { address: `10.${Math.floor(index / 250)}.${index % 250}.1`, port: 80 };
      while (running()) {
        const add: LbStep = { type: 'AddNodesToCLB', lbId, nodes: [node] };
        const id = createdId(await stack.step(add), 'id');
        count();
        await stack.step({ type: 'RemoveNodesFromCLB', lbId, nodeIds: [id] });
        count();
      }
      return;
    }
    const pairs = [{ poolId, serverId: servers[index - half] ?? '' }];
    while (running()) {
      await stack.step({ type: 'BulkAddToRCv3', pairs });
      count();
      await stack.step({ type: 'BulkRemoveFromRCv3', pairs });
      count();
    }
  });
}

export const lbStepsCase: BenchCase = {
  name: 'lb-steps',
  description: `LB steps/s through RabbitMQ (simulator at zero latency, ${CONCURRENCY} in flight) vs raw amqplib RPC`,
  async run(): Promise<readonly BenchResult[]> {
    const before = await rawRpcRate();
    // The simulator's CLBs never become immutable here, so the service is told not to expect a settle period.
    const stack = await startLbBenchStack({
      simEnv: { SIM_CLB_IMMUTABLE_MS: '0', SIM_LATENCY_MS: '0' },
      lbEnv: { LB_CLB_SETTLE_MS: '0' },
    });
    let value: number;
    try {
      value = await lbStepRate(stack);
    } finally {
      await stack.close();
    }
    const echo = await busEchoRate();
    const durable = await rawRpcRate(true);
    const after = await rawRpcRate();
    const baseline = (before + after) / 2;
    const steps = benchResult({
      case: 'lb-steps',
      metric: 'steps-per-second',
      value: Math.round(value),
      unit: 'steps/s',
      baseline: Math.round(baseline),
      target: 'ratio >= 0.5',
      pass: false,
    });
    return [
      { ...steps, pass: steps.ratio !== null && steps.ratio >= 0.5 },
      benchResult({
        case: 'lb-steps',
        metric: 'bus-echo-rpc-per-second',
        value: Math.round(echo),
        unit: 'calls/s',
        baseline: Math.round(baseline),
        target: 'informational (ceiling of any bus service)',
        pass: true,
      }),
      benchResult({
        case: 'lb-steps',
        metric: 'raw-durable-rpc-per-second',
        value: Math.round(durable),
        unit: 'calls/s',
        baseline: Math.round(baseline),
        target: "informational (raw amqplib with the bus's quorum queue, persistence and confirms)",
        pass: true,
      }),
    ];
  },
};
