/**
 * The HTTP shell: one `node:http` listener that routes every request to Identity, a tenant service
 * (Nova, CLB, RCv3 and the two mimic-style control planes), the control API, or `/healthz`. For the
 * simulated APIs it applies, in order: routing (404/405), request counting, body limit (400), latency,
 * token check (401/403), injected faults, then the handler. Nothing a client sends can crash it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../../../shared/logging/logger.js';
import type { Clock } from '../clock.js';
import type { SimService } from '../config.js';
import { createControlRouter, runControl } from '../control/control-routes.js';
import { createMimicRouter } from '../control/mimic-routes.js';
import type { SimControl } from '../control/sim-control.js';
import { faultReply, takeFault } from '../faults.js';
import { createIdentityRouter } from '../identity/identity-router.js';
import { checkServiceToken } from '../identity/service-auth.js';
import type { SimState } from '../state/sim-state.js';
import { readBody } from './body.js';
import type { RequestInfo, TenantRequest } from './request-info.js';
import type { Reply } from './reply.js';
import { jsonReply, renderReply, textReply } from './reply.js';
import { splitUrl } from './router.js';
import { NOT_FOUND_TEXT, serviceError, tooLarge } from './service-errors.js';
import type { TenantApi } from './tenant-apis.js';
import { createTenantApis } from './tenant-apis.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

export class Dispatcher {
  private readonly apis: Map<string, TenantApi>;
  private readonly identity = createIdentityRouter();
  private readonly controlRouter = createControlRouter();
  private readonly mimic = createMimicRouter();
  private readonly counterKeys = new WeakMap<object, string>();

  constructor(
    private readonly control: SimControl,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly fallbackHost: () => string,
  ) {
    this.apis = createTenantApis(control.state.segments);
  }

  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.handle(req).then(
      (reply) => this.write(res, reply),
      (error: unknown) => {
        this.logger.error('sim-request-failed', {
          method: req.method,
          path: splitUrl(req.url ?? '/')
            .segments.slice(0, 2)
            .join('/'),
          error: error instanceof Error ? error.message : String(error),
        });
        this.write(res, jsonReply(500, { message: 'internal simulator error', code: 500 }));
      },
    );
  };

  private write(res: ServerResponse, reply: Reply): void {
    if (res.headersSent || res.destroyed) return;
    const out = renderReply(reply);
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  }

  private async handle(req: IncomingMessage): Promise<Reply> {
    const method = req.method ?? 'GET';
    const { segments, query } = splitUrl(req.url ?? '/');
    const head = segments[0];
    if (head === 'healthz') return jsonReply(200, { status: 'ok' });
    if (head === 'sim' || head === 'mimic') return this.handleControl(req, method, head, segments.slice(1), query);
    if (head === undefined || head === 'identity') return this.handleIdentity(req, method, segments.slice(1), query);
    if (head === 'v2.0' || head === 'v1.1') return this.handleIdentity(req, method, segments, query);
    const api = this.apis.get(head);
    if (api === undefined) return textReply(404, 'Not Found');
    return this.handleTenantApi(req, method, api, segments, query);
  }

  private info(
    req: IncomingMessage,
    method: string,
    params: Readonly<Record<string, string>>,
    query: string,
    body: string | null,
  ): RequestInfo {
    return {
      method,
      path: (req.url ?? '/').split('?')[0] ?? '/',
      params,
      query: new URLSearchParams(query),
      body,
      headers: req.headers,
      baseUrl: `http://${req.headers.host ?? this.fallbackHost()}`,
      now: this.clock.now(),
    };
  }

  private async handleControl(
    req: IncomingMessage,
    method: string,
    head: string,
    rest: string[],
    query: string,
  ): Promise<Reply> {
    const body = BODY_METHODS.has(method) ? await readBody(req) : null;
    if (body?.kind === 'too-large') return jsonReply(400, { error: { kind: 'decode', message: 'body too large' } });
    const text = body?.kind === 'ok' ? body.text : null;
    if (head === 'mimic') {
      const match = this.mimic.match(method, rest);
      if (match.kind !== 'found') return emptyNotFound();
      return match.route.handler(this.control, this.info(req, method, match.params, query, text));
    }
    const match = this.controlRouter.match(method, rest);
    if (match.kind === 'not-found')
      return jsonReply(404, { error: { kind: 'not-found', message: 'no such control endpoint' } });
    if (match.kind === 'method-not-allowed')
      return jsonReply(405, { error: { kind: 'decode', message: 'method not allowed' } });
    return runControl(match.route.handler, this.control, this.info(req, method, match.params, query, text));
  }

  private async handleIdentity(req: IncomingMessage, method: string, rest: string[], query: string): Promise<Reply> {
    const match = this.identity.match(method, rest);
    if (match.kind === 'not-found') return serviceError('identity', 404, NOT_FOUND_TEXT);
    if (match.kind === 'method-not-allowed') return serviceError('identity', 405, 'Method not allowed');
    const state = this.control.state;
    const route = match.route.template;
    state.counters.count(state.counters.requests, this.counterKey(match.route, 'identity', method));
    const body = BODY_METHODS.has(method) ? await readBody(req) : null;
    if (body?.kind === 'too-large') return tooLarge('identity');
    if (state.config.latencyMs.identity > 0) await this.latency(state, 'identity');
    const info = this.info(req, method, match.params, query, body?.kind === 'ok' ? body.text : null);
    const fault = this.fault(
      state,
      { service: 'identity', method, route, path: req.url ?? '/', tenantId: null },
      info.now,
    );
    return fault ?? match.route.handler(state, info);
  }

  private async handleTenantApi(
    req: IncomingMessage,
    method: string,
    api: TenantApi,
    segments: string[],
    query: string,
  ): Promise<Reply> {
    const state = this.control.state;
    const label = api.service ?? api.key;
    const [, region = '', version = '', rawTenant = ''] = segments;
    const tenantId = decode(rawTenant);
    const notFound = (): Reply =>
      api.service === null ? textReply(404, 'Not Found') : serviceError(api.service, 404, NOT_FOUND_TEXT);
    if (version !== api.version || tenantId === null || tenantId === '' || !state.regions.includes(region))
      return notFound();
    const match = api.router.match(method, segments.slice(4));
    if (match.kind === 'not-found') return notFound();
    if (match.kind === 'method-not-allowed') {
      return api.service === null
        ? textReply(405, 'Method Not Allowed')
        : serviceError(api.service, 405, 'Method not allowed');
    }
    const route = match.route.template;
    state.counters.count(state.counters.requests, this.counterKey(match.route, label, method));
    const body = BODY_METHODS.has(method) ? await readBody(req) : null;
    if (body?.kind === 'too-large') return api.service === null ? textReply(400, 'Bad Request') : tooLarge(api.service);
    if (api.service !== null && state.config.latencyMs[api.service] > 0) await this.latency(state, api.service);
    const info = this.info(req, method, match.params, query, body?.kind === 'ok' ? body.text : null);
    // The URL's own first four segments are the catalog URL of this service for this tenant and region.
    const tenantReq: TenantRequest = Object.assign(info, {
      tenantId,
      region,
      serviceUrl: `${info.baseUrl}/${segments[0] ?? ''}/${region}/${version}/${rawTenant}`,
    });
    if (api.service !== null) {
      const denied = checkServiceToken(state, info, { service: api.service, route, tenantId });
      if (denied !== null) return denied;
      if (match.route.handler.clbMutation === true) {
        state.counters.count(state.counters.clbMutatingRequests, match.params['lb'] ?? '?');
      }
      const fault = this.fault(
        state,
        { service: api.service, method, route, path: req.url ?? '/', tenantId },
        info.now,
      );
      if (fault !== null) return fault;
    }
    return match.route.handler.handle(state, tenantReq);
  }

  /** `"<label> <METHOD> <template>"`, built once per route. */
  private counterKey(route: object & { readonly template: string }, label: string, method: string): string {
    let key = this.counterKeys.get(route);
    if (key === undefined) {
      key = `${label} ${method} ${route.template}`;
      this.counterKeys.set(route, key);
    }
    return key;
  }

  private async latency(state: SimState, service: SimService): Promise<void> {
    const ms = state.config.latencyMs[service];
    if (ms > 0) await delay(ms);
  }

  private fault(state: SimState, target: Parameters<typeof takeFault>[1], now: number): Reply | null {
    if (state.faults.length === 0) return null;
    const rule = takeFault(state.faults, { ...target, path: target.path.split('?')[0] ?? '' }, () => state.dice.next());
    if (rule === null) return null;
    state.counters.fault(rule.id);
    return faultReply(rule, target.service, now);
  }
}

function emptyNotFound(): Reply {
  return { status: 404 };
}
