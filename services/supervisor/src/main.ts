/**
 * The supervisor as a standalone process: `node dist/services/supervisor/src/main.js`. Configuration comes
 * from the environment (services/supervisor/README.md); the shared runtime provides logging, the health
 * server (`/healthz`, `/readyz`, `/metrics`) and graceful shutdown on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { createRabbitBus } from '../../../shared/runtime/create-bus.js';
import { runService } from '../../../shared/runtime/run-service.js';
import { supervisorServiceDefinition } from './supervisor-definition.js';

await runService(supervisorServiceDefinition, process.env, createRabbitBus);
