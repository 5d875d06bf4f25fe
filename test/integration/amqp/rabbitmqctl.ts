import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Closes, from the broker side, only the connections whose `connection_name` is listed (other test
 * runs share the broker). Returns how many were closed. Uses the tab-separated listing, whose pids
 * (`<rabbit@host.N.N.N>`) are the form `close_connection` accepts.
 */
export async function closeConnectionsNamed(names: readonly string[], reason = 'test: forced close'): Promise<number> {
  const { stdout } = await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q']);
  const pids = stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([, properties]) => names.some((name) => properties?.includes(`{"connection_name","${name}"}`) === true))
    .map(([pid]) => pid ?? '');
  await Promise.all(pids.map((pid) => run('rabbitmqctl', ['close_connection', pid, reason, '-q'])));
  return pids.length;
}

/** Names of the queues in the default vhost that start with `prefix`. */
export async function queuesStartingWith(prefix: string): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', ['list_queues', 'name', '-q', '--no-table-headers']);
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((name) => name.startsWith(prefix));
}
