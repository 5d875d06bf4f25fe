import { connect } from 'amqplib';
import type { AccessProbes } from '../core/expected-access.js';

/**
 * Tries, as one broker user, every consume and publish its probes list, each on a fresh channel (a refusal
 * closes the channel with 403). Publishes use an unroutable routing key so nothing lands in a queue, except
 * the default-exchange probes, whose whole point is to land in another service's queue.
 */
export type ProbeOutcome = 'allowed' | 'refused' | 'error';

export interface ProbeResult {
  readonly action: 'consume' | 'publish' | 'default-exchange';
  readonly target: string;
  readonly expected: 'allowed' | 'refused';
  readonly outcome: ProbeOutcome;
  readonly detail: string;
}

const PROBE_KEY = 'chaos.permission-probe.unroutable';

function classify(error: unknown): { outcome: ProbeOutcome; detail: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { outcome: /ACCESS.REFUSED|403/.test(message) ? 'refused' : 'error', detail: message.slice(0, 200) };
}

export async function runProbes(url: string, probes: AccessProbes): Promise<ProbeResult[]> {
  const model = await connect(url, { timeout: 10_000 });
  model.on('error', () => undefined);
  const results: ProbeResult[] = [];
  const consume = async (queue: string): Promise<{ outcome: ProbeOutcome; detail: string }> => {
    const channel = await model.createChannel();
    let closedWith: unknown = null;
    channel.on('error', (error) => (closedWith = error));
    try {
      const { consumerTag } = await channel.consume(queue, () => undefined, { noAck: false });
      await channel.cancel(consumerTag);
      await channel.close();
      return { outcome: 'allowed', detail: '' };
    } catch (error) {
      return classify(closedWith ?? error);
    }
  };
  const publish = async (exchange: string, routingKey: string): Promise<{ outcome: ProbeOutcome; detail: string }> => {
    const channel = await model.createConfirmChannel();
    let closedWith: unknown = null;
    channel.on('error', (error) => (closedWith = error));
    try {
      await new Promise<void>((resolve, reject) => {
        channel.publish(
          exchange,
          routingKey,
          Buffer.from('{"chaos":"permission probe"}'),
          { persistent: false },
          (error: unknown) =>
            error === null || error === undefined
              ? resolve()
              : reject(error instanceof Error ? error : new Error('publish not confirmed')),
        );
      });
      await channel.close();
      return { outcome: 'allowed', detail: '' };
    } catch (error) {
      return classify(closedWith ?? error);
    }
  };
  try {
    for (const queue of probes.mayConsume)
      results.push({ action: 'consume', target: queue, expected: 'allowed', ...(await consume(queue)) });
    for (const queue of probes.mayNotConsume)
      results.push({ action: 'consume', target: queue, expected: 'refused', ...(await consume(queue)) });
    for (const exchange of probes.mayPublish)
      results.push({
        action: 'publish',
        target: exchange,
        expected: 'allowed',
        ...(await publish(exchange, PROBE_KEY)),
      });
    for (const exchange of probes.mayNotPublish)
      results.push({
        action: 'publish',
        target: exchange,
        expected: 'refused',
        ...(await publish(exchange, PROBE_KEY)),
      });
    for (const queue of probes.mayNotReachViaDefault) {
      results.push({ action: 'default-exchange', target: queue, expected: 'refused', ...(await publish('', queue)) });
    }
  } finally {
    await model.close().catch(() => undefined);
  }
  return results;
}
