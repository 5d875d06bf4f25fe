import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import anyTest, { type TestFn } from 'ava';
import { Registry } from 'prom-client';
import type { AuthService } from '../../../services/auth/src/auth-service.js';
import { createAuthService } from '../../../services/auth/src/auth-service.js';
import { loadAuthConfig } from '../../../services/auth/src/config.js';
import { startCloudSim, type CloudSim } from '../../../services/cloud-sim/src/index.js';
import type { AmqpBus } from '../../../shared/amqp/amqp-bus.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { createLogger } from '../../../shared/logging/create-logger.js';
import { AUTH_MESSAGE_TYPES } from '../../../shared/messages/auth-messages.js';
import { buildEnvelope } from '../../../shared/messages/envelope.js';
import { HEADERS, QUEUES } from '../../../shared/messages/routing.js';
import { createCloudRequestFunction, createRpcTokenSource } from '../../../shared/request/create-cloud-request.js';
import { loadRequestConfig } from '../../../shared/request/request-config.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { RpcTokenSource } from '../../../shared/request/rpc-token-source.js';
import { createTestBus, deleteTopology, nextMessage, topologyOf, uniquePrefix } from './rabbit-harness.js';
import { LIST_SERVERS } from './sim-harness.js';

interface Ctx {
  readonly prefix: string;
  readonly sim: CloudSim;
  readonly serverBus: AmqpBus;
  readonly clientBus: AmqpBus;
  readonly auth: AuthService;
  readonly tokens: RpcTokenSource;
  readonly request: RequestFunction;
  readonly logText: () => string;
}

const test = anyTest as TestFn<Ctx>;

test.beforeEach(async (t) => {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const logger = createLogger({ service: 'it-auth', level: 'debug', format: 'json', stream });
  const prefix = uniquePrefix();
  const sim = await startCloudSim({ tenants: ['300001', '300002'], buildTimeMs: 0 });
  const env = {
    IDENTITY_URL: sim.identityUrl,
    IDENTITY_ADMIN_USERNAME: sim.admin.username,
    IDENTITY_ADMIN_PASSWORD: sim.admin.password,
    AUTH_RETRY_INITIAL_DELAY_MS: '10',
    AUTH_RETRY_MAX_DELAY_MS: '40',
    AUTH_RPC_TIMEOUT_MS: '3000',
  };
  const serverBus = createTestBus(prefix, logger, 'it-auth-server');
  const clientBus = createTestBus(prefix, logger, 'it-auth-client');
  await serverBus.start();
  await clientBus.start();
  const registry = new Registry();
  const auth = await createAuthService({
    config: loadAuthConfig(env),
    bus: serverBus,
    logger,
    registry,
    newId: randomUUID,
  });
  await auth.start();
  const requestConfig = loadRequestConfig(env);
  const tokens = createRpcTokenSource({ config: requestConfig, bus: clientBus });
  const request = createCloudRequestFunction({ config: requestConfig, tokens, logger, registry });
  t.context = { prefix, sim, serverBus, clientBus, auth, tokens, request, logText: () => chunks.join('') };
});

test.afterEach.always(async (t) => {
  const { auth, serverBus, clientBus, sim, prefix } = t.context;
  await auth.stop(2000);
  await clientBus.close(2000);
  await serverBus.close(2000);
  await sim.close();
  await deleteTopology(prefix);
});

const getTokenRequest = (tenantId: string) =>
  buildEnvelope(
    { type: AUTH_MESSAGE_TYPES.getToken, tenantId, jobId: 'it', payload: { tenantId } },
    randomUUID(),
    new Date(),
  );

test.serial('a Nova call authenticates over RPC (impersonation end to end) and succeeds', async (t) => {
  const { request, sim, auth } = t.context;
  t.true(auth.isReady());
  t.is((await request('300001', LIST_SERVERS)).status, 200);
  t.deepEqual([sim.counters().impersonations['300001'], sim.counters().endpointLookups['300001']], [1, 1]);
});

test.serial(
  'a Nova call whose token the simulator expired gets 401, is retried once with a fresh token over RPC and succeeds',
  async (t) => {
    const { request, sim, tokens } = t.context;
    await request('300001', LIST_SERVERS);
    const before = await tokens.getToken('300001');
    sim.expireTokens('300001');
    t.is((await request('300001', LIST_SERVERS)).status, 200);
    const after = await tokens.getToken('300001');
    t.not(after.token, before.token);
    t.is(sim.counters().unauthorized, 1);
    t.is(sim.counters().impersonations['300001'], 2);
  },
);

test.serial(
  '1,000 concurrent RPC token requests for one cold tenant cause exactly one Identity authentication',
  async (t) => {
    const { clientBus, sim } = t.context;
    const replies = await Promise.all(
      Array.from({ length: 1000 }, () =>
        clientBus.call(QUEUES.authRpc, getTokenRequest('300002'), { timeoutMs: 20_000 }),
      ),
    );
    t.true(replies.every((reply) => reply.type === AUTH_MESSAGE_TYPES.token));
    t.is(new Set(replies.map((reply) => (reply.payload as { token: string }).token)).size, 1);
    t.is(sim.counters().impersonations['300002'], 1);
    t.is(sim.counters().mossoLookups['300002'], 1);
  },
);

test.serial('an unknown tenant gets a clear error reply naming it, not a timeout', async (t) => {
  const { tokens } = t.context;
  const error = await t.throwsAsync(tokens.getToken('nobody-42'));
  t.true(AppError.isKind(error, 'auth'));
  t.regex(error?.message ?? '', /nobody-42/);
});

test.serial('Identity down: bounded retries, then an error reply before the RPC deadline', async (t) => {
  const { tokens, sim } = t.context;
  sim.addFault({ service: 'identity', status: 503 });
  const error = await t.throwsAsync(tokens.getToken('300001'));
  t.true(AppError.isKind(error, 'unavailable'));
  t.true((error as AppError).retryable);
  t.is(sim.counters().faultsInjected, 4);
});

test.serial('a malformed request gets an error reply and is dead-lettered with the reason', async (t) => {
  const { clientBus, prefix } = t.context;
  const bad = buildEnvelope(
    { type: 'get-cookie', tenantId: '300001', jobId: 'it', payload: {} },
    randomUUID(),
    new Date(),
  );
  const reply = await clientBus.call(QUEUES.authRpc, bad, { timeoutMs: 5000 });
  t.like(reply, { type: AUTH_MESSAGE_TYPES.error, payload: { reason: 'malformed-request', retryable: false } });
  const dead = await nextMessage(topologyOf(prefix).workQueues[0]?.deadLetterQueue ?? '', 10_000);
  t.regex(String(dead.headers[HEADERS.deadLetterReason]), /unknown auth request type/);
  t.like(JSON.parse(dead.body), { id: bad.id, type: 'get-cookie' });
});

test.serial('after an RPC run at debug level no token, password or API key value appears in the logs', async (t) => {
  const { request, tokens, sim, logText } = t.context;
  await request('300001', LIST_SERVERS);
  const first = await tokens.getToken('300001');
  sim.expireTokens('300001');
  await request('300001', LIST_SERVERS);
  const second = await tokens.getToken('300001');
  await t.throwsAsync(tokens.getToken('nobody'));
  await new Promise((resolve) => setImmediate(resolve)); // let the log stream deliver the last lines
  const text = logText();
  t.true(text.includes('cloud-request'));
  for (const secret of [
    first.token,
    second.token,
    sim.admin.password,
    sim.admin.apiKey,
    'password-300001',
    'apikey-300001',
  ]) {
    t.false(text.includes(secret), `log contains a secret (${secret.slice(0, 3)}…)`);
  }
});
