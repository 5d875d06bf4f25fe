/**
 * Benchmark `bus`: publish→consume messages/s through the AmqpBus at prefetch 100 (confirmed, persistent
 * ~1 KB envelopes, quorum work queue, at most WINDOW publishes awaiting their confirm) against raw
 * amqplib doing the same in the same run: same topology and envelopes, JSON-encoded per publish, a
 * confirm channel with a bounded window of per-message confirm callbacks, and a separate consuming
 * connection with prefetch 100 that parses each body as JSON and acks it. What the bus adds on top is its
 * own cost: envelope validation (zod), promise-per-publish API, retry/return/timeout bookkeeping.
 * Rounds alternate raw/bus; the median of each side is reported. Target: bus/raw >= 0.8.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, type ChannelModel } from 'amqplib';
import { AmqpBus } from '../../shared/amqp/amqp-bus.js';
import { declareTopology } from '../../shared/amqp/declare-topology.js';
import { deleteTopology } from '../../shared/amqp/delete-topology.js';
import { publishPropertiesOf } from '../../shared/amqp/message-properties.js';
import { createTopology, type Topology } from '../../shared/amqp/topology.js';
import type { Logger } from '../../shared/logging/logger.js';
import { buildEnvelope, type Envelope } from '../../shared/messages/envelope.js';
import { QUEUES } from '../../shared/messages/routing.js';
import { benchResult, type BenchCase, type BenchResult } from '../bench-case.js';

const AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
const MESSAGES = 5_000;
const PREFETCH = 100;
const WINDOW = 256;
const ROUNDS = 5;
const QUEUE = QUEUES.lbSteps;

const SILENT: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => SILENT,
};

function messages(count: number): Envelope[] {
  const payload = { pad: 'x'.repeat(760) };
  return Array.from({ length: count }, () =>
    buildEnvelope({ type: 'bench.step', tenantId: 'bench', jobId: 'bench-job', payload }, randomUUID(), new Date()),
  );
}

/** Raw amqplib: confirm channel with a bounded window of confirm callbacks; consumer acks each message. */
async function rawRound(topology: Topology, batch: readonly Envelope[]): Promise<Round> {
  const queue = topology.workQueues[0]?.queue ?? '';
  const publisher = await connect(AMQP_URL, { noDelay: true });
  const consumer = await connect(AMQP_URL, { noDelay: true });
  try {
    const consumeChannel = await consumer.createChannel();
    await consumeChannel.prefetch(PREFETCH);
    let consumed = 0;
    let allConsumed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allConsumed = resolve));
    await consumeChannel.consume(queue, (message) => {
      if (message === null) return;
      JSON.parse(message.content.toString('utf8'));
      consumeChannel.ack(message);
      consumed += 1;
      if (consumed === batch.length) allConsumed();
    });
    const channel = await publisher.createConfirmChannel();
    const clock = startClock();
    await new Promise<void>((resolve, reject) => {
      let sent = 0;
      let confirmed = 0;
      const pump = (): void => {
        while (sent < batch.length && sent - confirmed < WINDOW) {
          const next = batch[sent];
          sent += 1;
          if (next === undefined) continue;
          const body = Buffer.from(JSON.stringify(next), 'utf8');
          channel.publish(queue, queue, body, publishPropertiesOf(next), (error: unknown) => {
            if (error !== null && error !== undefined)
              return reject(error instanceof Error ? error : new Error('raw publish failed'));
            confirmed += 1;
            if (confirmed === batch.length) resolve();
            else pump();
          });
        }
      };
      pump();
    });
    await done;
    return clock.stop(batch.length);
  } finally {
    await publisher.close().catch(() => undefined);
    await consumer.close().catch(() => undefined);
  }
}

/** The bus: WINDOW concurrent `publish` loops (each awaits its confirm), a prefetch-100 consumer that acks. */
async function busRound(prefix: string, batch: readonly Envelope[]): Promise<Round> {
  const bus = new AmqpBus({ url: AMQP_URL, logger: SILENT, prefix, queues: [QUEUE], connectionName: `${prefix}-bus` });
  await bus.start();
  try {
    let consumed = 0;
    let allConsumed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (allConsumed = resolve));
    await bus.consume(
      QUEUE,
      () => {
        consumed += 1;
        if (consumed === batch.length) allConsumed();
        return Promise.resolve({ action: 'ack' });
      },
      { prefetch: PREFETCH },
    );
    const clock = startClock();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length) {
        const envelope = batch[next];
        next += 1;
        if (envelope !== undefined) await bus.publish(QUEUE, envelope);
      }
    };
    await Promise.all(Array.from({ length: WINDOW }, worker));
    await done;
    return clock.stop(batch.length);
  } finally {
    await bus.close(5_000);
  }
}

interface Round {
  /** Messages per second, first publish to last consume. */
  readonly rate: number;
  /** CPU time of this process (publisher and consumer) per message, in µs. */
  readonly cpuUs: number;
}

function startClock(): { stop(messages: number): Round } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  return {
    stop: (messages) => {
      const used = process.cpuUsage(cpu);
      return {
        rate: messages / ((performance.now() - started) / 1000),
        cpuUs: (used.user + used.system) / messages,
      };
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export const busBenchCase: BenchCase = {
  name: 'bus',
  description: `publish→consume msg/s, ${MESSAGES} confirmed 1 KB messages, quorum queue, prefetch ${PREFETCH}: bus vs raw amqplib`,
  async run(): Promise<readonly BenchResult[]> {
    const prefix = `bench-bus-${randomBytes(5).toString('hex')}`;
    const rawTopology = createTopology({ prefix: `${prefix}-raw`, queues: [QUEUE] });
    const busTopology = createTopology({ prefix, queues: [QUEUE] });
    const admin: ChannelModel = await connect(AMQP_URL, { noDelay: true });
    admin.on('error', () => undefined);
    const raw: Round[] = [];
    const bus: Round[] = [];
    try {
      await declareTopology(admin, rawTopology);
      await rawRound(rawTopology, messages(500)); // warm-up: JIT, queue leader, connection setup paths
      await busRound(prefix, messages(500));
      for (let round = 0; round < ROUNDS; round += 1) {
        raw.push(await rawRound(rawTopology, messages(MESSAGES)));
        bus.push(await busRound(prefix, messages(MESSAGES)));
      }
    } finally {
      await deleteTopology(admin, rawTopology).catch(() => undefined);
      await deleteTopology(admin, busTopology).catch(() => undefined);
      await admin.close().catch(() => undefined);
    }
    const show = (rounds: readonly Round[]): string =>
      rounds.map((r) => `${Math.round(r.rate)}/s ${r.cpuUs.toFixed(0)}µs`).join(', ');
    process.stderr.write(`bus rounds: raw ${show(raw)}; bus ${show(bus)}\n`);
    const value = Math.round(median(bus.map((r) => r.rate)));
    const baseline = Math.round(median(raw.map((r) => r.rate)));
    const cpu = Number(median(bus.map((r) => r.cpuUs)).toFixed(1));
    const cpuBaseline = Number(median(raw.map((r) => r.cpuUs)).toFixed(1));
    return [
      benchResult({
        case: 'bus',
        metric: 'publish-consume-rate',
        value,
        unit: 'msg/s',
        baseline,
        target: 'ratio >= 0.8',
        pass: baseline > 0 && value / baseline >= 0.8,
      }),
      // Less sensitive to other load on the machine than the rate: what one message costs this process.
      benchResult({
        case: 'bus',
        metric: 'client-cpu-per-message',
        value: cpu,
        unit: 'µs',
        baseline: cpuBaseline,
        target: 'informational (lower is better)',
        pass: true,
      }),
    ];
  },
};
