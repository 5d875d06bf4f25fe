import { EXCHANGES, QUEUES } from '../../../shared/messages/routing.js';

/**
 * Note [Expected access]: what each service's broker user is meant to be able to do, as data (logical
 * `kelp.*` names; a run rewrites the prefix). The permission probes check the users the deployment
 * defines against it: every consume and publish listed here must work, every other work queue must refuse
 * a consume, every other exchange a publish, and no user may publish to the default exchange at all (it
 * would route into any queue by name; its own queues' exchanges count as its own). The deployment's regexes come from
 * shared/amqp/broker-permissions.ts; this file is the independent statement of intent they are tested against.
 */
export type AccessService = 'auth' | 'load-balancer' | 'supervisor' | 'producer';

export interface ServiceAccess {
  readonly consumes: readonly string[];
  /** Exchanges it publishes to (work-queue exchanges share their queue's name). */
  readonly publishesTo: readonly string[];
}

export const EXPECTED_ACCESS: Readonly<Record<AccessService, ServiceAccess>> = {
  auth: {
    consumes: [QUEUES.authRpc],
    // Answers token requests on the replies exchange.
    publishesTo: [EXCHANGES.replies, EXCHANGES.delay, EXCHANGES.deadLetter],
  },
  'load-balancer': {
    consumes: [QUEUES.lbSteps],
    // Replies to the supervisor's work queue (its replyTo) through that queue's exchange, to RPC reads on
    // the replies exchange.
    publishesTo: [QUEUES.authRpc, QUEUES.supervisorWork, EXCHANGES.replies, EXCHANGES.delay, EXCHANGES.deadLetter],
  },
  supervisor: {
    consumes: [QUEUES.supervisorJobs, QUEUES.supervisorWork, QUEUES.supervisorConverge],
    publishesTo: [
      QUEUES.supervisorWork,
      QUEUES.supervisorConverge,
      QUEUES.lbSteps,
      QUEUES.authRpc,
      EXCHANGES.events,
      EXCHANGES.groupRecords,
      EXCHANGES.delay,
      EXCHANGES.deadLetter,
    ],
  },
  /** A producer (the CLI, shared/client): submits jobs and follows their events on a queue of its own. */
  producer: { consumes: [], publishesTo: [QUEUES.supervisorJobs] },
};

export const ALL_WORK_QUEUES: readonly string[] = Object.values(QUEUES);
export const ALL_EXCHANGES: readonly string[] = [...Object.values(EXCHANGES), ...Object.values(QUEUES)];

/** `kelp.lb.steps` → `<ns>.lb.steps`. */
export function renamed(logical: string, namespace: string): string {
  return logical.startsWith('kelp.') ? `${namespace}.${logical.slice('kelp.'.length)}` : logical;
}

export interface AccessProbes {
  readonly mayConsume: readonly string[];
  readonly mayNotConsume: readonly string[];
  readonly mayPublish: readonly string[];
  readonly mayNotPublish: readonly string[];
  /** Queues it must not reach by publishing to the default exchange: every work queue, its own included. */
  readonly mayNotReachViaDefault: readonly string[];
}

/** The probes for one service, in physical names. Pure. */
export function probesFor(service: AccessService, namespace: string): AccessProbes {
  const access = EXPECTED_ACCESS[service];
  const name = (logical: string): string => renamed(logical, namespace);
  return {
    mayConsume: access.consumes.map(name),
    mayNotConsume: ALL_WORK_QUEUES.filter((queue) => !access.consumes.includes(queue)).map(name),
    mayPublish: access.publishesTo.map(name),
    // A service's own queues' exchanges count as its own: publishing into its own input is harmless, and
    // binding its queue needs write on the queue's name, which is also the exchange's.
    mayNotPublish: ALL_EXCHANGES.filter(
      (exchange) => !access.publishesTo.includes(exchange) && !access.consumes.includes(exchange),
    ).map(name),
    mayNotReachViaDefault: ALL_WORK_QUEUES.map(name),
  };
}
