import { Registry } from 'prom-client';
import { loadConvergeConfig, type ConvergeConfig } from '../../../services/supervisor/src/converge/converge-config.js';
import { createConvergeMetrics } from '../../../services/supervisor/src/converge/converge-metrics.js';
import type { ConvergeDeps } from '../../../services/supervisor/src/converge/on-converge-cycle.js';
import type { DeliveryContext, PublishOptions } from '../../../shared/amqp/bus.js';
import { MemoryGroupLock } from '../../../shared/amqp/memory-group-lock.js';
import { groupServerMetadata } from '../../../shared/convergence/server-metadata.js';
import { AppError } from '../../../shared/errors/app-error.js';
import { createSilentLogger } from '../../../shared/logging/create-logger.js';
import {
  CONVERGE_MESSAGE_TYPES,
  ConvergeCyclePayloadSchema,
  ConvergeEventPayloadSchema,
  ConvergeGroupJobSchema,
  type ConvergeCyclePayload,
  type ConvergeCyclePayloadInput,
  type ConvergeEventPayload,
  type ConvergeGroupJobInput,
} from '../../../shared/messages/converge-messages.js';
import { buildEnvelope, type Envelope } from '../../../shared/messages/envelope.js';
import { JobEventPayloadSchema, type JobEventPayload } from '../../../shared/messages/event-messages.js';
import type { WorkQueue } from '../../../shared/messages/routing.js';
import { ApiError } from '../../../shared/request/api-error.js';
import type { RequestFunction } from '../../../shared/request/request-fn.js';
import type { ServiceRequest } from '../../../shared/request/service-request.js';

/** Shared builders for the converge-group job tests: one tenant and group, a fixed clock, readable ids. */
export const TENANT = '123456';
export const GROUP = 'group-1';
export const NOW = Date.parse('2026-03-01T12:00:00.000Z');
export const ACCEPTED_AT = '2026-03-01T11:59:00.000Z';

export function job(desired: Partial<ConvergeGroupJobInput['desired']> = {}): ConvergeGroupJobInput {
  return {
    tenantId: TENANT,
    groupId: GROUP,
    desired: {
      capacity: 1,
      launchConfig: { server: { name: 'web', flavorRef: 'general1-1', imageRef: 'img-1' }, loadBalancers: [] },
      ...desired,
    },
  };
}

export function cyclePayload(over: Partial<ConvergeCyclePayloadInput> = {}): ConvergeCyclePayload {
  return ConvergeCyclePayloadSchema.parse({
    job: job(),
    acceptedAt: ACCEPTED_AT,
    loop: { cycle: 0, limitedRetries: 0, idleCycles: 0 },
    ...over,
  });
}

export function cycleEnvelope(
  payload: ConvergeCyclePayload,
  extra: { jobId?: string; attempt?: number } = {},
): Envelope {
  return buildEnvelope(
    {
      type: CONVERGE_MESSAGE_TYPES.cycle,
      tenantId: TENANT,
      jobId: extra.jobId ?? 'job-1',
      payload,
      attempt: extra.attempt ?? 0,
    },
    'msg-1',
    new Date(NOW),
  );
}

export function jobEnvelope(payload: unknown, jobId = 'job-1'): Envelope {
  return buildEnvelope({ type: CONVERGE_MESSAGE_TYPES.job, tenantId: TENANT, jobId, payload }, 'msg-0', new Date(NOW));
}

/** A Nova server-details object of the group (or another group / none). */
export function novaServer(
  id: string,
  options: {
    status?: string;
    groupId?: string | null;
    address?: string;
    created?: string;
    metadata?: Record<string, string>;
  } = {},
): Record<string, unknown> {
  const groupId = options.groupId === undefined ? GROUP : options.groupId;
  const launchConfig = ConvergeGroupJobSchema.parse(job()).desired.launchConfig;
  return {
    id,
    name: `web-${id}`,
    status: options.status ?? 'ACTIVE',
    created: options.created ?? '2026-03-01T11:00:00Z',
    addresses: { private: [{ addr: options.address ?? `10.0.0.${id.replace(/\D/g, '') || '9'}`, version: 4 }] },
    metadata: { ...(groupId === null ? {} : groupServerMetadata(groupId, launchConfig)), ...options.metadata },
  };
}

export type Route = (request: ServiceRequest) => { status: number; body?: unknown } | Error;

/** A request function answering from `route`; statuses outside `okStatus` reject with ApiError, as the real one does. */
export function fakeRequest(route: Route): RequestFunction & { readonly calls: ServiceRequest[] } {
  const calls: ServiceRequest[] = [];
  const fn = (_tenantId: string, request: ServiceRequest) => {
    calls.push(request);
    const answer = route(request);
    if (answer instanceof Error) return Promise.reject(answer);
    if (!request.okStatus.includes(answer.status)) {
      return Promise.reject(
        new ApiError({
          status: answer.status,
          method: request.method,
          url: `http://nova/${request.path.join('/')}`,
          body: answer.body,
          headers: {},
        }),
      );
    }
    return Promise.resolve({ status: answer.status, headers: {}, body: answer.body ?? null });
  };
  return Object.assign(fn, { calls });
}

/** Nova answering a listing with `servers` and 202 to creates, 404 to deletes (gone), 200 to metadata sets. */
export function novaRoute(servers: () => readonly unknown[]): Route {
  let created = 0;
  return (request) => {
    const path = request.path.join('/');
    if (request.method === 'GET' && path === 'servers/detail') return { status: 200, body: { servers: servers() } };
    if (request.method === 'POST' && path === 'servers')
      return { status: 202, body: { server: { id: `new-${++created}` } } };
    if (request.method === 'DELETE') return { status: 404, body: { itemNotFound: { message: 'gone', code: 404 } } };
    if (request.method === 'PUT') return { status: 200, body: {} };
    return new AppError('internal', `unexpected ${request.method} ${path}`);
  };
}

export interface Published {
  readonly queue: WorkQueue;
  readonly envelope: Envelope;
  readonly options: PublishOptions | undefined;
}

/** A bus that records publishes and events, and answers `call` with `lb(request)` as the reply payload. */
export function fakeBus(
  lb: (request: Envelope) => { type: string; payload: unknown } | Error = () => new Error('no LB'),
) {
  const published: Published[] = [];
  const events: { key: string; envelope: Envelope }[] = [];
  const calls: Envelope[] = [];
  return {
    published,
    events,
    calls,
    publish: (queue: WorkQueue, envelope: Envelope, options?: PublishOptions) => {
      published.push({ queue, envelope, options });
      return Promise.resolve();
    },
    publishEvent: (key: string, envelope: Envelope) => {
      events.push({ key, envelope });
      return Promise.resolve();
    },
    call: (_queue: WorkQueue, envelope: Envelope) => {
      calls.push(envelope);
      const answer = lb(envelope);
      if (answer instanceof Error) return Promise.reject(AppError.retryable('timeout', answer.message));
      return Promise.resolve(
        buildEnvelope({ ...answer, tenantId: TENANT, jobId: envelope.jobId }, 'reply', new Date(NOW)),
      );
    },
  };
}

/** The event payloads a fake bus saw, parsed, in order. */
export function eventsOf(bus: ReturnType<typeof fakeBus>): (JobEventPayload | ConvergeEventPayload)[] {
  return bus.events.map(({ envelope }) => {
    const standard = JobEventPayloadSchema.safeParse(envelope.payload);
    return standard.success ? standard.data : ConvergeEventPayloadSchema.parse(envelope.payload);
  });
}

export const FAST_CONFIG: ConvergeConfig = loadConvergeConfig({
  CONVERGE_INITIAL_DELAY_MS: '100',
  CONVERGE_MAX_DELAY_MS: '1000',
  CONVERGE_BACKOFF_MULTIPLIER: '2',
});

export function convergeDeps(over: Partial<ConvergeDeps> & Pick<ConvergeDeps, 'bus' | 'request'>): ConvergeDeps & {
  readonly lock: MemoryGroupLock;
} {
  let id = 0;
  return {
    lock: new MemoryGroupLock(),
    config: FAST_CONFIG,
    logger: createSilentLogger(),
    clock: () => new Date(NOW),
    newId: () => `id-${++id}`,
    metrics: createConvergeMetrics(new Registry()),
    ...over,
  } as ConvergeDeps & { readonly lock: MemoryGroupLock };
}

export function delivery(redelivered = false): DeliveryContext {
  return {
    queue: 'kelp.supervisor.converge',
    redelivered,
    deliveryCount: redelivered ? 1 : 0,
    reply: () => Promise.resolve(false),
  };
}
