/**
 * The auth service as a standalone process: `node dist/services/auth/src/main.js`. Configuration comes from
 * the environment (services/auth/README.md); the shared runtime provides logging, the health server
 * (`/healthz`, `/readyz`, `/metrics`) and graceful shutdown on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { createRabbitBus } from '../../../shared/runtime/create-bus.js';
import { runService } from '../../../shared/runtime/run-service.js';
import { authServiceDefinition } from './auth-definition.js';

await runService(authServiceDefinition, process.env, createRabbitBus);
