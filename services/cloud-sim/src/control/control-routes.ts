/**
 * The HTTP control API under `/sim/...` (documented in the README), a thin layer over `SimControl`.
 * Errors: 400 invalid input, 404 unknown id, 409 conflict, as `{"error": {"kind", "message"}}`.
 */
import { AppError } from '../../../../shared/errors/app-error.js';
import { parseJson } from '../http/body.js';
import type { RequestInfo } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { emptyReply, jsonReply } from '../http/reply.js';
import { Router } from '../http/router.js';
import type { SimControl } from './sim-control.js';

export type ControlHandler = (control: SimControl, req: RequestInfo, body: unknown) => Reply;

const STATUS_BY_KIND: Readonly<Record<string, number>> = { decode: 400, 'not-found': 404, conflict: 409 };

/** Runs a control handler: parses the body (empty → `{}`), maps AppErrors to 4xx replies. */
export function runControl(handler: ControlHandler, control: SimControl, req: RequestInfo): Reply {
  let body: unknown = {};
  if (req.body !== null && req.body.trim() !== '') {
    const parsed = parseJson(req.body);
    if (!parsed.ok) return jsonReply(400, { error: { kind: 'decode', message: 'body is not valid JSON' } });
    body = parsed.value;
  }
  try {
    return handler(control, req, body);
  } catch (error) {
    if (!AppError.is(error)) throw error;
    return jsonReply(STATUS_BY_KIND[error.kind] ?? 500, { error: { kind: error.kind, message: error.message } });
  }
}

const field = (body: unknown, key: string): unknown =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
const param = (req: RequestInfo, key: string): string => req.params[key] ?? '';
const num = (req: RequestInfo, key: string): number => Number(param(req, key));
const created = (value: unknown): Reply => jsonReply(201, value);
const done = (): Reply => emptyReply(204);

export function createControlRouter(): Router<ControlHandler> {
  const r = new Router<ControlHandler>();
  r.add('POST', '/reset', (c) => (c.reset(), done()));
  r.add('GET', '/config', (c) => jsonReply(200, c.config()));
  r.add('PUT', '/config', (c, _req, b) => jsonReply(200, c.configure(b as never)));
  r.add('POST', '/tenants', (c, _req, b) => created(c.seedTenant(b as never)));
  r.add('POST', '/tenants/{tenant}/expire-tokens', (c, req) =>
    jsonReply(200, { expired: c.expireTokens(param(req, 'tenant')) }),
  );
  r.add('POST', '/admins', (c, _req, b) => created(c.seedAdmin(b as never)));
  r.add('POST', '/images', (c, _req, b) => (c.seedImage(b as never), done()));
  r.add('POST', '/pools', (c, _req, b) => created(c.seedPool(b as never)));
  r.add(
    'PUT',
    '/pools/{pool}/status',
    (c, req, b) => (c.setPoolStatus(param(req, 'pool'), field(b, 'status') as string), done()),
  );
  r.add('POST', '/load-balancers', (c, _req, b) => created(c.seedLoadBalancer(b as never)));
  r.add('DELETE', '/load-balancers/{lb:int}', (c, req) => (c.deleteLoadBalancer(num(req, 'lb')), done()));
  r.add('PUT', '/load-balancers/{lb:int}/status', (c, req, b) => {
    c.setLoadBalancerStatus(num(req, 'lb'), (field(b, 'status') ?? null) as string | null);
    return done();
  });
  r.add('DELETE', '/load-balancers/{lb:int}/nodes/{node:int}', (c, req) => {
    c.removeClbNode(num(req, 'lb'), num(req, 'node'));
    return done();
  });
  r.add('PUT', '/load-balancers/{lb:int}/nodes/{node:int}/status', (c, req, b) => {
    c.setClbNodeStatus(num(req, 'lb'), num(req, 'node'), field(b, 'status') as 'ONLINE');
    return done();
  });
  r.add('DELETE', '/servers/{id}', (c, req) => (c.deleteServer(param(req, 'id')), done()));
  r.add(
    'PUT',
    '/servers/{id}/status',
    (c, req, b) => (c.setServerStatus(param(req, 'id'), field(b, 'status') as string), done()),
  );
  r.add('POST', '/nova/behaviors', (c, _req, b) => created(c.addNovaBehaviour(b as never)));
  r.add('DELETE', '/nova/behaviors/{id}', (c, req) => (c.removeNovaBehaviour(param(req, 'id')), done()));
  r.add('POST', '/nova/delete-failures', (c, _req, b) => created(c.failServerDeletes(b as never)));
  r.add('POST', '/identity/behaviors', (c, _req, b) => created(c.addIdentityBehaviour(b as never)));
  r.add('DELETE', '/identity/behaviors/{id}', (c, req) => (c.removeIdentityBehaviour(param(req, 'id')), done()));
  r.add('GET', '/faults', (c) => jsonReply(200, { faults: c.listFaults() }));
  r.add('POST', '/faults', (c, _req, b) => created(c.addFault(b as never)));
  r.add('DELETE', '/faults', (c) => (c.clearFaults(), done()));
  r.add('DELETE', '/faults/{id}', (c, req) => (c.removeFault(param(req, 'id')), done()));
  r.add('GET', '/inventory', (c, req) =>
    jsonReply(
      200,
      c.inventory({
        ...(req.query.has('tenantId') ? { tenantId: req.query.get('tenantId') ?? '' } : {}),
        ...(req.query.has('region') ? { region: req.query.get('region') ?? '' } : {}),
      }),
    ),
  );
  r.add('GET', '/counters', (c) => jsonReply(200, c.counters()));
  r.add('DELETE', '/counters', (c) => (c.resetCounters(), done()));
  r.add('GET', '/clock', (c) => jsonReply(200, c.clockInfo()));
  r.add('POST', '/clock/advance', (c, _req, b) => {
    c.advanceClock(field(b, 'ms') as number);
    return jsonReply(200, c.clockInfo());
  });
  r.add('GET', '/urls/{service}/{region}/{tenant}', (c, req) =>
    jsonReply(200, {
      url: c.serviceUrl(req.baseUrl, param(req, 'service') as never, param(req, 'region'), param(req, 'tenant')),
    }),
  );
  return r;
}
