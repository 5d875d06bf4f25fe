/**
 * The all-in-one runtime: `npm start` (`node dist/services/all-in-one/src/main.js`). Every Kelp service and,
 * unless KELP_SIMULATOR=off, the cloud simulator in one process. With AMQP_URL unset it runs on the
 * in-process bus; with AMQP_URL set, on RabbitMQ. Serves `/healthz`, `/readyz` and `/metrics` on
 * HEALTH_PORT and shuts down gracefully on SIGTERM/SIGINT. See services/all-in-one/README.md.
 */
import 'reflect-metadata';
import { runService } from '../../../shared/runtime/run-service.js';
import { allInOneDefinition } from './all-in-one-definition.js';
import { createStackBus } from './stack-bus.js';

await runService(allInOneDefinition(process.env), process.env, createStackBus);
