import { z } from 'zod';
import type { Envelope } from './envelope.js';

/**
 * The auth service's RPC contract on `QUEUES.authRpc` (answered on `EXCHANGES.replies`). Requests: `get-token`,
 * `invalidate-token`. Replies: `token`, `token-invalidated`, or `auth-error` (never a timeout for a tenant
 * the service cannot authenticate). Tokens travel in payloads only, never in headers or error texts.
 */
export const AUTH_MESSAGE_TYPES = {
  getToken: 'get-token',
  invalidateToken: 'invalidate-token',
  token: 'token',
  tokenInvalidated: 'token-invalidated',
  error: 'auth-error',
} as const;

const tenantId = z.string().min(1).max(200);
const token = z.string().min(1).max(8192);

export const GetTokenPayloadSchema = z.object({ tenantId }).strict();
export const InvalidateTokenPayloadSchema = z.object({ tenantId, token }).strict();

export const CatalogEndpointSchema = z.object({
  region: z.string().optional(),
  publicURL: z.string().min(1),
  internalURL: z.string().optional(),
  tenantId: z.string().optional(),
});

export const ServiceCatalogSchema = z.array(
  z.object({ name: z.string(), type: z.string(), endpoints: z.array(CatalogEndpointSchema) }),
);

export const TokenReplySchema = z.object({
  tenantId,
  token,
  catalog: ServiceCatalogSchema,
  /** Epoch milliseconds. */
  expiresAt: z.number().int(),
});

export const TokenInvalidatedReplySchema = z.object({ tenantId });

/** Why the auth service could not answer with a token. */
export const AUTH_FAILURE_REASONS = [
  'unknown-tenant', // no credentials / Identity does not know the tenant
  'rejected', // Identity refused the credentials
  'identity-unavailable', // Identity unreachable or failing after retries
  'bad-response', // Identity answered something we cannot use
  'malformed-request', // the RPC request itself was invalid
  'internal',
] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

export const AuthErrorReplySchema = z.object({
  tenantId: tenantId.nullable(),
  reason: z.enum(AUTH_FAILURE_REASONS),
  message: z.string().max(2000),
  retryable: z.boolean(),
});

export type GetTokenPayload = z.infer<typeof GetTokenPayloadSchema>;
export type InvalidateTokenPayload = z.infer<typeof InvalidateTokenPayloadSchema>;
export type TokenReply = z.infer<typeof TokenReplySchema>;
export type TokenInvalidatedReply = z.infer<typeof TokenInvalidatedReplySchema>;
export type AuthErrorReply = z.infer<typeof AuthErrorReplySchema>;

export type AuthRequest =
  | { readonly op: 'get-token'; readonly tenantId: string }
  | { readonly op: 'invalidate-token'; readonly tenantId: string; readonly token: string };

export type DecodedAuthRequest =
  | { readonly ok: true; readonly request: AuthRequest }
  | { readonly ok: false; readonly reason: string; readonly tenantId: string | null };

/**
 * Validates an RPC request envelope: known type, valid payload, payload tenant equal to the envelope's.
 * Pure; the reason never quotes payload values (an invalidate request carries a token).
 */
export function decodeAuthRequest(envelope: Envelope): DecodedAuthRequest {
  const fail = (reason: string): DecodedAuthRequest => ({ ok: false, reason, tenantId: envelope.tenantId });
  if (envelope.type === AUTH_MESSAGE_TYPES.getToken) {
    const parsed = GetTokenPayloadSchema.safeParse(envelope.payload);
    if (!parsed.success) return fail(`invalid get-token payload: ${describeIssues(parsed.error)}`);
    if (parsed.data.tenantId !== envelope.tenantId) return fail('payload tenantId differs from the envelope tenantId');
    return { ok: true, request: { op: 'get-token', tenantId: parsed.data.tenantId } };
  }
  if (envelope.type === AUTH_MESSAGE_TYPES.invalidateToken) {
    const parsed = InvalidateTokenPayloadSchema.safeParse(envelope.payload);
    if (!parsed.success) return fail(`invalid invalidate-token payload: ${describeIssues(parsed.error)}`);
    if (parsed.data.tenantId !== envelope.tenantId) return fail('payload tenantId differs from the envelope tenantId');
    return { ok: true, request: { op: 'invalidate-token', ...parsed.data } };
  }
  return fail(`unknown auth request type "${envelope.type.slice(0, 100)}"`);
}

/** Paths and issue codes only: zod messages may echo input values. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(payload)'}: ${issue.code}`)
    .join('; ');
}
