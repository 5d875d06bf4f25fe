/**
 * Writes deploy/rabbitmq/definitions.json from the topology and the permissions table:
 * `node dist/shared/amqp/write-broker-definitions.js`. A unit test fails when the checked-in file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { buildBrokerDefinitions, DEV_BROKER_ADMIN, DEV_BROKER_USERS } from './broker-definitions.js';
import { createTopology } from './topology.js';

export const DEFINITIONS_PATH = 'deploy/rabbitmq/definitions.json';
export const COMPOSE_VHOST = 'kelp';

export function renderDevDefinitions(): string {
  return `${JSON.stringify(buildBrokerDefinitions(createTopology(), COMPOSE_VHOST, DEV_BROKER_USERS, DEV_BROKER_ADMIN), null, 2)}\n`;
}

if (process.argv[1]?.endsWith('write-broker-definitions.js') === true) {
  await writeFile(DEFINITIONS_PATH, renderDevDefinitions());
  console.log(`wrote ${DEFINITIONS_PATH}`);
}
