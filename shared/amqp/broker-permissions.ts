import type { Topology } from './topology.js';

/**
 * Note [Broker permissions]: least-privilege RabbitMQ permissions per Kelp role, as data derived from the
 * topology (so a different namespace yields matching regexes). RabbitMQ checks `read` on the queue for
 * basic.consume and on the exchange for queue.bind, `write` on the exchange for basic.publish and on the
 * queue for queue.bind, and `configure` for declaring and deleting. Where the broker loads the topology
 * from the definitions file, services run with AMQP_DECLARE_TOPOLOGY=false and need `configure` only for
 * what they create at run time: their RPC reply queue (`<p>.reply.*`, exclusive), the supervisor's
 * group-lock and group-record queues (`<p>.lock.*`, `<p>.group.*`) and record exchange, and a producer's
 * server-named event queue (`amq.gen-*`).
 *
 * No role may write to `amq.default`: publishing there routes to any queue by name, whatever the
 * queue's own permissions, so a role holding it could inject jobs or steps. Replies go through
 * `<p>.replies` and group records through `<p>.group-records` instead (Note [RPC replies]). A requester
 * needs `read` on `<p>.replies` to bind its reply queue; it could also bind with another process's reply
 * queue name and see its replies — tokens it may ask the auth service for itself anyway.
 */
export type BrokerRole = 'auth' | 'load-balancer' | 'supervisor' | 'producer';

export const BROKER_ROLES: readonly BrokerRole[] = ['auth', 'load-balancer', 'supervisor', 'producer'];

export interface BrokerPermission {
  readonly configure: string;
  readonly write: string;
  readonly read: string;
}

const NOTHING = '^$';
const SERVER_NAMED = 'amq\\.gen-.*';

function escape(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

function anyOf(patterns: readonly string[]): string {
  return patterns.length === 0 ? NOTHING : `^(${patterns.join('|')})$`;
}

/** The permissions of one role on the topology's vhost. Pure. */
export function brokerPermissionsFor(role: BrokerRole, topology: Topology): BrokerPermission {
  const queue = (logical: string) => {
    const names = topology.workQueues.find((q) => q.logical === logical);
    return escape(names?.queue ?? `${topology.prefix}.${logical}`);
  };
  const x = topology.exchanges;
  const retryAndDeadLetter = [escape(x.delay), escape(x.deadLetter)];
  const groupQueues = `${escape(topology.prefix)}\\.(lock|group)\\..*`;
  const replyQueues = `${escape(topology.replyQueuePrefix)}\\..*`;
  switch (role) {
    case 'auth':
      return {
        configure: NOTHING,
        write: anyOf([...retryAndDeadLetter, escape(x.replies)]),
        read: anyOf([queue('kelp.auth.rpc')]),
      };
    case 'load-balancer':
      return {
        configure: anyOf([replyQueues]),
        write: anyOf([
          ...retryAndDeadLetter,
          escape(x.replies),
          queue('kelp.auth.rpc'),
          queue('kelp.supervisor.work'),
          replyQueues,
        ]),
        read: anyOf([queue('kelp.lb.steps'), escape(x.replies), replyQueues]),
      };
    case 'supervisor':
      return {
        configure: anyOf([groupQueues, escape(x.groupRecords), replyQueues]),
        write: anyOf([
          ...retryAndDeadLetter,
          escape(x.events),
          escape(x.groupRecords),
          queue('kelp.auth.rpc'),
          queue('kelp.lb.steps'),
          queue('kelp.supervisor.work'),
          queue('kelp.supervisor.converge'),
          groupQueues,
          replyQueues,
        ]),
        read: anyOf([
          groupQueues,
          escape(x.groupRecords),
          escape(x.replies),
          replyQueues,
          queue('kelp.supervisor.jobs'),
          queue('kelp.supervisor.work'),
          queue('kelp.supervisor.converge'),
        ]),
      };
    case 'producer':
      return {
        configure: anyOf([SERVER_NAMED]),
        write: anyOf([queue('kelp.supervisor.jobs'), SERVER_NAMED]),
        read: anyOf([escape(x.events), SERVER_NAMED]),
      };
  }
}
