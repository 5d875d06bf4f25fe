/**
 * `POST /v2.0/tokens`: password, API-key and token+tenant authentication. Beyond mimic, credentials are
 * checked. A valid login token is reused until it expires (as Identity does). Every attempt is counted
 * per tenant (the tenant asked for, else the user's).
 */
import { parseJson } from '../http/body.js';
import type { RequestInfo } from '../http/request-info.js';
import type { Reply } from '../http/reply.js';
import { jsonReply } from '../http/reply.js';
import type { SimState } from '../state/sim-state.js';
import type { AuthMethod } from './access-document.js';
import { accessDocument } from './access-document.js';
import { identityFailReply } from './identity-behaviours.js';
import { IDENTITY_TEXTS, identityBadRequest, unauthorized } from './identity-errors.js';
import type { TokenRecord, UserRecord } from './identity-state.js';
import type { AuthRequest } from './parse-auth.js';
import { parseAuthRequest } from './parse-auth.js';

type AuthOutcome = { ok: true; user: UserRecord; token: TokenRecord; method: AuthMethod } | { ok: false; reply: Reply };

function authenticate(state: SimState, auth: AuthRequest, now: number): AuthOutcome {
  const identity = state.identity;
  if (auth.kind === 'token') {
    const check = identity.check(auth.tokenId, now);
    const user = check.kind === 'valid' ? identity.users.get(check.token.username) : undefined;
    if (check.kind !== 'valid' || user === undefined)
      return { ok: false, reply: unauthorized(IDENTITY_TEXTS.badCredentials) };
    if (check.token.tenantId !== auth.tenant) {
      return { ok: false, reply: unauthorized(IDENTITY_TEXTS.tokenNotForTenant(auth.tenant)) };
    }
    return { ok: true, user, token: check.token, method: 'TOKEN' };
  }
  const user = identity.users.get(auth.username);
  const secretOk = user !== undefined && (auth.kind === 'password' ? user.password : user.apiKey) === auth.secret;
  if (user === undefined || !secretOk) return { ok: false, reply: unauthorized(IDENTITY_TEXTS.badCredentials) };
  if (auth.tenant !== null && auth.tenant !== user.tenantId) {
    return { ok: false, reply: unauthorized(IDENTITY_TEXTS.tenantNotValid(auth.tenant, user.username, user.userId)) };
  }
  const token = identity.loginToken(user, now, state.config.tokenTtlMs);
  return { ok: true, user, token, method: auth.kind === 'password' ? 'PASSWORD' : 'APIKEY' };
}

function tenantOf(state: SimState, auth: AuthRequest): string {
  if (auth.tenant !== null) return auth.tenant;
  if (auth.kind === 'token') return '?';
  return state.identity.users.get(auth.username)?.tenantId ?? '?';
}

export function postTokens(state: SimState, req: RequestInfo): Reply {
  const parsed = parseJson(req.body);
  const auth = parsed.ok ? parseAuthRequest(parsed.value) : null;
  if (auth === null) return identityBadRequest();
  state.counters.count(state.counters.authentications, tenantOf(state, auth));
  const behaviour = state.identityBehaviours.resolve({
    username: auth.kind === 'token' ? null : auth.username,
    tenantId: auth.tenant,
  });
  if (behaviour.name === 'fail') return identityFailReply(behaviour.parameters);
  const outcome = authenticate(state, auth, req.now);
  if (!outcome.ok) return outcome.reply;
  return jsonReply(
    200,
    accessDocument(state, outcome.user, outcome.token, req.baseUrl, { catalog: true, method: outcome.method }),
  );
}
