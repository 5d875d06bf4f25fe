import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const BASE_AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface TestVhost {
  readonly name: string;
  /** BASE_AMQP_URL on this vhost. */
  readonly url: string;
  remove(): Promise<void>;
}

/**
 * A private RabbitMQ vhost (via rabbitmqctl on this machine): the supervisor tests run Kelp's default
 * topology names in it, so nothing collides with parallel runs, and deleting the vhost removes everything.
 * (A prefixed topology is not enough here: replies to a work queue go to the queue named in `replyTo`.)
 */
export async function createTestVhost(label: string): Promise<TestVhost> {
  const name = `kelp-it-${label}-${randomBytes(4).toString('hex')}`;
  const base = new URL(BASE_AMQP_URL);
  const user = decodeURIComponent(base.username) || 'guest';
  await run('rabbitmqctl', ['-q', 'add_vhost', name]);
  await run('rabbitmqctl', ['-q', 'set_permissions', '-p', name, user, '.*', '.*', '.*']);
  base.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    url: base.toString(),
    remove: async () => {
      await run('rabbitmqctl', ['-q', 'delete_vhost', name]);
    },
  };
}
