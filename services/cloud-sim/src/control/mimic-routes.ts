/**
 * Mimic-compatible control endpoints, so one test script can drive mimic and this simulator alike:
 * `POST /mimic/v1.1/tick`, the Identity behaviour registry, and the tenant-scoped control planes behind
 * the catalog's `cloudServersBehavior` and `cloudLoadBalancerControl` entries (cloud-apis.md §3.4, §4.5).
 */
import { isRecord, parseJson } from '../http/body.js';
import { forceLbStatus } from '../clb/lb-record.js';
import { clbError } from '../clb/clb-errors.js';
import { findLb } from '../clb/lb-store.js';
import type { RequestInfo, ServiceRoute, TenantRequest } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { emptyReply, jsonReply } from '../http/reply.js';
import { Router } from '../http/router.js';
import { forceStatus, viewServer } from '../nova/server-record.js';
import type { SimState } from '../state/sim-state.js';
import { isoMillis } from '../clock.js';
import type { SimControl } from './sim-control.js';

export type MimicHandler = (control: SimControl, req: RequestInfo) => Reply;

const body = (req: RequestInfo): unknown => {
  const parsed = parseJson(req.body);
  return parsed.ok ? parsed.value : undefined;
};

/** Routes below `/mimic`. */
export function createMimicRouter(): Router<MimicHandler> {
  return new Router<MimicHandler>()
    .add('POST', '/v1.1/tick', (control, req) => {
      const b = body(req);
      const amount = isRecord(b) ? b['amount'] : undefined;
      if (typeof amount !== 'number' || !(amount >= 0)) return emptyReply(400);
      const now = controlAdvance(control, amount * 1000);
      if (now === null) return jsonReply(409, { message: 'the clock is real-time and cannot be advanced', code: 409 });
      return jsonReply(200, { advanced: amount, now: isoMillis(now) });
    })
    .add('POST', '/v1.1/IdentityControlAPI/behaviors/auth', (control, req) => {
      const result = control.state.identityBehaviours.register(body(req));
      return result.ok ? jsonReply(201, { id: result.id }) : emptyReply(400);
    })
    .add('DELETE', '/v1.1/IdentityControlAPI/behaviors/auth/{id}', (control, req) =>
      emptyReply(control.state.identityBehaviours.remove(req.params['id'] ?? '') ? 204 : 404),
    );
}

function controlAdvance(control: SimControl, ms: number): number | null {
  try {
    return control.advanceClock(ms);
  } catch {
    return null;
  }
}

const route = (handle: ServiceRoute['handle']): ServiceRoute => ({ handle });

/** Nova's control plane (`cloudServersBehavior`), paths below `/v2/{tenant}`. */
export function createNovaControlRouter(): Router<ServiceRoute> {
  return new Router<ServiceRoute>()
    .add(
      'POST',
      '/behaviors/creation',
      route((state, req) => {
        const result = state.partition(req.tenantId, req.region).creation.register(body(req));
        return result.ok ? jsonReply(201, { id: result.id }) : emptyReply(400);
      }),
    )
    .add(
      'DELETE',
      '/behaviors/creation/{id}',
      route((state, req) =>
        emptyReply(state.partition(req.tenantId, req.region).creation.remove(req.params['id'] ?? '') ? 204 : 404),
      ),
    )
    .add('POST', '/attributes', route(setServerAttributes));
}

function setServerAttributes(state: SimState, req: TenantRequest): Reply {
  const b = body(req);
  const statuses = isRecord(b) ? b['status'] : undefined;
  if (!isRecord(statuses)) return emptyReply(400);
  const partition = state.partition(req.tenantId, req.region);
  const targets = Object.entries(statuses).map(([id, status]) => ({ server: partition.servers.get(id), status }));
  const valid = targets.every(
    (t) => t.server !== undefined && typeof t.status === 'string' && !viewServer(t.server, req.now).gone,
  );
  if (!valid) return emptyReply(400);
  for (const t of targets) if (t.server !== undefined) forceStatus(t.server, t.status as string, req.now);
  return emptyReply(201);
}

const MIMIC_LB_STATUSES = ['ACTIVE', 'ERROR', 'PENDING_DELETE', 'PENDING_UPDATE'];

/** CLB's control plane (`cloudLoadBalancerControl`), paths below `/v2/{tenant}`. */
export function createClbControlRouter(): Router<ServiceRoute> {
  return new Router<ServiceRoute>()
    .add(
      'PATCH',
      '/loadbalancer/{lb:int}/attributes',
      route((state, req) => {
        const found = findLb(state, req.tenantId, req.region, req.params['lb'], req.now);
        if (found === undefined)
          return clbError(404, `Tenant ${req.tenantId} doesn't own load balancer ${req.params['lb'] ?? ''}`);
        const parsed = parseJson(req.body);
        if (!parsed.ok || !isRecord(parsed.value)) return clbError(400, 'Invalid JSON request body');
        if (Object.keys(parsed.value).some((key) => key !== 'status'))
          return clbError(400, 'Attempt to alter a bad attribute');
        const status = parsed.value['status'];
        if (typeof status !== 'string' || !MIMIC_LB_STATUSES.includes(status)) {
          return clbError(
            400,
            `Unsupported status ${String(status)} not one of ['ACTIVE', 'ERROR', 'PENDING_DELETE', 'PENDING_UPDATE']`,
          );
        }
        forceLbStatus(found.lb, status, req.now);
        return emptyReply(204);
      }),
    )
    .add(
      'PUT',
      '/loadbalancers/{lb:int}/nodes/{node:int}/status',
      route((state, req) => {
        const found = findLb(state, req.tenantId, req.region, req.params['lb'], req.now);
        const lbId = req.params['lb'] ?? '';
        if (found === undefined) return clbError(404, `Tenant ${req.tenantId} doesn't own load balancer ${lbId}`);
        const node = found.lb.nodes.find((n) => String(n.id) === req.params['node']);
        if (node === undefined) {
          return clbError(
            404,
            `Load balancer ${lbId} on tenant ${req.tenantId} does not have node ${req.params['node'] ?? ''}`,
          );
        }
        const b = body(req);
        const status = isRecord(b) ? b['status'] : undefined;
        if (status !== 'ONLINE' && status !== 'OFFLINE') {
          return clbError(400, 'status key not found or it must have ONLINE or OFFLINE value');
        }
        node.status = status;
        return emptyReply(200);
      }),
    );
}
