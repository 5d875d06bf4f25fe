import {
  brokerPermissionsFor,
  type BrokerPermission,
  type BrokerRole,
} from '../../../shared/amqp/broker-permissions.js';
import { createTopology } from '../../../shared/amqp/topology.js';

/**
 * The per-role permissions the deployment grants (shared/amqp/broker-permissions.ts, derived from the
 * topology, so the run's namespace gets matching regexes). The probes check them against
 * test/chaos/core/expected-access.ts, which states the intended access independently.
 */
export const PERMISSIONS_SOURCE = 'shared/amqp/broker-permissions.ts';

export function deploymentPermissions(role: BrokerRole, namespace: string): BrokerPermission {
  return brokerPermissionsFor(role, createTopology({ prefix: namespace }));
}
