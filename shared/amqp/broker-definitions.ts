import { createHash } from 'node:crypto';
import { BROKER_ROLES, brokerPermissionsFor, type BrokerRole } from './broker-permissions.js';
import type { Topology } from './topology.js';

/**
 * A RabbitMQ definitions document (the broker's `load_definitions`) for a dedicated vhost: one user per Kelp
 * role with least-privilege permissions (broker-permissions.ts) and the whole topology, so services can run
 * with AMQP_DECLARE_TOPOLOGY=false. Pure: same inputs, same document.
 */
export interface BrokerUser {
  readonly role: BrokerRole;
  readonly name: string;
  readonly password: string;
}

/** RabbitMQ's `rabbit_password_hashing_sha256`: base64(salt ‖ sha256(salt ‖ password)); the salt is given. */
export function rabbitPasswordHash(password: string, salt: Buffer): string {
  const digest = createHash('sha256')
    .update(Buffer.concat([salt, Buffer.from(password, 'utf8')]))
    .digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

/** A deterministic 4-byte salt per user name, so the generated file is reproducible. */
export function saltFor(name: string): Buffer {
  return createHash('sha256').update(`kelp-salt:${name}`).digest().subarray(0, 4);
}

/** An operator account (management UI, `rabbitmqctl`-free inspection); a broker that loads definitions creates no guest. */
export interface BrokerAdmin {
  readonly name: string;
  readonly password: string;
}

export function buildBrokerDefinitions(
  topology: Topology,
  vhost: string,
  users: readonly BrokerUser[],
  admin: BrokerAdmin,
): object {
  const userEntry = (name: string, password: string, tags: readonly string[]) => ({
    name,
    password_hash: rabbitPasswordHash(password, saltFor(name)),
    hashing_algorithm: 'rabbit_password_hashing_sha256',
    tags,
    limits: {},
  });
  return {
    rabbit_version: '3.10.8',
    users: [
      userEntry(admin.name, admin.password, ['administrator']),
      ...users.map((u) => userEntry(u.name, u.password, [])),
    ],
    vhosts: [{ name: vhost }],
    permissions: [
      { user: admin.name, vhost, configure: '.*', write: '.*', read: '.*' },
      ...users.map((user) => ({ user: user.name, vhost, ...brokerPermissionsFor(user.role, topology) })),
    ],
    exchanges: topology.exchangeDeclarations.map((exchange) => ({
      name: exchange.name,
      vhost,
      type: exchange.type,
      durable: true,
      auto_delete: false,
      internal: false,
      arguments: {},
    })),
    queues: topology.queueDeclarations.map((queue) => ({
      name: queue.name,
      vhost,
      durable: true,
      auto_delete: false,
      arguments: queue.options.arguments,
    })),
    bindings: topology.bindings.map((binding) => ({
      source: binding.exchange,
      vhost,
      destination: binding.queue,
      destination_type: 'queue',
      routing_key: binding.pattern,
      arguments: binding.args,
    })),
  };
}

export const DEV_BROKER_ADMIN: BrokerAdmin = { name: 'kelp-admin', password: 'kelp-admin-dev' };

/** The development users of the compose stack (passwords are for local use only; set your own elsewhere). */
export const DEV_BROKER_USERS: readonly BrokerUser[] = BROKER_ROLES.map((role) => ({
  role,
  name: `kelp-${role}`,
  password: `kelp-${role}-dev`,
}));
