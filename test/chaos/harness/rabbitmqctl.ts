import { execFile } from 'node:child_process';

/**
 * Thin wrappers over `rabbitmqctl` (the local node only). Each call has a timeout; arguments are passed
 * as an argv array, never through a shell. Passwords go to `add_user` on stdin-free argv, which is
 * visible to `ps` for an instant: acceptable for throw-away test users on a test broker.
 */
export interface CtlResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

const CTL = process.env['RABBITMQCTL'] ?? 'rabbitmqctl';

export function ctl(args: readonly string[], timeoutMs = 30_000): Promise<CtlResult> {
  return new Promise((resolve) => {
    execFile(CTL, ['-q', ...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: error === null, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function must(args: readonly string[], what: string, timeoutMs?: number): Promise<string> {
  const result = await ctl(args, timeoutMs);
  if (!result.ok) throw new Error(`rabbitmqctl ${what} failed: ${result.stderr.trim().slice(0, 500)}`);
  return result.stdout;
}

/** True when rabbitmqctl runs and can talk to the node (root, or the broker's Erlang cookie). */
export async function ctlAvailable(): Promise<boolean> {
  return (await ctl(['list_vhosts'], 10_000)).ok;
}

export const addVhost = (vhost: string): Promise<string> => must(['add_vhost', vhost], `add_vhost ${vhost}`);
export const deleteVhost = async (vhost: string): Promise<void> => {
  await ctl(['delete_vhost', vhost], 60_000);
};
export const addUser = (user: string, password: string): Promise<string> =>
  must(['add_user', user, password], `add_user ${user}`);
export const deleteUser = async (user: string): Promise<void> => {
  await ctl(['delete_user', user]);
};

export interface Permissions {
  readonly configure: string;
  readonly write: string;
  readonly read: string;
}

export const setPermissions = (vhost: string, user: string, p: Permissions): Promise<string> =>
  must(['set_permissions', '-p', vhost, user, p.configure, p.write, p.read], `set_permissions ${user}`);

/** Closes every client connection to one vhost (a broker outage as the run's processes see it). */
export const closeVhostConnections = (vhost: string, reason: string): Promise<string> =>
  must(['close_all_connections', '--vhost', vhost, '--limit', '10000', reason], 'close_all_connections');

export const stopApp = (): Promise<string> => must(['stop_app'], 'stop_app', 120_000);
export const startApp = (): Promise<string> => must(['start_app'], 'start_app', 120_000);

/** Connections per vhost, from `list_connections vhost`. */
export async function connectionCount(vhost: string): Promise<number> {
  const out = await must(['list_connections', 'vhost'], 'list_connections');
  return out.split('\n').filter((line) => line.trim() === vhost).length;
}
