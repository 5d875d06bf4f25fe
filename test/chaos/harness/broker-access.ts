import { randomBytes } from 'node:crypto';
import * as ctl from './rabbitmqctl.js';

/**
 * Where a scenario's processes connect. With rabbitmqctl (root on the broker's machine) every scenario gets
 * its own vhost and user with a random password: its processes can be cut off from the broker without
 * touching anyone else's connections, the password is a real secret for the scan, and deleting the vhost
 * removes everything it declared. Without rabbitmqctl the scenario shares AMQP_URL's vhost under its own
 * namespace, and broker outages cannot be simulated.
 */
export interface BrokerAccess {
  /** The URL services connect with (contains the password: never log it). */
  readonly url: string;
  /** The URL with the password masked, for reports. */
  readonly displayUrl: string;
  readonly vhost: string | null;
  readonly user: string | null;
  readonly password: string | null;
  readonly canDropConnections: boolean;
  /** Closes every connection to the scenario's vhost. */
  dropConnections(reason: string): Promise<void>;
  /** Deletes the vhost and user (if any). */
  cleanup(): Promise<void>;
}

export function maskUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]+@/, '//$1:***@');
}

function hostPart(baseUrl: string): string {
  const parsed = new URL(baseUrl);
  return `${parsed.hostname}:${parsed.port === '' ? '5672' : parsed.port}`;
}

export async function openBrokerAccess(name: string, baseUrl: string, useCtl: boolean): Promise<BrokerAccess> {
  if (!useCtl) {
    return {
      url: baseUrl,
      displayUrl: maskUrl(baseUrl),
      vhost: null,
      user: null,
      password: null,
      canDropConnections: false,
      dropConnections: () => Promise.reject(new Error('dropping connections needs rabbitmqctl')),
      cleanup: () => Promise.resolve(),
    };
  }
  const vhost = name;
  const user = name;
  const password = randomBytes(18).toString('base64url');
  await ctl.addVhost(vhost);
  try {
    await ctl.addUser(user, password);
    await ctl.setPermissions(vhost, user, { configure: '.*', write: '.*', read: '.*' });
  } catch (error) {
    await ctl.deleteUser(user);
    await ctl.deleteVhost(vhost);
    throw error;
  }
  const url = `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${hostPart(baseUrl)}/${encodeURIComponent(vhost)}`;
  return {
    url,
    displayUrl: maskUrl(url),
    vhost,
    user,
    password,
    canDropConnections: true,
    dropConnections: async (reason) => {
      await ctl.closeVhostConnections(vhost, reason);
    },
    cleanup: async () => {
      await ctl.deleteVhost(vhost);
      await ctl.deleteUser(user);
    },
  };
}
