import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Registry } from 'prom-client';
import { createAuthService, type AuthService } from '../../../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../../../services/auth/src/config.js';
import { startCloudSim, type CloudSim } from '../../../services/cloud-sim/src/index.js';
import type { Bus } from '../../../shared/amqp/bus.js';
import { createLogger } from '../../../shared/logging/create-logger.js';
import type { Logger } from '../../../shared/logging/logger.js';
import { createCloudRequestFunction } from '../../../shared/request/create-cloud-request.js';
import { createInProcessTokenSource } from '../../../shared/request/in-process-token-source.js';
import { loadRequestConfig } from '../../../shared/request/request-config.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { TokenSource } from '../../../shared/request/token-source.js';

/** A logger at debug whose JSON lines are kept, to search for secrets. */
export function captureLogs(): { logger: Logger; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return {
    logger: createLogger({ service: 'it', level: 'debug', format: 'json', stream }),
    text: () => chunks.join(''),
  };
}

/** A bus for in-process use: the auth service is never started on it. */
const NO_BUS: Pick<Bus, 'consume' | 'isReady'> = {
  consume: () => Promise.reject(new Error('no bus in this test')),
  isReady: () => false,
};

export interface SimStack {
  readonly sim: CloudSim;
  readonly auth: AuthService;
  readonly request: RequestFunction;
  readonly tokens: TokenSource;
  readonly env: Record<string, string>;
}

/** The simulator plus the auth service (impersonation, admin from the simulator) and a request function. */
export async function startSimStack(
  options: {
    tenants?: readonly string[];
    env?: Record<string, string>;
    logger?: Logger;
    bus?: Pick<Bus, 'consume' | 'isReady'>;
  } = {},
): Promise<SimStack> {
  const sim = await startCloudSim({ tenants: options.tenants ?? [], buildTimeMs: 0 });
  const env: Record<string, string> = {
    IDENTITY_URL: sim.identityUrl,
    IDENTITY_ADMIN_USERNAME: sim.admin.username,
    IDENTITY_ADMIN_PASSWORD: sim.admin.password,
    AUTH_RETRY_INITIAL_DELAY_MS: '10',
    AUTH_RETRY_MAX_DELAY_MS: '40',
    HTTP_RETRY_DELAY_MS: '10',
    ...options.env,
  };
  const logger =
    options.logger ?? createLogger({ service: 'it', level: 'error', format: 'json', stream: new PassThrough() });
  const registry = new Registry();
  const auth = await createAuthService({
    config: loadAuthConfig(env),
    bus: options.bus ?? NO_BUS,
    logger,
    registry,
    newId: randomUUID,
  });
  const tokens = createInProcessTokenSource(auth.authenticator);
  const request = createCloudRequestFunction({ config: loadRequestConfig(env), tokens, logger, registry });
  return { sim, auth, request, tokens, env };
}

export const LIST_SERVERS = {
  service: 'cloudServersOpenStack',
  method: 'GET',
  path: ['servers', 'detail'],
  okStatus: [200],
} as const;
