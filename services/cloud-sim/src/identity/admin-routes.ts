/**
 * Identity admin endpoints used by impersonation (cloud-apis.md §2.5–2.6, otter-behaviour.md §4.2):
 * v1.1 mosso user lookup (301), impersonation tokens, endpoints for a token, token validation, and the
 * tenant list. Beyond mimic: the admin token is checked (401 without a valid one, 403 for a non-admin),
 * and unknown tokens and users are 404s.
 */
import { isRecord, parseJson } from '../http/body.js';
import type { RequestInfo } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { jsonReply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import { isoMillis } from '../clock.js';
import { accessDocument } from './access-document.js';
import { buildCatalog, flattenCatalog } from './catalog.js';
import { identityFailReply } from './identity-behaviours.js';
import { forbidden, IDENTITY_TEXTS, identityBadRequest, itemNotFound, unauthorized } from './identity-errors.js';
import type { UserRecord } from './identity-state.js';

function headerToken(req: RequestInfo): string | undefined {
  const value = req.headers['x-auth-token'];
  return Array.isArray(value) ? value[0] : value;
}

/** The admin user behind the request's X-Auth-Token (or HTTP Basic credentials when `basic`), or an error reply. */
export function requireAdmin(state: SimState, req: RequestInfo, basic = false): UserRecord | Reply {
  let user: UserRecord | undefined;
  const authorization = req.headers.authorization;
  if (basic && authorization?.startsWith('Basic ') === true) {
    const [username = '', ...rest] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
    const candidate = state.identity.users.get(username);
    if (candidate === undefined || candidate.password !== rest.join(':'))
      return unauthorized(IDENTITY_TEXTS.badCredentials);
    user = candidate;
  } else {
    const check = state.identity.check(headerToken(req), req.now);
    if (check.kind !== 'valid') return unauthorized(IDENTITY_TEXTS.noToken);
    user = state.identity.users.get(check.token.username);
  }
  if (user === undefined || !user.admin) return forbidden(IDENTITY_TEXTS.notAuthorized);
  return user;
}

const isUser = (value: UserRecord | Reply): value is UserRecord => 'username' in value;

export function mossoLookup(state: SimState, req: RequestInfo): Reply {
  const admin = requireAdmin(state, req, true);
  if (!isUser(admin)) return admin;
  const tenantId = req.params['tenant'] ?? '';
  state.counters.count(state.counters.mossoLookups, tenantId);
  const user = state.identity.userOfTenant(tenantId);
  if (user === undefined) return itemNotFound(IDENTITY_TEXTS.tenantNotFound(tenantId));
  return jsonReply(301, { user: { id: user.username } });
}

export function impersonate(state: SimState, req: RequestInfo): Reply {
  const admin = requireAdmin(state, req);
  if (!isUser(admin)) return admin;
  const parsed = parseJson(req.body);
  const body = parsed.ok && isRecord(parsed.value) ? parsed.value['RAX-AUTH:impersonation'] : undefined;
  const username = isRecord(body) && isRecord(body['user']) ? body['user']['username'] : undefined;
  const seconds = isRecord(body) ? (body['expire-in-seconds'] ?? 86_400) : undefined;
  if (typeof username !== 'string' || !Number.isInteger(seconds) || (seconds as number) <= 0)
    return identityBadRequest();
  const behaviour = state.identityBehaviours.resolve({ username, tenantId: null });
  if (behaviour.name === 'fail') return identityFailReply(behaviour.parameters);
  const user = state.identity.users.get(username);
  if (user === undefined || user.tenantId === null) return itemNotFound(IDENTITY_TEXTS.userNotFound(username));
  state.counters.count(state.counters.impersonations, user.tenantId);
  const token = state.identity.issue(user, 'impersonation', req.now + (seconds as number) * 1000);
  return jsonReply(200, { access: { token: { id: token.id, expires: isoMillis(token.expiresAt) } } });
}

export function endpointsForToken(state: SimState, req: RequestInfo): Reply {
  const admin = requireAdmin(state, req);
  if (!isUser(admin)) return admin;
  const check = state.identity.check(req.params['token'], req.now);
  if (check.kind !== 'valid' || check.token.tenantId === null) return itemNotFound(IDENTITY_TEXTS.tokenNotFound);
  state.counters.count(state.counters.endpointLookups, check.token.tenantId);
  const catalog = buildCatalog(req.baseUrl, check.token.tenantId, {
    segments: state.segments,
    regions: state.regions,
    decoys: state.decoys,
  });
  return jsonReply(200, { endpoints: flattenCatalog(catalog) });
}

export function validateToken(state: SimState, req: RequestInfo): Reply {
  const admin = requireAdmin(state, req);
  if (!isUser(admin)) return admin;
  const check = state.identity.check(req.params['token'], req.now);
  const belongsTo = req.query.get('belongsTo');
  if (check.kind !== 'valid' || (belongsTo !== null && belongsTo !== check.token.tenantId)) {
    return itemNotFound(IDENTITY_TEXTS.tokenNotFound);
  }
  const user = state.identity.users.get(check.token.username);
  if (user === undefined) return itemNotFound(IDENTITY_TEXTS.tokenNotFound);
  return jsonReply(200, accessDocument(state, user, check.token, req.baseUrl, { catalog: false, method: 'PASSWORD' }));
}

export function listTenants(state: SimState, req: RequestInfo): Reply {
  const check = state.identity.check(headerToken(req), req.now);
  if (check.kind !== 'valid') return unauthorized(IDENTITY_TEXTS.noToken);
  const tenants =
    check.token.tenantId === null ? [] : [{ id: check.token.tenantId, name: check.token.tenantId, enabled: true }];
  return jsonReply(200, { tenants });
}
