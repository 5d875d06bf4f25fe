/**
 * The load-balancer service as a standalone process: `node dist/services/load-balancer/src/main.js`.
 * Configuration comes from the environment (services/load-balancer/README.md); the shared runtime provides
 * logging, the health server (`/healthz`, `/readyz`, `/metrics`) and graceful shutdown on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { createRabbitBus } from '../../../shared/runtime/create-bus.js';
import { runService } from '../../../shared/runtime/run-service.js';
import { lbServiceDefinition } from './lb-definition.js';

await runService(lbServiceDefinition, process.env, createRabbitBus);
