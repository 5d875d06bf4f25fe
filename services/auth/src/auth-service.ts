import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Registry } from 'prom-client';
import type { Bus, ConsumerHandle } from '../../../shared/amqp/bus.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { QUEUES } from '../../../shared/messages/routing.js';
import type { Transport } from '../../../shared/request/http-types.js';
import { createKyTransport } from '../../../shared/request/ky-transport.js';
import { createAuthMetrics, type AuthMetrics } from './auth-metrics.js';
import type { Authenticator } from './authenticator.js';
import { createAuthenticatorStack } from './authenticator-stack.js';
import type { AuthConfig } from './config.js';
import { parseCredentialsFile } from './core/credentials-file.js';
import { missingEndpoints } from './core/missing-endpoints.js';
import { createAuthRpcHandler } from './handlers/on-auth-rpc.js';
import { CredentialsAuthenticator } from './performers/credentials-authenticator.js';
import { IdentityClient } from './performers/identity-client.js';
import { ImpersonationAuthenticator } from './performers/impersonation-authenticator.js';

export interface AuthServiceDeps {
  readonly config: AuthConfig;
  readonly bus: Pick<Bus, 'consume' | 'isReady'>;
  readonly logger: Logger;
  readonly registry: Registry;
  /** HTTP to Identity; default ky with IDENTITY_TIMEOUT_MS and no transport-level retries. */
  readonly transport?: Transport;
  /** Epoch milliseconds. */
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly readTextFile?: (path: string) => Promise<string>;
}

export interface AuthService {
  /** The authenticator stack: what the RPC handler serves and the in-process token source wraps. */
  readonly authenticator: Authenticator;
  readonly metrics: AuthMetrics;
  /** Starts consuming the auth RPC queue (the bus must be started). */
  start(): Promise<void>;
  /** Stops consuming, letting in-flight requests finish within `deadlineMs`. */
  stop(deadlineMs: number): Promise<void>;
  /** Consuming, and the bus is ready. */
  isReady(): boolean;
}

/** Builds the auth service: Identity client, strategy, authenticator stack, RPC handler. Loads the credentials file. */
export async function createAuthService(deps: AuthServiceDeps): Promise<AuthService> {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const metrics = createAuthMetrics(deps.registry);
  const client = new IdentityClient({
    transport:
      deps.transport ??
      createKyTransport({
        timeoutMs: config.identityTimeoutMs,
        retryLimit: 0,
        retryDelayMs: 0,
        backoffLimitMs: 0,
        maxRetryAfterMs: 0,
      }),
    identityUrl: config.identityUrl,
    adminUrl: config.identityAdminUrl,
    logger,
  });
  const real: Authenticator =
    config.strategy.kind === 'impersonation'
      ? new ImpersonationAuthenticator({
          client,
          admin: config.strategy.admin,
          expireInSeconds: config.strategy.expireInSeconds,
          now,
          adminMarginMs: config.cache.marginMs,
        })
      : new CredentialsAuthenticator({
          client,
          credentials: parseCredentialsFile(
            await (deps.readTextFile ?? ((path) => readFile(path, 'utf8')))(config.strategy.credentialsFile),
            config.strategy.credentialsFile,
          ),
          now,
          defaultLifetimeMs: config.cache.ttlMs,
        });
  const authenticator = createAuthenticatorStack(checkingCatalogs(real, config, logger), {
    cache: config.cache,
    retry: config.retry,
    metrics,
    now,
  });
  let consumer: ConsumerHandle | undefined;
  return {
    authenticator,
    metrics,
    async start() {
      if (consumer !== undefined) return;
      const handler = createAuthRpcHandler({
        authenticator,
        logger,
        metrics,
        newId: deps.newId ?? randomUUID,
        now,
        replyDeadlineMs: Math.max(50, Math.floor(config.rpcTimeoutMs * 0.8)),
      });
      consumer = await deps.bus.consume(QUEUES.authRpc, handler, { prefetch: config.prefetch });
      logger.info('auth-service-started', { strategy: config.strategy.kind, queue: QUEUES.authRpc });
    },
    async stop(deadlineMs) {
      const running = consumer;
      consumer = undefined;
      await running?.stop(deadlineMs);
    },
    isReady: () => consumer !== undefined && deps.bus.isReady(),
  };
}

/** Logs (once per authentication) the configured services a fresh catalog lacks. */
function checkingCatalogs(real: Authenticator, config: AuthConfig, logger: Logger): Authenticator {
  return {
    async authenticate(tenantId) {
      const grant = await real.authenticate(tenantId);
      for (const missing of missingEndpoints(grant.catalog, config.endpoints)) {
        logger.warn('catalog-missing-endpoint', { tenantId, ...missing });
      }
      return grant;
    },
    invalidate: (tenantId, token) => real.invalidate(tenantId, token),
  };
}
