import type { Topology } from './topology.js';

/**
 * Note [Broker permissions]: least-privilege RabbitMQ permissions per Kelp role, as data derived from the
 * topology (so a different namespace yields matching regexes). RabbitMQ checks `read` on the queue for
 * basic.consume and on the exchange for queue.bind, `write` on the exchange for basic.publish (the default
 * exchange is `amq.default`, used for direct reply-to answers) and on the queue for queue.bind, and
 * `configure` for declaring and deleting. Where the broker loads the topology from the definitions file,
 * services run with AMQP_DECLARE_TOPOLOGY=false and need `configure` only for what they create at run
 * time: server-named subscription queues (`amq.gen-*`), and the supervisor's group-lock and group-record
 * queues (`<prefix>.lock.*`, `<prefix>.group.*`, reached through the default exchange).
 */
export type BrokerRole = 'auth' | 'load-balancer' | 'supervisor' | 'producer';

export const BROKER_ROLES: readonly BrokerRole[] = ['auth', 'load-balancer', 'supervisor', 'producer'];

export interface BrokerPermission {
  readonly configure: string;
  readonly write: string;
  readonly read: string;
}

const NOTHING = '^$';
const REPLY_TO = 'amq\\.rabbitmq\\.reply-to';
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
  switch (role) {
    case 'auth':
      return {
        configure: NOTHING,
        write: anyOf([...retryAndDeadLetter, 'amq\\.default']),
        read: anyOf([queue('kelp.auth.rpc')]),
      };
    case 'load-balancer':
      return {
        configure: NOTHING,
        write: anyOf([...retryAndDeadLetter, 'amq\\.default', queue('kelp.auth.rpc'), queue('kelp.supervisor.work')]),
        read: anyOf([queue('kelp.lb.steps'), REPLY_TO]),
      };
    case 'supervisor':
      return {
        configure: anyOf([groupQueues]),
        write: anyOf([
          ...retryAndDeadLetter,
          'amq\\.default',
          escape(x.events),
          queue('kelp.auth.rpc'),
          queue('kelp.lb.steps'),
          queue('kelp.supervisor.work'),
          queue('kelp.supervisor.converge'),
        ]),
        read: anyOf([
          groupQueues,
          queue('kelp.supervisor.jobs'),
          queue('kelp.supervisor.work'),
          queue('kelp.supervisor.converge'),
          REPLY_TO,
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
