import { AppError } from '../../../../shared/errors/app-error.js';
import type { Logger } from '../../../../shared/logging/logger.js';
import type { HttpRequest, Transport, TransportResponse } from '../../../../shared/request/http-types.js';
import { redactUrl } from '../../../../shared/request/redact-url.js';
import type { ServiceCatalog } from '../../../../shared/request/token-source.js';
import { authFailure, classifyIdentityStatus } from '../core/auth-failure.js';
import {
  buildEndpointsRequest,
  buildImpersonationRequest,
  buildMossoRequest,
  buildTokensRequest,
  type Credentials,
} from '../core/identity-requests.js';
import { parseAccess, parseEndpoints, parseMossoUser, type ParsedToken } from '../core/identity-responses.js';

export interface IdentityClientDeps {
  readonly transport: Transport;
  readonly identityUrl: string;
  readonly adminUrl: string;
  readonly logger: Logger;
}

export type MossoAuth =
  { readonly basic: { readonly username: string; readonly password: string } } | { readonly token: string };

/**
 * The Identity v2.0 calls Kelp makes. Each either returns parsed data or throws an auth failure
 * (`details.reason`, `details.status`, `details.operation`) whose message names the tenant (or the admin
 * account) and never holds a token or credential.
 */
export class IdentityClient {
  readonly #deps: IdentityClientDeps;

  constructor(deps: IdentityClientDeps) {
    this.#deps = deps;
  }

  /** Password / API-key auth, scoped to `tenantId` when given (the admin account authenticates unscoped). */
  async authenticate(credentials: Credentials, subject: Subject): Promise<ParsedToken> {
    const request = buildTokensRequest(this.#deps.identityUrl, credentials, subject.tenantId ?? undefined);
    const response = await this.#send('authenticate', request, subject, [200, 203]);
    const parsed = parseAccess(response.body);
    if (parsed === undefined) throw badResponse('authenticate', subject);
    return parsed;
  }

  /** The username of a tenant (v1.1 mosso lookup; Identity answers 301). */
  async userForTenant(tenantId: string, auth: MossoAuth): Promise<string> {
    const subject = { tenantId, who: `tenant ${tenantId}` };
    const response = await this.#send(
      'mosso-lookup',
      buildMossoRequest(this.#deps.adminUrl, tenantId, auth),
      subject,
      [301],
    );
    const username = parseMossoUser(response.body);
    if (username === undefined) throw badResponse('mosso-lookup', subject);
    return username;
  }

  /** An impersonation token for `username`, issued to the admin. */
  async impersonate(
    adminToken: string,
    username: string,
    expireInSeconds: number,
    tenantId: string,
  ): Promise<ParsedToken> {
    const subject = { tenantId, who: `tenant ${tenantId}` };
    const request = buildImpersonationRequest(this.#deps.adminUrl, adminToken, username, expireInSeconds);
    const response = await this.#send('impersonate', request, subject, [200, 203]);
    const parsed = parseAccess(response.body);
    if (parsed === undefined) throw badResponse('impersonate', subject);
    return parsed;
  }

  /** The service catalog of a token (endpoints for token, grouped into catalog entries). */
  async endpointsForToken(adminToken: string, token: string, tenantId: string): Promise<ServiceCatalog> {
    const subject = { tenantId, who: `tenant ${tenantId}` };
    const request = buildEndpointsRequest(this.#deps.adminUrl, adminToken, token);
    const response = await this.#send('endpoints-for-token', request, subject, [200, 203]);
    const catalog = parseEndpoints(response.body);
    if (catalog === undefined) throw badResponse('endpoints-for-token', subject);
    return catalog;
  }

  async #send(
    operation: string,
    request: HttpRequest,
    subject: Subject,
    ok: readonly number[],
  ): Promise<TransportResponse> {
    let response: TransportResponse;
    try {
      response = await this.#deps.transport(request);
    } catch (error) {
      this.#deps.logger.warn('identity-call-failed', {
        operation,
        tenantId: subject.tenantId,
        url: redactUrl(request.url),
      });
      throw authFailure(
        { reason: 'identity-unavailable', tenantId: subject.tenantId, operation },
        `Identity did not answer (${operation}) for ${subject.who}: ${AppError.is(error) ? error.kind : 'error'}`,
        true,
        error,
      );
    }
    this.#deps.logger.debug('identity-call', {
      operation,
      tenantId: subject.tenantId,
      url: redactUrl(request.url),
      status: response.status,
    });
    if (ok.includes(response.status)) return response;
    const { reason, retryable } = classifyIdentityStatus(response.status);
    throw authFailure(
      { reason, tenantId: subject.tenantId, status: response.status, operation },
      `${describeReason(reason)} (${operation}, status ${response.status}) for ${subject.who}`,
      retryable,
    );
  }
}

/** Whose token is being fetched, for messages: a tenant, or the admin account (`tenantId` null). */
export interface Subject {
  readonly tenantId: string | null;
  readonly who: string;
}

function badResponse(operation: string, subject: Subject): AppError {
  return authFailure(
    { reason: 'bad-response', tenantId: subject.tenantId, operation },
    `Identity answered ${operation} for ${subject.who} with a body Kelp cannot use`,
    false,
  );
}

function describeReason(reason: string): string {
  switch (reason) {
    case 'rejected':
      return 'Identity rejected the credentials';
    case 'unknown-tenant':
      return 'Identity does not know the tenant';
    case 'identity-unavailable':
      return 'Identity is unavailable';
    default:
      return 'Identity answered unexpectedly';
  }
}
